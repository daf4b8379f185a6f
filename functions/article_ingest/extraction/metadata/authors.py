"""Author normalizer: raw byline strings -> clean person or desk names.

No "By", no e-mail addresses or URLs, no dates, no job titles, no site names posing as authors;
"A and B" / "A, B & C" are split into names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from article_ingest.extraction.metadata.dates import MONTH_NAMES
from article_ingest.extraction.metadata.text import clean_text

_PREFIX_RE = re.compile(
    r"^(?:(?:written|posted|reported|published|text|words|story|photos?|interview|compiled|edited)\s+by"
    r"|(?:zeige|view|see|show)\s+all(?:e)?\s+(?:posts|beiträge|articles|artikel|stories)\s+(?:by|von)"
    r"|alle\s+(?:beiträge|artikel)\s+von|more\s+(?:from|by)|mehr\s+von|articles?\s+by"
    r"|(?:eingestellt|gepostet|verfasst|geschrieben|veröffentlicht)\s+von|(?:publié|écrit|rédigé)\s+par"
    r"|(?:publicado|escrito)\s+por|(?:pubblicato|scritto)\s+da|(?:geplaatst|geschreven)\s+door"
    r"|by|von|vom|von der|par|por|door|af|av|autor(?:in)?|author|auteur|autore|text|texto|texte|from|with)"
    r"\s*[:\-–]?\s+",
    re.I,
)
_LABEL_RE = re.compile(
    r"^(?:(?:authors?|autor(?:en|in)?|auteurs?|autores?|byline|reporter|redaktion|interview|text|texto|texte)\s*:"
    r"|(?:责任编辑|作者|記者|编辑)\s*[:：])\s*",
    re.I,
)
_NOISE_RE = re.compile(
    r"\b(?:e-?mail(?:\s+the)?\s+(?:author|me|us)|follow(?:\s+(?:me|us|on))?\b.*"
    r"|read\s+more.*|contact\s+(?:the\s+)?author|(?:foto|photo|bild|image|illustration|grafik)s?\s*:.*"
    r"|view\s+(?:full\s+)?profile.*|friend\s+me.*|topics?\s*:.*|categor(?:y|ies)\s*:.*|kategorien?\s*:.*"
    r"|(?:more|other)\s+(?:stories\s+|articles\s+|posts\s+)?(?:by|from)\s+(?:this|the)\s+author.*"
    r"|updated\b.*|(?:published|posted)\b(?!\s+by\b).*|last\s+modified.*|aktualisiert.*|(?:zuletzt\s+)?geändert\b.*"
    r"|veröffentlicht(?!\s+von\b).*|publiziert.*|erstellt\s+am.*|stand:.*|mis\s+à\s+jour.*|publié(?!\s+par\b).*"
    r"|publicado(?!\s+por\b).*|actualizado.*)",  # "Published: 3 May" is a date line; "Published by Jane" a byline
    re.I,
)
_EMAIL_RE = re.compile(r"\S+@\S+\.\w+")
_URL_RE = re.compile(r"(?:https?://|www\.)\S*|[^\s/]+\.(?:com|org|net|de|co\.uk|fr)\b\S*", re.I)  # not "Name/NJ.com"
_HANDLE_RE = re.compile(r"(?<!\w)@\w+")
_SPLIT_RE = re.compile(r"\s*(?:;|,|&|\||/|•|·|\b(?i:and|und)\b|(?<=\s)(?:et|y|e|i)(?=\s))\s*")  # not "e.V."
_DATE_TAIL_RE = re.compile(r"\s\d.*$")
_SOCIAL_RE = re.compile(
    r"(?<=\S)\s+(?:facebook|twitter|flipboard|whatsapp|instagram|linkedin|pinterest|reddit|telegram|print|share|shares"
    r"|e-?mail|rss|xing)\b.*$",
    re.I,
)
_ROLE_WORDS = frozenset(
    """staff writer writers reporter reporters correspondent correspondents editor editors senior chief contributing
    contributor columnist political business sports news editorial associate assistant managing deputy special
    executive features feature international foreign national science health tech technology opinion freelance
    journalist journalists photographer photographers producer producers analyst bureau for the of at in
    redakteur redakteurin korrespondent korrespondentin autor autorin journaliste rédacteur rédactrice
    redactor redactora periodista corresponsal""".split()  # noqa: SIM905 - a word list reads better as text
)
_NOT_NAMES = frozenset(
    """admin administrator administrador root user guest anonymous unknown null none undefined nobody
    author authors staff editor editors webmaster newsroom team moderator n/a na
    text foto fotos photo photos interview illustration by von vom par por door from with
    phd ph.d ph.d. md m.d m.d. mba dr dr. prof prof. msc m.sc ma m.a bsc rn
    datum date fecha email e-mail reviews review comments share print home url tags tag search video videos
    subscribe login help""".split()  # noqa: SIM905
)
_ROLE_NOUNS = frozenset(
    {"writer", "reporter", "correspondent", "editor", "columnist", "contributor", "journalist", "producer",
     "photographer", "analyst", "redakteur", "redakteurin", "korrespondent", "korrespondentin", "autor", "autorin"}
)  # fmt: skip
_NAME_PARTICLES = frozenset(
    {"von", "vom", "zu", "zum", "zur", "van", "de", "der", "den", "het", "ten", "ter", "di", "da", "do", "du", "des",
     "del", "della", "dei", "degli", "delle", "dos", "das", "le", "la", "lo", "al", "el", "bin", "bint", "ibn", "ben",
     "af", "av", "ap", "y"}
)  # fmt: skip
_PREPOSITIONS = frozenset(
    {"at", "for", "of", "in", "on", "with", "from", "bei", "für", "mit", "aus", "im", "am", "chez", "pour", "avec",
     "sur", "en", "para", "con", "per", "presso"}
)  # fmt: skip
# a job title glued to the name's front: "Gastautor", "Wirtschaftsredakteurin", "FOCUS-Online-Experte"
_ROLE_SUFFIXES = (
    "experte", "expertin", "autor", "autorin", "redakteur", "redakteurin", "korrespondent", "korrespondentin",
    "reporter", "reporterin", "kolumnist", "kolumnistin", "-writer", "-editor",
)  # fmt: skip
_WEEKDAYS = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday
    montag dienstag mittwoch donnerstag freitag samstag sonntag lundi mardi mercredi jeudi vendredi samedi dimanche
    lunes martes miércoles jueves viernes sábado domingo lunedì martedì mercoledì giovedì venerdì sabato domenica
    maandag dinsdag woensdag donderdag vrijdag zaterdag zondag""".split()  # noqa: SIM905
)
# left at the end of a name when the date after it was cut: "am 12.03.", "vor 2 Jahren", "hace 3 días"
_DATE_PREPOSITIONS = frozenset(
    {"am", "on", "at", "um", "le", "el", "il", "em", "op", "den", "the", "vom", "vor", "hace"}
)
_DAY_NAMES = MONTH_NAMES | _WEEKDAYS  # a lone one is what a cut date left
_DATE_LEFTOVERS = _DAY_NAMES | _DATE_PREPOSITIONS  # trailing ones too
# a wire agency's name after a byline's name is the agency, not part of the name ("By JILL LAWLESS Associated Press")
_WIRE_AGENCIES = frozenset(
    {"associatedpress", "theassociatedpress", "ap", "reuters", "afp", "agencefrancepresse", "dpa", "upi", "efe",
     "ansa", "bloomberg", "bloombergnews", "pa", "pamedia", "aap", "cp", "thecanadianpress", "kyodo", "xinhua"}
)  # fmt: skip
_CODE_CHARS_RE = re.compile(r"[<>{}\[\]=\\@#/]")
_PARENS_RE = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_MAX_NAME_CHARS = 60
_MAX_BYLINE_WORDS = 20
_SENTENCE_END_RE = re.compile(r"[.!?]\s+\S")
_MAX_NAME_WORDS = 6


