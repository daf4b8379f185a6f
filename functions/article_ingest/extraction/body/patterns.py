"""What boilerplate looks like in markup: tags, class/id words and short stock lines."""

from __future__ import annotations

import re

# Never part of a story's text.
JUNK_TAGS = frozenset(
    {
        "script", "style", "template", "svg", "math", "iframe", "frame", "frameset", "object", "embed",
        "applet", "canvas", "noscript", "video", "audio", "source", "track", "map", "button", "input", "select",
        "option", "textarea", "label", "link", "meta", "head", "dialog", "title",
    }
)  # fmt: skip
# Page furniture by HTML semantics; removed unless it holds most of the page's paragraph text.
FURNITURE_TAGS = frozenset({"nav", "aside", "footer", "header", "figure", "figcaption", "picture", "form", "menu"})
# Elements that start a new paragraph when rendering text.
BLOCK_TAGS = frozenset(
    {
        "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt",
        "dd", "blockquote", "pre", "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption", "hr", "address",
        "center", "details", "summary", "fieldset", "legend", "body", "html", "header", "footer", "nav", "aside",
        "figure", "figcaption", "form", "hgroup", "menu",
    }
)  # fmt: skip
HEADING_TAGS = frozenset({"h2", "h3", "h4", "h5", "h6"})
ALL_HEADING_TAGS = HEADING_TAGS | {"h1"}


def _grouped(fragments: tuple[str, ...]) -> re.Pattern[str]:
    """One regex for many alternatives, grouped by first character.

    sre tries every alternative at every position; grouped under a literal first character, it skips most of
    them at once (about 4x faster here). A fragment starting with "^" must start a word (not after a letter,
    digit, "_"), with "^^" not after "-" either; every other fragment's first character must be a literal.
    """
    groups: dict[str, list[str]] = {}
    for fragment in fragments:
        if fragment.startswith("^^"):
            first, rest = fragment[2], f"(?<![\\w-]{re.escape(fragment[2])})" + fragment[3:]
        elif fragment.startswith("^"):
            first, rest = fragment[1], f"(?<!\\w{re.escape(fragment[1])})" + fragment[2:]
        else:
            first, rest = fragment[0], fragment[1:]
        groups.setdefault(first, []).append(rest)
    return re.compile("|".join(f"{re.escape(first)}(?:{'|'.join(rests)})" for first, rests in groups.items()))


# class words of text shown to screen readers only (a furniture word too)
_HIDDEN_FRAGMENTS = ("visually-hidden", "sr-only", "screen-reader", r"^^hidden(?![\w-])")
HIDDEN_RE = _grouped(_HIDDEN_FRAGMENTS)
# class/id words of furniture, matched against the lower-cased class and id (see clean.is_negative). The meta-line
# words take any joint, as the story words do ("post-meta", "postmeta", "entry_meta": WordPress themes use all three).
_NEGATIVE_FRAGMENTS = (
    "trackback",  # a blog post's pings from other weblogs ("TrackBack URL for this entry:"), beside its comments
    "comment", "disqus", "replies", "share", "sharing", "social", "related", "recommend", "trending", "popular",
    "most-?read", "mostviewed", "newsletter", "subscri", "signup", "sign-up", "promo", "sidebar", "side-bar",
    "advert", "sponsor", r"^ads?\b", "^ad-", r"-ad\b", r"_ad\b", "adslot", "dfp", "gpt-", "outbrain", "taboola",
    "cookie", "consent", "gdpr", "footer", "breadcrumb", "byline", "by-line", "author", "caption", "credit",
    "disclaimer", "^nav", "navbar", "menu", "widget", "modal", "pagination", "pager", "masthead",
    "banner", r"^tags?\b", "tag-list", "taglist", "keywords", r"^topics\b", "post[-_]?meta", "article[-_]?meta",
    "entry[-_]?meta", r"^meta\b", "timestamp", "publish-date", "read-?more", "more-stories", "also-read",
    "readalso", "next-article", "rating", "login", "register", "paywall", "regwall", "piano", "skip-link",
    "print-only", *_HIDDEN_FRAGMENTS, "teaser-list", "carousel",
    "slider", "jump", "tooltip", "overlay", "feedback", "survey", "follow", "inline-link", "more-from",
    "around-the-web", "you-may-like", "headline-list", "video-player", "player", "playlist", "contact", "copyright",
    "legal", "subnav", "crumbs", "standfirst", "strapline", r"^dek\b", "kicker",
)  # fmt: skip
NEGATIVE_RE = _grouped(_NEGATIVE_FRAGMENTS)
POSITIVE_RE = re.compile(
    r"article|body|content|entry|main|post|story|text|blog|prose|rich-?text|paragraph|chapter|column-main",
    re.IGNORECASE,
)
# A class/id this strongly positive protects an element from the negative list (e.g. "article-body"). Not "embed":
# a box named so is something set into the story (a teaser of another story, a gallery, a player), not its text; a
# post the story quotes in it is kept by what it holds (`clean._wraps_embedded_post`).
PROTECTING_RE = re.compile(  # separators as in "article-body", "articleBody", "entry__content" (BEM)
    r"article[-_]*body|story[-_]*body|post[-_]*body|entry[-_]*content|post[-_]*content|article[-_]*content|"
    r"article[-_]*text|story[-_]*text|body[-_]*text|main[-_]*content|story[-_]*content|rich[-_]*text"
)
# Short stock lines that sit between story paragraphs, or after them (a blog's "Previous Post" / "Next Post").
STOCK_LINE_RE = re.compile(
    r"^\W*(advertisement|advertisment|anzeige|publicidad|publicité|pubblicità|реклама|sponsored( content)?|"
    r"story continues below( advertisement)?|article continues below|continue reading( below)?|"
    r"read more|read also|see also|related( articles?| stories| coverage| content)?|more on this|"
    r"share( this( article| story)?)?( on \w+)?|click here.*|sign up.*|subscribe.*|follow us.*|"
    r"listen to (this )?article.*|watch:?.*video|loading\W*|image|photo|getty images|"
    r"skip (to|the) .*|scroll to continue.*|back to top|top of page|print|email|tweet|pin it|whatsapp|"
    # a blog's links to its neighbours and a related-posts box with nothing in it, left as plain text
    r"(previous|prev|next|older|newer) (article|post|story|entry|entries|posts)|"
    r"no related (posts|articles|stories))\W*$",
    re.IGNORECASE,
)
STOCK_LINE_MAX = 60


