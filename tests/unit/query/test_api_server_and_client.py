"""The local API checks SigV4 like API Gateway's IAM authorizer; the client signs, pages and retries."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import boto3
import pytest
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

from article_ingest.client import ArticleIndexClient, QueryApiError
from article_ingest.local.api_server import Caller, QueryApiServer, SigV4Verifier

REGION = "eu-west-1"
CALLER = Caller("AKIDLOCAL", "local-secret", None, "123456789012", "arn:aws:iam::123456789012:user/newsletter")


class _Recorder:
    """A stand-in query function: answers from a script of (status, body) and records the events."""

    def __init__(self, script: list[tuple[int, dict[str, Any]]] | None = None) -> None:
        self.script = list(script or [])
        self.events: list[dict[str, Any]] = []

    def __call__(self, event: dict[str, Any], _context: Any) -> dict[str, Any]:
        self.events.append(event)
        status, body = self.script.pop(0) if self.script else (200, {"items": [], "next_cursor": None})
        return {"statusCode": status, "headers": {"Content-Type": "application/json"}, "body": json.dumps(body)}


@pytest.fixture
def recorder() -> _Recorder:
    return _Recorder()


@pytest.fixture
def server(recorder: _Recorder) -> Iterator[QueryApiServer]:
    with QueryApiServer(recorder, SigV4Verifier([CALLER], REGION)) as running:
        yield running


def _session(access_key: str = CALLER.access_key, secret: str = CALLER.secret_key) -> boto3.session.Session:
    return boto3.session.Session(aws_access_key_id=access_key, aws_secret_access_key=secret, region_name=REGION)


def _client(server: QueryApiServer, **options: Any) -> ArticleIndexClient:
    return ArticleIndexClient(server.url, session=_session(), sleep=lambda _s: None, **options)


def _raw_get(url: str, headers: dict[str, str]) -> tuple[int, dict[str, Any]]:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers)) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def _signed(url: str, *, secret: str = CALLER.secret_key, service: str = "execute-api") -> dict[str, str]:
    request = AWSRequest(method="GET", url=url)
    SigV4Auth(Credentials(CALLER.access_key, secret), service, REGION).add_auth(request)
    return dict(request.headers.items())


def test_a_signed_request_reaches_the_function_with_the_callers_identity(
    server: QueryApiServer, recorder: _Recorder
) -> None:
    assert list(_client(server).tag("Niger")) == []
    [event] = recorder.events
    assert event["version"] == "2.0"
    assert event["rawPath"] == "/articles"
    assert event["queryStringParameters"] == {"tag": "Niger", "limit": "20"}
    assert event["requestContext"]["authorizer"]["iam"]["userArn"] == CALLER.user_arn


def test_an_unsigned_request_is_403_before_the_function(server: QueryApiServer, recorder: _Recorder) -> None:
    status, body = _raw_get(f"{server.url}/articles?tag=niger", {})
    assert (status, body["message"]) == (403, "Forbidden")
    assert recorder.events == []


@pytest.mark.parametrize(
    ("signed_url_suffix", "sent_suffix", "secret", "service", "message"),
    [
        ("?tag=niger", "?tag=mali", CALLER.secret_key, "execute-api", "signature we calculated does not match"),
        ("?tag=niger", "?tag=niger", "wrong-secret", "execute-api", "signature we calculated does not match"),
        ("?tag=niger", "?tag=niger", CALLER.secret_key, "s3", "scoped"),
    ],
)
def test_a_bad_signature_is_403(
    server: QueryApiServer,
    recorder: _Recorder,
    signed_url_suffix: str,
    sent_suffix: str,
    secret: str,
    service: str,
    message: str,
) -> None:
    headers = _signed(f"{server.url}/articles{signed_url_suffix}", secret=secret, service=service)
    status, body = _raw_get(f"{server.url}/articles{sent_suffix}", headers)
    assert status == 403
    assert message in body["message"]
    assert recorder.events == []


def test_an_unknown_access_key_is_403(server: QueryApiServer) -> None:
    client = ArticleIndexClient(server.url, session=_session("AKIDSTRANGER", "x"), sleep=lambda _s: None)
    with pytest.raises(QueryApiError) as refused:
        client.article("u-1")
    assert refused.value.status == 403


def test_an_old_signature_is_refused() -> None:
    later = datetime.now(UTC) + timedelta(minutes=10)
    verifier = SigV4Verifier([CALLER], REGION, clock=lambda: later)
    with QueryApiServer(_Recorder(), verifier) as server:
        status, body = _raw_get(f"{server.url}/articles?tag=a", _signed(f"{server.url}/articles?tag=a"))
    assert status == 403
    assert "expired" in body["message"]


def test_awkward_query_values_survive_signing(server: QueryApiServer, recorder: _Recorder) -> None:
    list(_client(server).author("Zoë O'Brien & Co/+=?"))
    assert recorder.events[0]["queryStringParameters"]["author"] == "Zoë O'Brien & Co/+=?"


def test_the_client_pages_until_the_cursor_runs_out(server: QueryApiServer, recorder: _Recorder) -> None:
    summary = {
        "id": "u-1",
        "title": "T",
        "sort_at": "2026-02-27T00:00:00.000000Z",
        "sort_at_source": "published",
        "version": 1,
        "content_hash": "sha256:0",
        "clean": {"bucket": "b", "key": "articles/u-1.json"},
    }
    recorder.script = [
        (200, {"items": [summary], "next_cursor": "c1"}),
        (200, {"items": [summary | {"id": "u-2"}], "next_cursor": None}),
    ]
    assert [s.id for s in _client(server).site("worldwire.example", page_size=1)] == ["u-1", "u-2"]
    assert recorder.events[1]["queryStringParameters"]["cursor"] == "c1"


def test_the_client_retries_throttling_and_server_errors_with_backoff(
    server: QueryApiServer, recorder: _Recorder
) -> None:
    recorder.script = [(429, {"message": "Too Many Requests"}), (503, {"message": "busy"})]
    sleeps: list[float] = []
    client = ArticleIndexClient(server.url, session=_session(), sleep=sleeps.append, backoff_base_s=0.1)
    assert list(client.tag("niger")) == []
    assert len(recorder.events) == 3
    assert len(sleeps) == 2
    assert all(0 <= s <= 5 for s in sleeps)


def test_the_client_gives_up_after_max_attempts(server: QueryApiServer, recorder: _Recorder) -> None:
    recorder.script = [(429, {"message": "Too Many Requests"})] * 3
    with pytest.raises(QueryApiError) as failed:
        list(_client(server, max_attempts=3).tag("niger"))
    assert failed.value.status == 429
    assert len(recorder.events) == 3


def test_the_client_does_not_retry_a_bad_request(server: QueryApiServer, recorder: _Recorder) -> None:
    recorder.script = [(422, {"statusCode": 422, "message": "limit: too large", "parameter": "limit"})]
    with pytest.raises(QueryApiError) as refused:
        list(_client(server).tag("niger"))
    assert (refused.value.status, refused.value.parameter) == (422, "limit")
    assert len(recorder.events) == 1


def test_the_client_returns_none_for_an_unknown_id(server: QueryApiServer, recorder: _Recorder) -> None:
    recorder.script = [(404, {"statusCode": 404, "message": "no article"})]
    assert _client(server).article("u-404") is None