def clean_authors(raw_values: Iterable[object], reject: Iterable[str] = ()) -> list[str]:
    """Clean, split and de-duplicate author strings. `reject` holds site/publisher names. Never raises."""
    rejected = {_key(name) for name in reject if isinstance(name, str) and name}
    names: list[str] = []
    seen: set[str] = set()
    for raw in raw_values:
        for name in _names_in(raw):
            key = _key(name)
            if key and key not in seen and key not in rejected and not _is_site_like(key, rejected):
                seen.add(key)
                names.append(name)
    return names


def _names_in(raw: object) -> list[str]:
    text = clean_text(raw)
    if not text or len(text) > 300:
        return []
    text = _SOCIAL_RE.sub(" ", text)  # share bars after the name
    text = _DATE_TAIL_RE.sub(" ", text)  # a byline line: cut its date
    text = _EMAIL_RE.sub(" ", text)
    text = _URL_RE.sub(" ", text)
    text = _HANDLE_RE.sub(" ", text)
    text = _PARENS_RE.sub(" ", text)
    text = _NOISE_RE.sub(" ", text)
    text = _LABEL_RE.sub("", text.strip())
    if len(text.split()) > _MAX_BYLINE_WORDS and _SENTENCE_END_RE.search(text):
        return []  # sentences of prose (an author's bio, a caption): no list of names
    out: list[str] = []
    for part in _SPLIT_RE.split(text):
        name = _clean_part(part)
        if name:
            out.append(name)
    return out


