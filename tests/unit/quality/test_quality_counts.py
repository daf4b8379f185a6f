"""What one record tells about its source, and how records add up."""

from __future__ import annotations

from typing import Any

import pytest

from article_ingest.domain.article import ArticleImage
from article_ingest.domain.identity import source_domain_of
from article_ingest.domain.quality import QUALITY_FIELDS, SourceCounts, fields_found
from tests.unit.pipeline.fakes import make_article

PAGE = b"Title|https://news.example/a|Some story text in five words."


@pytest.mark.parametrize(
    ("url", "domain"),
    [
        ("https://www.News.Example/a?b=1", "news.example"),
        ("http://wwwnews.example/", "wwwnews.example"),
        ("https://[::1/broken", None),
        ("", None),
        (None, None),
    ],
)
def test_the_source_domain_is_the_host_without_www(url: str | None, domain: str | None) -> None:
    assert source_domain_of(url) == domain


@pytest.mark.parametrize(
    ("overrides", "missing"),
    [
        ({}, set(QUALITY_FIELDS)),
        ({"published_at": "2026-03-14"}, set(QUALITY_FIELDS) - {"published_at"}),
        ({"published_at": "2026-03-14T09:30:00+01:00"}, set(QUALITY_FIELDS) - {"published_at", "published_time"}),
        (
            {
                "published_at": "2026-03-14T09:30:00Z",
                "authors": ["A. Writer"],
                "image": ArticleImage(url="https://img.example/a.jpg"),
                "description": "Standfirst.",
                "language": "en",
            },
            set(),
        ),
        ({"authors": [], "description": ""}, set(QUALITY_FIELDS)),
    ],
)
def test_fields_found_says_which_quality_fields_an_article_has(overrides: dict[str, Any], missing: set[str]) -> None:
    found = fields_found(make_article(PAGE, **overrides))
    assert list(found) == list(QUALITY_FIELDS)
    assert {name for name, present in found.items() if not present} == missing


def test_records_add_up_per_status_reason_and_missing_field() -> None:
    article = SourceCounts.of_record("ready", None, {"published_at": True, "authors": False}, 120)
    refused = SourceCounts.of_record("rejected", "no_text", None, None)
    stale = SourceCounts.of_record("stale", None, dict.fromkeys(QUALITY_FIELDS, True), 80)

    total = article + refused + stale + refused

    assert (total.pages, total.articles, total.words) == (4, 2, 200)
    assert total.outcomes == {"ready": 1, "rejected": 2, "stale": 1}
    assert total.reasons == {"no_text": 2}
    assert total.missing == {name: 1 for name in QUALITY_FIELDS if name != "published_at"}
    assert total.rejection_rate == 0.5
    assert (total.missing_share("authors"), total.missing_share("published_at")) == (0.5, 0.0)


def test_a_source_without_articles_has_no_missing_share_rather_than_zero() -> None:
    refused = SourceCounts.of_record("rejected", "not_html", None, None)
    assert refused.missing_share("published_at") is None
    assert SourceCounts().rejection_rate is None
