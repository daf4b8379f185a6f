"""Output safety: what every Article must satisfy whatever the input was.

Text fields carry text, never markup or script; URLs are http(s) only; the JSON round-trips through the contract.
Shared by the hostile corpus, the fuzz benchmark and the fault-injection runs.
"""

from __future__ import annotations

import re

from article_ingest.domain.article import Article

# A tag as a browser would read it: `<` directly followed by a letter, `/` or `!`. "a < b", "<3" are prose.
_TAG_RE = re.compile(r"<[/!]?[a-zA-Z][^<>]*>")
# Script-bearing elements. A bare "javascript:" in prose is text, not a link: URL fields are checked apart.
_SCRIPT_RE = re.compile(r"</?(script|style|iframe|object|embed|svg|math|template)\b", re.I)
# C0 controls other than tab/newline/carriage return, and DEL: never part of text a reader should see.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def text_fields(article: Article) -> dict[str, str]:
    """Every human-readable string in the Article, keyed by a path for the failure message."""
    fields: dict[str, str | None] = {
        "title": article.title,
        "description": article.description,
        "site_name": article.site_name,
        "dateline": article.dateline,
        "section": article.section,
        "body": article.body,
    }
    fields.update({f"authors[{i}]": a for i, a in enumerate(article.authors)})
    fields.update({f"tags[{i}]": t for i, t in enumerate(article.tags)})
    if article.image is not None:
        fields.update(
            {
                "image.caption": article.image.caption,
                "image.credit": article.image.credit,
                "image.alt": article.image.alt,
            }
        )
    return {name: value for name, value in fields.items() if value is not None}


def safety_violations(article: Article) -> list[str]:
    """Human-readable problems; empty when the Article is safe to hand to any subscriber."""
    problems: list[str] = []
    for name, value in text_fields(article).items():
        if match := _SCRIPT_RE.search(value):
            problems.append(f"{name} carries script-like markup {match.group(0)!r}")
        elif match := _TAG_RE.search(value):
            problems.append(f"{name} carries markup {match.group(0)!r}")
        if match := _CONTROL_RE.search(value):
            problems.append(f"{name} carries control character {match.group(0)!r}")
    for name, url in (("url", article.url), ("image.url", article.image.url if article.image else None)):
        if url is not None and not re.match(r"https?://[^\s/]", url, re.I):
            problems.append(f"{name} is not an http(s) URL: {url[:80]!r}")
    if not article.body.strip():
        problems.append("body is blank")
    if Article.model_validate_json(article.model_dump_json()) != article:
        problems.append("the Article does not round-trip through its JSON")
    return problems


def assert_safe(article: Article) -> None:
    problems = safety_violations(article)
    assert not problems, "unsafe Article:\n  " + "\n  ".join(problems)