def _clean_part(part: str) -> str | None:
    name = part.strip(" \t.,:;-–—|*'\"“”~?›»")
    for _ in range(2):
        name = _LABEL_RE.sub("", _PREFIX_RE.sub("", name)).strip(" .,:;-–—|")  # "Text & Interview: Jens Berg"
    if part.rstrip().endswith(".") and "." in name.rsplit(" ", 1)[-1]:
        name += "."  # an abbreviation keeps its dot: "e.V."
    if not name or (_has_digit(name) and not _DIGIT_LOGIN_RE.match(name)) or _CODE_CHARS_RE.search(name):
        return None  # a date or a number; a blog's login with digits stays
    words = name.split()
    if len(name) > _MAX_NAME_CHARS or len(words) > _MAX_NAME_WORDS or len(name) < 2:
        return None
    lowered = [w.lower().strip(".,") for w in words]
    if all(w in _ROLE_WORDS for w in lowered) or name.lower() in _NOT_NAMES:
        return None
    if len(words) > 2 and lowered[0].endswith(_ROLE_SUFFIXES):
        words, lowered = words[1:], lowered[1:]  # "FOCUS-Online-Experte Robin Tschöpe", "Gastautorin Jana Roth"
        name = " ".join(words)
    if len(words) == 1 and lowered[0] in _DAY_NAMES:  # "Dezember", "Wednesday" left by a cut date; "April Glaser" stays
        return None
    while len(words) > 1 and lowered[-1] in _DATE_LEFTOVERS:
        # "Duncan Bell January", "Moritz Gathmann am", "David Lassen Thursday": what is left of a cut date
        words, lowered = words[:-1], lowered[:-1]
        name = " ".join(words)
    cut = next((i for i, word in enumerate(words) if i >= 2 and word in _PREPOSITIONS), None)
    if cut is not None and not any(word.islower() for word in words[:cut]):
        # "Charles Walton for SurgeZirc UK": the name, then where its owner works
        words, lowered = words[:cut], lowered[:cut]
        name = " ".join(words)
    if len(words) > 1 and not name.islower() and _has_sentence_word(words):
        return None  # "deinen Hochzeitsbloggern", "Projektleiterin der HSS in Tunesien": words of a sentence
    if lowered[-1] in _ROLE_NOUNS:  # "Howard Blume Staff Writer" -> "Howard Blume"; "Culture Writer" -> nothing
        while words and words[-1].lower().strip(".,") in _ROLE_WORDS | _ROLE_NOUNS:
            words.pop()
        if len(words) < 2:
            return None
        name = " ".join(words)
    agency = next((cut for cut in range(2, len(words)) if _key(" ".join(words[cut:])) in _WIRE_AGENCIES), None)
    if agency is not None:  # "JILL LAWLESS Associated Press (Writer)", "Joseph White AP": the agency's byline style
        name = " ".join(words[:agency])
    if name.isupper() and len(name) > 3:
        name = name.title()
    return name


