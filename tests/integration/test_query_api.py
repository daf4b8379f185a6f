"""The query API end to end: the template deployed into moto, articles indexed by the real index function,
the real query function served over HTTP with SigV4, and the Python client."""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import boto3
import pytest
from moto import mock_aws

from article_ingest.cli import main
from article_ingest.client import ArticleIndexClient, QueryApiError
from article_ingest.domain.events import ArticleReady
from article_ingest.domain.index import ArticleSummary, author_key, site_key, sort_time, tag_key
from article_ingest.local.api_server import QueryApiServer, query_function, serve_stack_query_api
from article_ingest.local.moto_patches import item_level_transaction_rollback
from article_ingest.local.stack import LocalStack
from tests.integration.query_stack import AUTHORS, FIRST_DAY, SITES, TAGS, corpus, publish, store_clean_article

pytestmark = pytest.mark.integration
EVENTS = Path(__file__).resolve().parents[2] / "events"


class World:
    def __init__(self, stack: LocalStack, server: QueryApiServer, events: list[ArticleReady]) -> None:
        self.stack = stack
        self.server = server
        self.events = events
        self.client = ArticleIndexClient(server.url, session=stack.session, sleep=lambda _s: None)

    @functools.cached_property
    def _all(self) -> list[ArticleSummary]:
        return [summary for event in self.events if (summary := self.client.article(event.id)) is not None]

    def summaries(self) -> list[ArticleSummary]:
        """Every indexed article, each read by id (the reference the listings are checked against)."""
        assert len(self._all) == len(self.events)
        return self._all


@pytest.fixture(scope="module")
def world() -> Iterator[World]:
    with (
        mock_aws(config={"lambda": {"use_docker": False}}),
        item_level_transaction_rollback(),
    ):  # else moto copies the whole table per transaction item
        session = boto3.session.Session(region_name="us-east-1")
        stack = LocalStack.deploy(session, stack_name="query-api-test", parameters={"DayShards": 3})
        events = corpus(stack.resources.clean_bucket)
        publish(stack, events)
        store_clean_article(stack, events[0])
        with serve_stack_query_api(stack) as server:
            yield World(stack, server, events)


def _expected(summaries: list[ArticleSummary], kind: str, value: str, **bounds: datetime) -> list[str]:
    match = {
        "site": lambda s: s.source_domain is not None and site_key(s.source_domain) == site_key(value),
        "tag": lambda s: tag_key(value) in {tag_key(t) for t in s.tags},
        "author": lambda s: author_key(value) in {author_key(a) for a in s.authors},
        "day": lambda s: s.sort_at.startswith(value),
    }[kind]
    since = sort_time(bounds["since"]) if "since" in bounds else ""
    until = sort_time(bounds["until"]) if "until" in bounds else "~"
    chosen = [s for s in summaries if match(s) and since <= s.sort_at < until]
    chosen.sort(key=lambda s: (s.sort_at, s.id), reverse=kind != "day")
    return [s.id for s in chosen]


def _listing(world: World, kind: str, value: str, page_size: int, **bounds: datetime) -> list[list[str]]:
    selector = {kind: value}
    return [[s.id for s in page.items] for page in world.client.pages(selector, page_size=page_size, **bounds)]


PATTERNS = [
    ("site", "worldwire.example"),
    ("site", "WWW.HARBOURLINE.EXAMPLE"),
    ("tag", "niger"),
    ("tag", "Ports"),
    ("author", "amina diallo"),
    ("day", "2026-02-26"),
    ("day", "2026-02-28"),
]


@pytest.mark.parametrize(("kind", "value"), PATTERNS)
@pytest.mark.parametrize("page_size", [1, 2, 7, 100])
def test_every_pattern_pages_in_order_without_loss_or_repeat(
    world: World, kind: str, value: str, page_size: int
) -> None:
    expected = _expected(world.summaries(), kind, value)
    assert len(expected) >= 3
    pages = _listing(world, kind, value, page_size)
    assert all(0 < len(page) <= page_size for page in pages)
    assert [article_id for page in pages for article_id in page] == expected