def is_link_line(length: int, link_chars: int) -> bool:
    """A link line ("Read more: <headline>", a pager's "Page 2"): mostly link, next to no words of its own."""
    return link_chars / length > 0.6 and length < 300 and length - link_chars < 25


_MONTHS = (
    r"jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|oct(ober)?|nov(ember)?|"
    r"dec(ember)?"
)
_WEEKDAYS = r"(mon|tues?|wed(nes)?|thu(rs)?|fri|sat(ur)?|sun)(day)?"
# A line that is only a date/time stamp, optionally introduced ("Updated: 27-02-2026 23:42 IST").
DATE_LINE_RE = re.compile(
    rf"^\W*((posted|published|updated|last updated|created|modified)( on| at)?\W*)?"
    rf"({_WEEKDAYS}\W*)?(\d{{1,4}}[-./]\d{{1,2}}[-./]\d{{1,4}}|({_MONTHS})\.?\s+\d{{1,2}}(st|nd|rd|th)?,?\s+\d{{4}}|"
    rf"\d{{1,2}}\.?\s+({_MONTHS})\.?,?\s+\d{{4}})"
    rf"([\s,|·-]*(at\s+)?\d{{1,2}}[:.]\d{{2}}(\s*[ap]\.?m\.?)?(\s*[a-z]{{2,5}}\b)?)?\W*$",
    re.IGNORECASE,
)
# A short "By Jane Doe and John Roe" line: a byline the metadata stage reads, never story text.
BYLINE_RE = re.compile(r"^(by|von|par|por|di|door|av|af)\s+\S.{0,80}$", re.IGNORECASE)
# Sign-off lines after the story: contact details, newsletter pitches. (A wire's rights notice stays: it is
# part of the story as published.)
TRAILER_RE = re.compile(
    r"newsletter|\bsubscribe\b|sign up|\bfollow (us|him|her|them|me)\b|\b(may|can) be reached\b|"
    r"\breach (him|her|them) at\b|"
    r"have a tip|send (us )?(a )?tips?|contact (us|the author|the writer)",
    re.IGNORECASE,
)
TRAILER_MAX = 300
# "Updated at 1:23 p.m.": a time stamp without a day.
TIME_LINE_RE = re.compile(
    r"^\W*(posted|published|updated|last updated|modified)( on| at)?\W*\d{1,2}[:.]\d{2}(\s*[ap]\.?m\.?)?"
    r"(\s*[a-z]{2,5}\b)?\W*$",
    re.IGNORECASE,
)
# An embedded post the story quotes (tweet, Instagram, TikTok, Facebook, Bluesky, Mastodon...).
EMBEDDED_POST_RE = re.compile(r"tweet|twitter|instagram|tiktok|facebook-post|fb-post|bluesky|mastodon|embed")