def looks_like_organization(name: str) -> bool:
    """ "Bund der Energieverbraucher e.V.", "Acme Media GmbH", "L-MAG – Das Magazin für Lesben": a house, which a
    person named by another source should replace. (A desk, "Devdiscourse News Desk", is no such house.)"""
    return any(word.casefold().rsplit("-", 1)[-1] in _ORGANIZATION_WORDS for word in name.replace(",", " ").split())


# legal forms and institution nouns that never end or make up a person's name
_ORGANIZATION_WORDS = frozenset(
    """e.v. ev gmbh ggmbh mbh ag se kg inc inc. ltd ltd. llc corp corp. plc s.a. sa gbr ug
    stiftung verband verein verlag zeitung magazin magazine foundation association institute institut
    university universität media média médias medien group groupe gruppe network""".split()  # noqa: SIM905
)


def looks_like_login(name: str) -> bool:
    """ "gabor_munier", "jane.doe": an account name, which the display name another source gives should replace."""
    return " " not in name and bool(_LOGIN_RE.match(name) or (_DIGIT_LOGIN_RE.match(name) and _has_digit(name)))


def _has_digit(text: str) -> bool:
    return any(ch.isdigit() for ch in text)


_LOGIN_RE = re.compile(r"^[a-z0-9]+(?:[_.][a-z0-9]+)+$")
# "freeman1984", "c1ph4": a blog's login with digits (lower-case letters first, never a date or a number)
_DIGIT_LOGIN_RE = re.compile(r"^[a-z][a-z0-9_]*[a-z][a-z0-9_]*$")


def same_name(one: str, other: str) -> bool:
    """ "Frau Sabienes" and the host "frau-sabienes": the same letters once case, spaces and punctuation go."""
    return _key(one) == _key(other)


def name_key(name: str) -> str:
    """What two spellings of one name share: letters and digits, case-folded."""
    return _key(name)


def _has_sentence_word(words: list[str]) -> bool:
    """A lower-case word other than a particle ("von Bülow", "Ursula von der Leyen") that opens the name or sits
    among three or more words; "Mobasir hassan", typed by its owner, stays a name."""
    lower = [i for i, w in enumerate(words) if w.isalpha() and w.islower() and w not in _NAME_PARTICLES]
    if any(words[i] in _PREPOSITIONS for i in lower):
        return True  # "Redner bei", "Editor at": a role and where it is held, not a name
    return bool(lower) and (lower[0] == 0 or len(words) > 2)


def _key(name: str) -> str:
    return re.sub(r"[^\w]", "", name.casefold())


def _is_site_like(key: str, rejected: set[str]) -> bool:
    """ "CNN.com", "The Guardian" when the site is "guardian", "Hanns-Seidel-Stiftung" when it is "HSS -
    Hanns-Seidel-Stiftung e.V.": a site name, or the end of one, is not an author."""
    for site in rejected:
        if len(site) >= 4 and (key.startswith(site) or key.endswith(site)) and len(key) - len(site) <= 4:
            return True
        if len(key) >= 8 and site.endswith(key):
            return True
    return False
