"""The seed page (structure of ../shared/seed/ beside the checkout): its exact expected Article."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from article_ingest.domain.article import Article, SourceRef
from article_ingest.extraction import extract_article

PAGES = Path(__file__).resolve().parents[2] / "fixtures" / "pages"


@pytest.fixture(scope="module")
def article() -> Article:
    return extract_article((PAGES / "seed_devdiscourse.html").read_bytes(), source=SourceRef(path="seed.html"))


@pytest.fixture(scope="module")
def expected() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((PAGES / "seed_devdiscourse.expected.json").read_text(encoding="utf-8"))
    return data


def test_body_is_exactly_the_three_story_paragraphs(article: Article, expected: dict[str, Any]) -> None:
    assert article.body == expected["body"]
    assert len(article.body.split("\n\n")) == 3


@pytest.mark.parametrize(
    "leak",
    [
        "Left Menu",
        "Devdiscourse News Desk",
        "IST",
        "This image is AI-generated",
        "Country",
        "TRENDING",
        "Producer Prices",
        "OPINION",
        "sidewalk robots",
        "Newsletter",
        "info@devdiscourse.com",
        "Copyright",
        "cookies",
        "Advertisement",
    ],
)
def test_no_page_furniture_leaks_into_the_body(article: Article, leak: str) -> None:
    assert leak not in article.body


def test_whole_article_matches_the_expected_one(article: Article, expected: dict[str, Any]) -> None:
    produced = article.model_dump(mode="json")

    assert {field: produced[field] for field in expected} == expected
    assert produced["source"]["path"] == "seed.html"
    assert produced["provenance"]["body"] == "heuristic"