# Words a date stamp is made of, in the languages news pages mostly use: a short line with a digit and only these
# words ("segunda-feira, 22 de janeiro de 2018 às 0:13", "Aktualisiert am 3. März 2026, 14:05 Uhr") is a stamp.
_DATE_WORD_LIST = (
    "jan", "january", "feb", "february", "mar", "march", "apr", "april", "may", "jun", "june", "jul", "july", "aug",
    "august", "sep", "sept", "september", "oct", "october", "nov", "november", "dec", "december", "mon", "monday",
    "tue", "tues", "tuesday", "wed", "wednesday", "thu", "thur", "thurs", "thursday", "fri", "friday", "sat",
    "saturday", "sun", "sunday", "am", "pm", "a", "m", "p", "st", "nd", "rd", "th", "at", "on", "of", "the",
    "updated", "update", "published", "posted", "created", "modified", "last", "januar", "februar", "märz", "maerz",
    "mai", "juni", "juli", "oktober", "dezember", "montag", "dienstag", "mittwoch", "donnerstag", "freitag",
    "samstag", "sonntag", "uhr", "um", "aktualisiert", "veröffentlicht", "stand", "zuletzt", "janvier", "février",
    "fevrier", "mars", "avril", "juin", "juillet", "août", "aout", "septembre", "octobre", "novembre", "décembre",
    "decembre", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "le", "à", "h", "mis",
    "jour", "publié", "publie", "modifié", "er", "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio",
    "agosto", "septiembre", "setiembre", "octubre", "noviembre", "diciembre", "lunes", "martes", "miércoles",
    "miercoles", "jueves", "viernes", "sábado", "sabado", "domingo", "de", "del", "el", "las", "actualizado",
    "publicado", "hs", "janeiro", "fevereiro", "março", "marco", "maio", "junho", "julho", "setembro", "outubro",
    "novembro", "dezembro", "segunda", "terça", "terca", "quarta", "quinta", "sexta", "feira", "às", "as",
    "atualizado", "atualizada", "em", "gennaio", "febbraio", "aprile", "maggio", "giugno", "luglio", "settembre",
    "ottobre", "dicembre", "lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica", "alle",
    "ore", "il", "aggiornato", "pubblicato", "januari", "februari", "maart", "mei", "augustus", "maandag", "dinsdag",
    "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag", "om", "bijgewerkt", "gepubliceerd", "gmt", "utc",
    "cet", "cest", "bst", "est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt", "ist", "jst", "aest", "aedt",
    "sast", "wat", "eat",
)  # fmt: skip
DATE_WORDS = frozenset(_DATE_WORD_LIST)
DATE_LINE_MAX = 80
# What makes a stamp a date rather than a bare time (live blogs keep "4:14 p.m." entry times as text): a month or
# weekday name, i.e. the English names at the head of the list plus every longer date word except the lead words.
DAY_NAMES = frozenset(_DATE_WORD_LIST[: _DATE_WORD_LIST.index("am")]) | frozenset(
    word for word in _DATE_WORD_LIST if len(word) > 3 and word not in {"updated", "update", "published", "posted"}
)
# A picture credit line left in the story flow ("installation views, photos © Inexhibit, 2018").
CREDIT_LINE_RE = re.compile(
    r"(©|\(c\)|copyright).*\b(photos?|fotos?|images?|pictures?|illustrations?|getty|shutterstock|istock|"
    r"reuters/|ap photo|afp photo)|\b(photos?|fotos?|images?|pictures?|illustrations?)\b.*(©|\(c\))",
    re.IGNORECASE,
)
CREDIT_LINE_MAX = 150
# Negative words that describe a feature attached to story text (share buttons, a paywall marker), not a kind of
# content: many elements of such a class may together hold the story. Comments, related lists... never do.
ATTACHED_FEATURE_RE = re.compile(r"share|sharing|social|paywall|regwall|piano|premium|locked|subscriber")
COMMENT_RE = re.compile(r"comment|disqus|repl(y|ies)")
CONTENT_KIND_RE = re.compile(
    r"comment|disqus|repl|related|recommend|trending|popular|sidebar|footer|nav|menu|promo|advert|newsletter|"
    r"widget|teaser|more-|also|next"
)
# PHP error output a broken CMS prints into the page ("Strict Standards: ... in /www/... on line 785").
SERVER_ERROR_LINE_RE = re.compile(
    r"^(strict standards|warning|notice|deprecated|fatal error|parse error): .* on line \d+\W*$", re.IGNORECASE
)