@pytest.mark.parametrize(
    ("kind", "value"), [("site", SITES[1]), ("tag", TAGS[0]), ("author", AUTHORS[2]), ("day", "2026-02-27")]
)
def test_time_ranges_include_since_and_exclude_until(world: World, kind: str, value: str) -> None:
    summaries = world.summaries()
    instants = sorted({s.sort_at for s in summaries if s.id in _expected(summaries, kind, value)})
    since = datetime.fromisoformat(instants[1].replace("Z", "+00:00"))  # exactly an article's time: included
    until = datetime.fromisoformat(instants[-2].replace("Z", "+00:00"))  # exactly an article's time: excluded
    got = [i for page in _listing(world, kind, value, 2, since=since, until=until) for i in page]
    assert got == _expected(summaries, kind, value, since=since, until=until)
    assert got, "the range is not empty"
    listed_times = {s.sort_at for s in summaries if s.id in got}
    assert instants[1] in listed_times
    assert instants[-2] not in listed_times


def test_an_hour_range_within_a_day(world: World) -> None:
    since = FIRST_DAY + timedelta(days=1, hours=6)
    until = since + timedelta(hours=9)
    got = [s.id for s in world.client.day(date(2026, 2, 26), since=since, until=until)]
    assert got == _expected(world.summaries(), "day", "2026-02-26", since=since, until=until)


def test_one_article_by_id_and_by_url(world: World) -> None:
    event = world.events[5]
    by_id = world.client.article(event.id)
    assert by_id is not None
    assert (by_id.title, by_id.url, by_id.tags) == (event.title, event.url, event.tags)
    assert by_id.clean.model_dump() == event.clean.model_dump()
    by_url = world.client.by_url(f"{event.url}?utm_source=newsletter")
    assert by_url is not None
    assert by_url.id == event.id


def test_include_body_fetches_the_clean_article(world: World) -> None:
    detail = world.client.article(world.events[0].id, include_body=True)
    assert detail is not None
    assert detail.article is not None
    assert detail.article["body"] == "Farmers irrigate at night."
    assert world.events[0].url is not None
    by_url = world.client.by_url(world.events[0].url, include_body=True)
    assert by_url is not None
    assert by_url.article == detail.article
    listed = next(world.client.site(SITES[0]))
    assert getattr(listed, "article", None) is None, "listings never carry bodies"


def test_unknown_id_and_url(world: World) -> None:
    assert world.client.article("u-00000000000000000000000000000000") is None
    assert world.client.by_url("https://worldwire.example/never-published") is None


def test_an_undated_article_is_listed_by_its_indexing_time(world: World) -> None:
    undated = world.client.by_url("https://harbourline.example/undated")
    assert undated is not None
    assert undated.published_at is None
    assert undated.sort_at_source == "indexed"
    assert undated.id in [s.id for s in world.client.tag("Ports", page_size=100)]


def _raw(world: World, **params: str) -> dict[str, Any]:
    return world.client._get("/articles", params)


def test_a_tampered_cursor_is_400(world: World) -> None:
    page = _raw(world, tag="niger", limit="2")
    cursor = page["next_cursor"]
    payload, mac = cursor.split(".")
    for tampered in (payload[:-2] + "xx." + mac, payload + "." + mac[::-1], cursor + "A", "not-a-cursor"):
        with pytest.raises(QueryApiError) as refused:
            _raw(world, tag="niger", limit="2", cursor=tampered)
        assert (refused.value.status, refused.value.parameter) == (400, "cursor")


def test_a_cursor_from_another_query_is_400_not_someone_elses_page(world: World) -> None:
    cursor = _raw(world, tag="niger", limit="2")["next_cursor"]
    for other in ({"tag": "water"}, {"site": "worldwire.example"}, {"tag": "niger", "since": "2026-02-25T00:00:00Z"}):
        with pytest.raises(QueryApiError) as refused:
            _raw(world, limit="2", cursor=cursor, **other)
        assert refused.value.status == 400
        assert "different query" in refused.value.message


