"""Why a page carries no story: a typed reason an operator can act on.

Read only on the refusal path, from the decoded markup and a fresh parse of it (the body stage has cut the first
tree apart), so articles pay nothing for it.
"""

from __future__ import annotations

import re
from functools import cache

from article_ingest.domain.errors import RejectReason
from article_ingest.extraction.tree import HtmlElement

# The patterns are compiled on first use (`_regex`): only short pages and refusals read them, and compiling them
# at import was ~0.7 ms of every cold start.
# Bot walls and denials served in place of the page (Cloudflare, Akamai, Incapsula, PerimeterX, DataDome, ...).
_BLOCKED = (
    r"request unsuccessful|access denied|access to this page has been denied|attention required|"
    r"just a moment\.\.\.|checking (if the site connection is secure|your browser)|"
    r"verify (that )?you are (a )?human|are you a (robot|human)|captcha|pardon our interruption|"
    r"unusual traffic|you have been blocked|sorry, you have been blocked|403 forbidden|incapsula incident|"
    r"please enable cookies"
)
_NEEDS_JAVASCRIPT = (
    r"enable javascript|javascript is (disabled|required|not enabled)|requires? javascript|"
    r"javascript (must|needs to) be enabled|turn on javascript|activate javascript|javascript aktivieren|"
    r"activer javascript|activa javascript"
)
# The empty mount point of a client-rendered app (React, Next.js, Nuxt, Gatsby, Angular, Vue).
_APP_ROOT = (
    r"<(div|main|app-root)\b[^>]*\bid=[\"']?(root|app|__next|__nuxt|___gatsby|app-root)\b[^>]*>\s*</\1>|<app-root\b"
)
_SCRIPT = r"<script\b"
BLOCKED_MAX_WORDS = 300  # a challenge page is short; a story that mentions "captcha" is not one
_SHELL_MAX_WORDS = 150
_SHELL_MIN_SCRIPTS = 5
_SHELL_SCRIPT_SHARE = 0.5
_NO_TEXT_WORDS = 50
_LISTING_LINK_SHARE = 0.5
_CODE_TYPES = ("", "text/javascript", "application/javascript", "module", "text/ecmascript")
_INVISIBLE = ("script", "style", "noscript", "template", "head", "title", "svg")


@cache
def _regex(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


def blocked_phrase(text: str) -> str | None:
    """The bot-wall or denial phrase in `text`, if any."""
    found = _regex(_BLOCKED).search(text)
    return found[0] if found else None


def refusal_reason(markup: str, root: HtmlElement) -> tuple[RejectReason, str]:
    """The kind of page that has no story (blocked, an app shell, next to no text, or text that is no story) and
    what was seen. `root` is a fresh parse of `markup` (nothing removed yet)."""
    code = sum(len(script.text or "") for script in root.iter("script") if _runs(script))
    for element in list(root.iter(*_INVISIBLE)):
        if element.getparent() is not None:
            element.drop_tree()
    title = " ".join((root.findtext(".//title") or "").split())
    text = " ".join(root.text_content().split())
    words = len(text.split())
    if words <= BLOCKED_MAX_WORDS and (found := blocked_phrase(title) or blocked_phrase(text)):
        return RejectReason.BLOCKED, f"a bot wall or denial page ({found!r}, {words} words)"
    scripts = len(_regex(_SCRIPT).findall(markup))
    script_share = code / max(1, len(markup))
    if words <= _SHELL_MAX_WORDS and (
        _regex(_NEEDS_JAVASCRIPT).search(markup)
        or _regex(_APP_ROOT).search(markup)
        or scripts >= _SHELL_MIN_SCRIPTS
        or script_share > _SHELL_SCRIPT_SHARE  # a page that is mostly code: a JS challenge or a bundled app
    ):
        return RejectReason.NEEDS_JAVASCRIPT, f"an app shell: {words} words of visible text, {scripts} scripts"
    if words < _NO_TEXT_WORDS:
        return RejectReason.NO_TEXT, f"{words} words of visible text"
    linked = sum(len(" ".join(link.text_content().split())) for link in root.iter("a"))
    share = linked / max(1, len(text))
    kind = "most of it links: a front page or listing" if share > _LISTING_LINK_SHARE else "none of it a story"
    return RejectReason.NOT_ARTICLE, f"{words} words of visible text, {share:.0%} in links ({kind})"


def _runs(script: HtmlElement) -> bool:
    """A script the browser executes (not JSON-LD or other data blocks)."""
    return (script.get("type") or "").strip().lower() in _CODE_TYPES
