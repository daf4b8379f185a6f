"""The index's key design: which items an article version owns and how they sort."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from article_ingest.domain.index import (
    IndexLimits,
    SortTimeSource,
    day_shard,
    parse_timestamp,
    sort_time,
    url_pk,
)
from article_ingest.domain.index_items import version_items
from tests.unit.index.factories import article_ready

LIMITS = IndexLimits(day_shards=4, max_tags=30, max_authors=15, max_description_chars=200)
RECEIVED = datetime(2026, 2, 28, 6, 0, tzinfo=UTC)


def test_offset_times_sort_as_their_utc_instant() -> None:
    india = sort_time(parse_timestamp("2026-02-27T23:42:00+05:30"))
    utc = sort_time(parse_timestamp("2026-02-27T18:30:00Z"))
    assert india == "2026-02-27T18:12:00.000000Z"
    assert india < utc


def test_sort_times_keep_their_width_for_early_years() -> None:
    assert sort_time(datetime(99, 1, 2, 3, 4, 5, 6, tzinfo=UTC)) == "0099-01-02T03:04:05.000006Z"
    assert sort_time(datetime(99, 1, 2, tzinfo=UTC)) < sort_time(datetime(1999, 1, 2, tzinfo=UTC))


def test_an_impossible_published_date_falls_back_to_the_next_time() -> None:
    event = article_ready("https://x.example/a", published_at="2026-02-30", modified_at="2026-03-01T00:00:00Z")
    summary = version_items(event, limits=LIMITS, received_at=RECEIVED).summary
    assert (summary.sort_at_source, summary.published_at) == (SortTimeSource.MODIFIED, "2026-02-30")


def test_a_date_only_timestamp_sorts_at_midnight_utc() -> None:
    assert sort_time(parse_timestamp("2026-02-27")) == "2026-02-27T00:00:00.000000Z"


def test_one_version_owns_summary_url_site_tag_author_and_day_items() -> None:
    event = article_ready("https://worldwire.example/niger", tags=["Niger", "Agriculture"], authors=["Amina Diallo"])
    items = version_items(event, limits=LIMITS, received_at=RECEIVED)
    pks = [key.pk for key in items.keys]
    shard = day_shard(event.id, 4)
    assert pks == [
        f"ARTICLE#{event.id}",
        url_pk("https://worldwire.example/niger"),
        "SITE#worldwire.example",
        "TAG#niger",
        "TAG#agriculture",
        "AUTHOR#amina diallo",
        f"DAY#2026-02-27#{shard}",
    ]
    assert {key.sk for key in items.listing_keys} == {f"2026-02-27T18:12:00.000000Z#{event.id}"}


def test_tags_and_authors_that_fold_alike_share_one_item() -> None:
    event = article_ready("https://x.example/a", tags=["Niger", " niger ", "NIGER"], authors=["A  Diallo", "a diallo"])
    items = version_items(event, limits=LIMITS, received_at=RECEIVED)
    pks = [key.pk for key in items.listing_keys]
    assert pks.count("TAG#niger") == 1
    assert pks.count("AUTHOR#a diallo") == 1
    assert items.summary.tags == ["Niger", " niger ", "NIGER"], "the summary keeps the article's own values"


def test_tags_and_authors_beyond_the_caps_are_not_listed_but_kept_in_the_summary() -> None:
    limits = IndexLimits(day_shards=2, max_tags=3, max_authors=2, max_description_chars=200)
    event = article_ready("https://x.example/a", tags=[f"t{n}" for n in range(10)], authors=["a", "b", "c"])
    items = version_items(event, limits=limits, received_at=RECEIVED)
    tag_pks = [key.pk for key in items.listing_keys if key.pk.startswith("TAG#")]
    author_pks = [key.pk for key in items.listing_keys if key.pk.startswith("AUTHOR#")]
    assert tag_pks == ["TAG#t0", "TAG#t1", "TAG#t2"]
    assert author_pks == ["AUTHOR#a", "AUTHOR#b"]
    assert len(items.summary.tags) == 10


def test_long_descriptions_are_cut_in_the_projection() -> None:
    event = article_ready("https://x.example/a", description="word " * 200)
    summary = version_items(event, limits=LIMITS, received_at=RECEIVED).summary
    assert summary.description is not None
    assert len(summary.description) <= 200
    assert summary.description.endswith("…")


def test_without_published_date_the_modified_date_orders_the_article() -> None:
    event = article_ready("https://x.example/a", published_at=None, modified_at="2026-03-01T08:00:00+01:00")
    summary = version_items(event, limits=LIMITS, received_at=RECEIVED).summary
    assert (summary.sort_at, summary.sort_at_source) == ("2026-03-01T07:00:00.000000Z", SortTimeSource.MODIFIED)


def test_without_any_date_the_first_indexing_time_orders_the_article_across_versions() -> None:
    first = version_items(
        article_ready("https://x.example/a", published_at=None), limits=LIMITS, received_at=RECEIVED
    ).summary
    later = datetime(2026, 3, 5, tzinfo=UTC)
    second = version_items(
        article_ready("https://x.example/a", published_at=None, version=2),
        limits=LIMITS,
        received_at=later,
        previous=first,
    ).summary
    assert first.sort_at_source is SortTimeSource.INDEXED
    assert second.sort_at == first.sort_at == sort_time(RECEIVED)


def test_articles_without_url_or_domain_have_no_pointer_or_site_item() -> None:
    event = article_ready("https://x.example/a", source_domain=None).model_copy(update={"url": None})
    items = version_items(event, limits=LIMITS, received_at=RECEIVED)
    assert items.url_key is None
    assert not any(key.pk.startswith(("SITE#", "URL#")) for key in items.keys)


@pytest.mark.parametrize("shards", [1, 4, 16])
def test_day_shards_are_stable_and_in_range(shards: int) -> None:
    ids = [f"u-{n:032x}" for n in range(200)]
    assigned = [day_shard(i, shards) for i in ids]
    assert assigned == [day_shard(i, shards) for i in ids]
    assert set(assigned) == set(range(shards))


def test_url_keys_ignore_scheme_tracking_parameters_and_fragments() -> None:
    assert url_pk("https://WorldWire.example/a?utm_source=x#top") == url_pk("http://worldwire.example/a")
