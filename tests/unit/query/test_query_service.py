"""Listings page through exactly the matching articles, in order, whatever the page size; bounds are honoured."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from article_ingest.domain.events import ArticleReady
from article_ingest.domain.index import ArticleSummary, IndexLimits, author_key, listing_sk, site_key, tag_key
from article_ingest.services.cursor import CursorCodec, InvalidCursorError
from article_ingest.services.index_service import IndexService
from article_ingest.services.query_service import InvalidQueryError, Listing, QueryService
from tests.unit.index.factories import article_ready
from tests.unit.index.fakes import InMemoryIndexRepository

SHARDS = 3
LIMITS = IndexLimits(day_shards=SHARDS, max_tags=30, max_authors=15, max_description_chars=1000)
RECEIVED = datetime(2026, 2, 28, 6, 0, tzinfo=UTC)
SITES = ["www.worldwire.example", "harbourline.example", "morgenblatt.example"]
TAGS = ["Niger", "Agriculture", "Water", "Ports", "Strikes"]
AUTHORS = ["Amina Diallo", "Kofi Mensah", "Lena Vogel"]
START = datetime(2026, 2, 26, tzinfo=UTC)


def _index(events: list[ArticleReady]) -> InMemoryIndexRepository:
    repository = InMemoryIndexRepository()
    service = IndexService(repository, LIMITS)
    for event in events:
        service.apply(event, received_at=RECEIVED)
    return repository


def _queries(repository: InMemoryIndexRepository) -> QueryService:
    return QueryService(repository, CursorCodec(b"q" * 32, ttl=timedelta(hours=1)), day_shards=SHARDS)


def _page_through(queries: QueryService, listing: Listing, limit: int) -> list[ArticleSummary]:
    seen: list[ArticleSummary] = []
    cursor = None
    for _ in range(1000):
        page = queries.listing(listing, limit=limit, cursor=cursor)
        assert len(page.items) <= limit
        assert page.items or page.next_cursor is None, "no empty page before the end"
        seen.extend(page.items)
        cursor = page.next_cursor
        if cursor is None:
            return seen
    raise AssertionError("paging did not end")


def _expected(repository: InMemoryIndexRepository, listing: Listing) -> list[ArticleSummary]:
    summaries = [version.summary for version in repository.versions.values()]
    if listing.kind == "site":
        chosen = [s for s in summaries if s.source_domain and site_key(s.source_domain) == site_key(listing.value)]
    elif listing.kind == "tag":
        chosen = [s for s in summaries if tag_key(listing.value) in {tag_key(t) for t in s.tags}]
    elif listing.kind == "author":
        chosen = [s for s in summaries if author_key(listing.value) in {author_key(a) for a in s.authors}]
    elif listing.kind == "story":
        chosen = [s for s in summaries if s.story_id == listing.value]
    else:
        chosen = [s for s in summaries if s.sort_at.startswith(listing.value)]
    since = listing.since.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ") if listing.since else None
    until = listing.until.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ") if listing.until else None
    chosen = [s for s in chosen if (since is None or s.sort_at >= since) and (until is None or s.sort_at < until)]
    return sorted(chosen, key=lambda s: listing_sk(s.sort_at, s.id), reverse=listing.kind != "day")


def _corpus(count: int) -> list[ArticleReady]:
    events = []
    for n in range(count):
        published = START + timedelta(hours=7 * n % 61, minutes=n % 3)  # repeats times: ties broken by id
        events.append(
            article_ready(
                f"https://{SITES[n % 3].removeprefix('www.')}/story/{n}",
                source_domain=SITES[n % 3],
                published_at=published.isoformat(),
                tags=[TAGS[n % 5], TAGS[(n * 2 + 1) % 5]],
                authors=[AUTHORS[n % 3]],
            )
        )
    # Stories of five: the first article of each five is the story, the next four its copies on other sites.
    return [
        e.model_copy(update={"story_id": events[n - n % 5].id, "duplicate_of": events[n - n % 5].id if n % 5 else None})
        for n, e in enumerate(events)
    ]


CORPUS_EVENTS = _corpus(40)
CORPUS = _index(CORPUS_EVENTS)
STORY_ID = CORPUS_EVENTS[5].id
LISTINGS = [
    Listing("story", STORY_ID),
    Listing("story", STORY_ID, since=START + timedelta(hours=12)),
    Listing("site", "worldwire.example"),
    Listing("site", "WWW.Harbourline.example", since=START + timedelta(hours=10)),
    Listing("tag", "niger"),
    Listing("tag", "Water", until=START + timedelta(days=1, hours=12)),
    Listing("author", "kofi mensah"),
    Listing("day", "2026-02-27"),
    Listing("day", "2026-02-26", since=START + timedelta(hours=6), until=START + timedelta(hours=20)),
]


@pytest.mark.parametrize("listing", LISTINGS, ids=lambda listing: f"{listing.kind}:{listing.value}")
@pytest.mark.parametrize("limit", [1, 2, 7, 100])
def test_paging_returns_every_match_once_in_order(listing: Listing, limit: int) -> None:
    expected = _expected(CORPUS, listing)
    assert expected, "the corpus must exercise this listing"
    assert _page_through(_queries(CORPUS), listing, limit) == expected


def test_the_last_page_has_no_cursor_even_when_it_is_full() -> None:
    listing = Listing("author", "Lena Vogel")
    total = len(_expected(CORPUS, listing))
    page = _queries(CORPUS).listing(listing, limit=total)
    assert len(page.items) == total
    assert page.next_cursor is None


def test_a_range_outside_the_day_is_empty() -> None:
    listing = Listing("day", "2026-02-27", since=datetime(2026, 3, 1, tzinfo=UTC))
    assert _queries(CORPUS).listing(listing).items == []


def test_a_cursor_cannot_be_used_on_another_listing() -> None:
    queries = _queries(CORPUS)
    cursor = queries.listing(Listing("tag", "niger"), limit=1).next_cursor
    assert cursor is not None
    with pytest.raises(InvalidCursorError, match="different query"):
        queries.listing(Listing("tag", "water"), limit=1, cursor=cursor)
    with pytest.raises(InvalidCursorError, match="different query"):
        queries.listing(Listing("tag", "niger", since=START), limit=1, cursor=cursor)


def test_a_cursor_still_works_with_another_page_size_and_the_same_query_spelled_differently() -> None:
    queries = _queries(CORPUS)
    cursor = queries.listing(Listing("site", "worldwire.example"), limit=2).next_cursor
    page = queries.listing(Listing("site", "WWW.WorldWire.Example"), limit=5, cursor=cursor)
    assert page.items == _expected(CORPUS, Listing("site", "worldwire.example"))[2:7]


@pytest.mark.parametrize(
    ("listing", "limit", "parameter"),
    [
        (Listing("tag", "niger", since=START, until=START), 20, "until"),
        (Listing("tag", "   "), 20, "tag"),
        (Listing("day", "2026-02-30"), 20, "day"),
        (Listing("tag", "niger"), 0, "limit"),
        (Listing("tag", "niger"), 101, "limit"),
    ],
)
def test_bad_requests_name_the_parameter(listing: Listing, limit: int, parameter: str) -> None:
    with pytest.raises(InvalidQueryError) as raised:
        _queries(CORPUS).listing(listing, limit=limit)
    assert raised.value.parameter == parameter


def test_unknown_ids_and_urls_are_none() -> None:
    assert _queries(CORPUS).article("u-0000") is None
    assert _queries(CORPUS).by_url("https://nowhere.example/") is None


# --- property: any article set, any pattern, any page size ------------------------------------------------------

_times = st.datetimes(
    min_value=datetime(2026, 2, 26), max_value=datetime(2026, 2, 28, 23, 59), timezones=st.just(UTC)
).map(lambda t: t.replace(second=0, microsecond=0))
_articles = st.lists(
    st.tuples(
        st.sampled_from(SITES),
        st.lists(st.sampled_from(TAGS), max_size=3),
        st.lists(st.sampled_from(AUTHORS), min_size=0, max_size=2),
        st.one_of(st.none(), _times),
    ),
    max_size=25,
)
_listings = st.one_of(
    st.builds(Listing, st.just("site"), st.sampled_from(SITES)),
    st.builds(Listing, st.just("tag"), st.sampled_from(TAGS)),
    st.builds(Listing, st.just("author"), st.sampled_from(AUTHORS)),
    st.builds(Listing, st.just("day"), st.sampled_from(["2026-02-26", "2026-02-27", "2026-02-28"])),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(articles=_articles, listing=_listings, limit=st.sampled_from([1, 2, 3, 7]), bounded=st.booleans())
def test_property_paging_any_pattern_returns_exactly_the_matching_set_in_order(
    articles: list[tuple[str, list[str], list[str], datetime | None]],
    listing: Listing,
    limit: int,
    bounded: bool,
) -> None:
    events = [
        article_ready(
            f"https://{site}/p/{n}",
            source_domain=site,
            tags=tags,
            authors=authors,
            published_at=published.isoformat() if published else None,
        )
        for n, (site, tags, authors, published) in enumerate(articles)
    ]
    if bounded:
        listing = Listing(
            listing.kind, listing.value, since=START + timedelta(hours=30), until=START + timedelta(hours=60)
        )
    repository = _index(events)
    assert _page_through(_queries(repository), listing, limit) == _expected(repository, listing)


def test_day_listing_reads_each_shard() -> None:
    events = _corpus(12)
    repository = _index(events)
    pks = {key.pk for key in repository.items if key.pk.startswith("DAY#2026-02-26#")}
    assert len(pks) > 1, "the corpus spreads one day over several shards"
    assert {s.id for s in _page_through(_queries(repository), Listing("day", "2026-02-26"), 2)} == {
        s.id for s in _expected(repository, Listing("day", str(date(2026, 2, 26))))
    }
