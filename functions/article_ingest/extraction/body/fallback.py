"""The second opinion: a differently built extractor for pages where our own pass finds no story.

trafilatura (its own extractor, then readability and jusText as its fallbacks) reads the decoded page. It runs only
on the pages our pass leaves empty (about 3% of the dev pages), and is imported only then: a cold start that never
meets such a page pays nothing for it. Its lines go through the same story filter as ours (stock lines, bylines,
the title and standfirst the metadata already holds).
"""

from __future__ import annotations

import logging
import re

from article_ingest.extraction.body.filters import keep_story_blocks
from article_ingest.extraction.body.render import Block
from article_ingest.extraction.page import PageMetadata

# trafilatura's own tree walk has no node limit of ours: past this much markup, a page with no story found by our
# pass is refused rather than handed to a second full parse.
MAX_FALLBACK_CHARS = 3_000_000
_MARKUP_RE = re.compile(r"</?(p|div|span|a|br|h[1-6]|li|ul|table|td|tr|img|script|article|section)\b[^<>]*>", re.I)
_BULLET_RE = re.compile(r"^- ")  # trafilatura writes list items as "- item"; ours are plain paragraphs
_CELL_SEPARATOR_RE = re.compile(r"(?<!\\)\|")  # a Markdown cell border: a "|" not escaped as "\|"
_RULE_CELL_RE = re.compile(r":?-+:?")  # a cell of the row under a Markdown table's header: "---", ":-:"
_log = logging.getLogger(__name__)


def second_opinion(text: str, metadata: PageMetadata) -> list[str]:
    """Story paragraphs found by trafilatura in the decoded page, filtered like ours; [] when it finds none.

    A front page or listing comes back as its lines of headlines: measured on the dev sets, refusing results made
    of the page's link texts lost more annotated pages than it saved (benchmarks/README.md, refusals).
    """
    if len(text) > MAX_FALLBACK_CHARS:
        return []
    try:
        import trafilatura  # here, not at the top: only the rare fallback page pays its ~0.3 s import

        found = trafilatura.extract(
            text, url=metadata.url, include_comments=False, include_tables=True, deduplicate=False
        )
    except Exception:  # noqa: BLE001 - a library failure on a hostile page is "no second opinion", not a crash
        _log.warning("the fallback extractor failed on this page", exc_info=True)
        return []
    if not found:
        return []
    lines = (_table_row(_BULLET_RE.sub("", " ".join(raw.split()))) for raw in found.splitlines())
    # a line holding tags is markup shown as text (escaped HTML in a <title> or <textarea>), which no reader sees
    blocks = [Block("p", text=line) for line in lines if line and not _MARKUP_RE.search(line)]
    return keep_story_blocks(blocks, metadata)


def _table_row(line: str) -> str:
    """A Markdown table row ("| 07:15 | 08:05 | |", pipes in cells escaped) as our renderer writes a row: the cells
    with text joined by " | " ("07:15 | 08:05"); a row with no text, or the rule under a header, is no line."""
    if not (line.startswith("|") and line.endswith("|")):
        return line
    cells = (cell.strip().replace("\\|", "|") for cell in _CELL_SEPARATOR_RE.split(line[1:-1]))
    return " | ".join(cell for cell in cells if cell and not _RULE_CELL_RE.fullmatch(cell))
