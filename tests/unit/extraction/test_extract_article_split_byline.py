"""The seed page with its byline split across elements (the author's link, the place, "Updated: ..." and
"Created: ..." each in an element of its own, the pipes too, beside the headline with no element holding just
them): the same Article as the one-line byline gives."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from article_ingest.domain.article import Article, ProvenanceSource, SourceRef
from article_ingest.extraction import extract_article

PAGES = Path(__file__).resolve().parents[2] / "fixtures" / "pages"


@pytest.fixture(scope="module")
def article() -> Article:
    return extract_article((PAGES / "seed_split_byline.html").read_bytes(), source=SourceRef(path="split.html"))


def test_the_split_byline_gives_the_one_line_bylines_article(article: Article) -> None:
    expected: dict[str, Any] = json.loads((PAGES / "seed_devdiscourse.expected.json").read_text(encoding="utf-8"))
    produced = article.model_dump(mode="json")

    assert {field: produced[field] for field in expected} == expected


def test_the_split_byline_fields_come_from_the_byline(article: Article) -> None:
    assert article.authors == ["Devdiscourse News Desk"]
    assert article.dateline == "Dakar"
    assert (article.published_at, article.published_at_raw) == ("2026-02-27T23:42:00+05:30", "27-02-2026 23:42 IST")
    assert (article.modified_at, article.modified_at_raw) == ("2026-02-27T23:42:00+05:30", "27-02-2026 23:42 IST")
    for field in ("dateline", "published_at", "modified_at"):
        assert article.provenance[field] is ProvenanceSource.BYLINE