@pytest.mark.parametrize(
    ("params", "status", "named"),
    [
        ({"tag": "niger", "limit": "1000"}, 422, ["limit"]),
        ({"day": "27-02-2026"}, 422, ["day"]),
        ({"tag": "niger", "until": "tomorrow"}, 422, ["until"]),
        ({"site": "a", "tag": "b"}, 400, ["site", "tag"]),
        ({"author": "x", "sincee": "2026-01-01T00:00:00Z"}, 400, ["sincee"]),
    ],
)
def test_bad_parameters_are_refused_with_their_name(
    world: World, params: dict[str, str], status: int, named: list[str]
) -> None:
    with pytest.raises(QueryApiError) as refused:
        _raw(world, **params)
    assert refused.value.status == status
    for name in named:
        assert name in refused.value.message


def test_requests_without_a_valid_signature_never_reach_the_function(world: World) -> None:
    stranger = boto3.session.Session(
        aws_access_key_id="AKIDSTRANGER", aws_secret_access_key="nope", region_name="us-east-1"
    )
    with pytest.raises(QueryApiError) as refused:
        ArticleIndexClient(world.server.url, session=stranger).article(world.events[0].id)
    assert refused.value.status == 403


def test_dates_are_read_as_utc_days(world: World) -> None:
    # Story 0 is published 2026-02-25T05:30+05:30, i.e. midnight UTC on the 25th.
    first = world.events[0]
    assert first.published_at == "2026-02-25T05:30:00+05:30"
    assert first.id in [s.id for s in world.client.day(date(2026, 2, 25))]
    assert first.id not in [s.id for s in world.client.day(date(2026, 2, 24))]


def test_utc_instants_in_other_offsets_bound_the_same(world: World) -> None:
    since = datetime(2026, 2, 26, 12, 0, tzinfo=UTC)
    in_india = since.astimezone(datetime.fromisoformat("2026-01-01T00:00:00+05:30").tzinfo)
    utc_ids = [s.id for s in world.client.site(SITES[0], since=since)]
    assert utc_ids == [s.id for s in world.client.site(SITES[0], since=in_india)]


# --- the command line, on the same API -------------------------------------------------------------------------


def _cli(world: World, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["query", *args, "--endpoint", world.server.url, "--region", "us-east-1"])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_cli_prints_a_readable_table(world: World, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _cli(world, capsys, "site", "worldwire.example", "--limit", "3")
    lines = out.splitlines()
    assert code == 0
    assert lines[0].split()[:3] == ["PUBLISHED", "(UTC)", "SITE"]
    expected = _expected(world.summaries(), "site", "worldwire.example")[:3]
    assert [line.split()[3] for line in lines[1:4]] == expected
    assert lines[-1] == "(3 articles)"


def test_cli_json_lines_page_through_everything(world: World, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _cli(world, capsys, "tag", "Ports", "--all", "--page-size", "2", "--json")
    assert code == 0
    ids = [json.loads(line)["id"] for line in out.splitlines()]
    assert ids == _expected(world.summaries(), "tag", "Ports")


def test_cli_one_article_with_its_body(world: World, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _cli(world, capsys, "id", world.events[0].id, "--include-body")
    assert code == 0
    assert world.events[0].id in out
    assert out.rstrip().endswith("Farmers irrigate at night.")


def test_cli_reports_unknown_articles_and_bad_requests(world: World, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _cli(world, capsys, "url", "https://worldwire.example/nothing")
    assert (code, err.strip()) == (1, "no article with url https://worldwire.example/nothing")
    code, _, err = _cli(world, capsys, "day", "2026-02-27", "--page-size", "500")
    assert code == 2
    assert "page-size" in err
    code, _, err = _cli(world, capsys, "day", "2026-02-31")
    assert code == 2


# --- the recorded API Gateway events (events/) through the deployed function ----------------------------------


def _recorded(name: str) -> dict[str, Any]:
    document: dict[str, Any] = json.loads((EVENTS / name).read_text(encoding="utf-8"))
    return document


def test_recorded_http_api_events_run_through_the_deployed_query_function(world: World) -> None:
    function = query_function(world.stack)
    listed = function.invoke(_recorded("http-api-list-by-tag.json"), world.stack.runtime_environment())
    assert listed["statusCode"] == 200
    assert json.loads(listed["body"]) == {"items": [], "next_cursor": None}  # no Senegal story in this corpus
    single = function.invoke(_recorded("http-api-get-article.json"), world.stack.runtime_environment())
    assert single["statusCode"] == 404
    assert "no article with id" in json.loads(single["body"])["message"]
