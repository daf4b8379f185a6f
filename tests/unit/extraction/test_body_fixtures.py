"""Each hand-made page under tests/fixtures/pages/body/ yields exactly the body in its `.expected.txt`."""

from __future__ import annotations

from pathlib import Path

import pytest

from article_ingest.extraction import ExtractionHints, extract_article

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "pages" / "body"
PAGES = sorted(FIXTURES.glob("*.html"))


def _expected(page: Path) -> str:
    return page.with_name(page.name.removesuffix(".html") + ".expected.txt").read_text(encoding="utf-8").strip()


def _hints(page: Path) -> ExtractionHints:
    content_type = page.with_name(page.name.removesuffix(".html") + ".content-type")
    return ExtractionHints(content_type=content_type.read_text().strip() if content_type.exists() else None)


def test_there_are_at_least_twenty_hard_cases() -> None:
    assert len(PAGES) >= 20


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name.removesuffix(".html"))
def test_body_is_exactly_the_story(page: Path) -> None:
    article = extract_article(page.read_bytes(), _hints(page))

    assert article.body == _expected(page)
