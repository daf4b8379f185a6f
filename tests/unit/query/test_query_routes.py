"""The query API's routes: status codes, messages naming the parameter, and response shapes."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any
from urllib.parse import urlencode

import pytest

from article_ingest.domain.index import CleanRef
from article_ingest.handlers.query import create_app
from article_ingest.local.api_server import Caller, http_api_event
from article_ingest.services.cursor import CursorCodec
from article_ingest.services.query_service import QueryService
from tests.unit.query.test_query_service import CORPUS, SHARDS, STORY_ID

CALLER = Caller("AKIDEXAMPLE", "secret", None, "123456789012", "arn:aws:iam::123456789012:user/reader")


class _Bodies:
    def get(self, ref: CleanRef) -> dict[str, Any]:
        return {"id": ref.key, "body": "Farmers irrigate through the dry season."}


def _call(path: str, **params: str) -> tuple[int, dict[str, Any]]:
    service = QueryService(CORPUS, CursorCodec(b"r" * 32, ttl=timedelta(hours=1)), day_shards=SHARDS, bodies=_Bodies())
    app = create_app(lambda: service)
    target = path + ("?" + urlencode(params) if params else "")
    event = http_api_event("GET", target, {"host": "127.0.0.1"}, b"", caller=CALLER, source_ip="127.0.0.1")
    response = app.resolve(event, None)  # type: ignore[arg-type]
    return response["statusCode"], json.loads(response["body"])


def _some_id() -> str:
    return next(iter(CORPUS.versions))


def test_an_article_by_id() -> None:
    status, body = _call(f"/articles/{_some_id()}")
    assert status == 200
    assert body["id"] == _some_id()
    assert body["article"] is None
    assert body["clean"]["key"].startswith("articles/")


def test_an_article_with_its_body() -> None:
    status, body = _call(f"/articles/{_some_id()}", include="body")
    assert status == 200
    assert body["article"]["body"].startswith("Farmers")


def test_an_unknown_id_is_404() -> None:
    status, body = _call("/articles/u-0123456789abcdef")
    assert status == 404
    assert "u-0123456789abcdef" in body["message"]


def test_a_story_lists_its_copies_newest_first_paged_like_the_other_listings() -> None:
    status, first = _call(f"/stories/{STORY_ID}", limit="3")
    assert status == 200
    assert len(first["items"]) == 3
    assert {item["story_id"] for item in first["items"]} == {STORY_ID}
    status, rest = _call(f"/stories/{STORY_ID}", limit="3", cursor=first["next_cursor"])
    assert (status, rest["next_cursor"]) == (200, None)
    items = first["items"] + rest["items"]
    assert len(items) == 5
    assert [item["sort_at"] for item in items] == sorted((item["sort_at"] for item in items), reverse=True)
    assert [item["duplicate_of"] for item in items].count(None) == 1  # the story's first article


def test_an_unknown_story_is_an_empty_page_and_unknown_parameters_are_refused() -> None:
    assert _call("/stories/u-0123456789abcdef") == (200, {"items": [], "next_cursor": None})
    status, body = _call(f"/stories/{STORY_ID}", tag="niger")
    assert (status, body["message"]) == (400, "unknown parameter: tag")


@pytest.mark.parametrize("path", [f"/stories/{STORY_ID}", "/articles?site=worldwire.example"])
def test_a_numeric_since_is_refused_not_read_as_a_unix_time(path: str) -> None:
    status, body = _call(path + ("&" if "?" in path else "?") + "since=-195")
    assert (status, body["parameter"]) == (400, "since")


def test_a_url_lookup_is_a_page_of_at_most_one() -> None:
    summary = CORPUS.versions[_some_id()].summary
    assert summary.url is not None
    status, body = _call("/articles", url=summary.url)
    assert (status, [item["id"] for item in body["items"]], body["next_cursor"]) == (200, [summary.id], None)
    assert _call("/articles", url="https://nowhere.example/x")[1]["items"] == []


def test_a_listing_pages_with_a_cursor() -> None:
    status, first = _call("/articles", tag="niger", limit="3")
    assert status == 200
    assert len(first["items"]) == 3
    status, second = _call("/articles", tag="niger", limit="3", cursor=first["next_cursor"])
    assert status == 200
    assert not {i["id"] for i in first["items"]} & {i["id"] for i in second["items"]}


@pytest.mark.parametrize(
    ("params", "status", "named"),
    [
        ({}, 400, "url, site, tag, author, day"),
        ({"tag": "niger", "site": "worldwire.example"}, 400, "site, tag"),
        ({"tag": "niger", "limit": "0"}, 422, "limit"),
        ({"tag": "niger", "limit": "101"}, 422, "limit"),
        ({"tag": "niger", "limit": "ten"}, 422, "limit"),
        ({"day": "2026-13-01"}, 422, "day"),
        ({"tag": "niger", "since": "2026-02-27T10:00:00"}, 422, "since"),
        ({"tag": "niger", "since": "yesterday"}, 422, "since"),
        ({"tag": "niger", "since": "2026-02-28T00:00:00Z", "until": "2026-02-27T00:00:00Z"}, 400, "until"),
        ({"tag": "niger", "cursor": "forged.cursor"}, 400, "cursor"),
        ({"tag": "x" * 600}, 422, "tag"),
        ({"tag": "niger", "include": "body"}, 400, "include"),
        ({"tag": "niger", "include": "everything"}, 422, "include"),
        ({"url": "https://x.example/a", "cursor": "abc"}, 400, "cursor"),
        ({"tags": "niger"}, 400, "tags"),
    ],
)
def test_bad_parameters_are_4xx_naming_the_parameter(params: dict[str, str], status: int, named: str) -> None:
    got_status, body = _call("/articles", **params)
    assert got_status == status
    assert named in body["message"]


def test_listing_parameters_are_refused_on_the_article_route() -> None:
    status, body = _call(f"/articles/{_some_id()}", limit="5")
    assert (status, body["message"]) == (400, "unknown parameter: limit")


def test_a_bad_id_is_422_naming_it() -> None:
    status, body = _call("/articles/has space")
    assert status == 422
    assert "article_id" in body["message"]


def test_a_url_lookup_with_its_body() -> None:
    summary = CORPUS.versions[_some_id()].summary
    assert summary.url is not None
    status, body = _call("/articles", url=summary.url, include="body")
    assert status == 200
    assert body["items"][0]["article"]["body"].startswith("Farmers")
