"""A small typed client of the query API, for other services.

    client = ArticleIndexClient("https://abc123.execute-api.eu-west-1.amazonaws.com")
    for summary in client.tag("niger", since=datetime(2026, 2, 1, tzinfo=UTC)):
        print(summary.title)

Requests are signed with SigV4 (service `execute-api`) using the caller's boto3 credentials; throttling (429) and
server errors (5xx) are retried with exponential backoff and jitter. Listings page automatically.
"""

from __future__ import annotations

import json
import random
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from datetime import date, datetime
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

import boto3
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest

from article_ingest.domain.index import ArticleDetail, ArticlePage, ArticleSummary

RETRYABLE_STATUS = frozenset({429, 500, 502, 503, 504})


class QueryApiError(Exception):
    """The API refused the request (4xx), or kept failing after the retries."""

    def __init__(
        self, status: int, message: str, *, parameter: str | None = None, retry_after: float | None = None
    ) -> None:
        super().__init__(f"HTTP {status}: {message}")
        self.status = status
        self.message = message
        self.parameter = parameter
        self.retry_after = retry_after


class ArticleIndexClient:
    def __init__(
        self,
        endpoint: str,
        *,
        session: boto3.session.Session | None = None,
        region: str | None = None,
        max_attempts: int = 5,
        backoff_base_s: float = 0.2,
        backoff_cap_s: float = 5.0,
        timeout_s: float = 10.0,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._endpoint = endpoint.rstrip("/")
        self._session = session or boto3.session.Session()
        region = region or self._session.region_name or _region_of(self._endpoint)
        if not region:
            raise ValueError("no AWS region: pass region= or configure one for boto3")
        self._region = region
        self._max_attempts = max_attempts
        self._backoff_base_s = backoff_base_s
        self._backoff_cap_s = backoff_cap_s
        self._timeout_s = timeout_s
        self._sleep = sleep

    # --- one article ---------------------------------------------------------------------------------------------

    def article(self, article_id: str, *, include_body: bool = False) -> ArticleDetail | None:
        """One article by id; None when the index does not know it."""
        params = {"include": "body"} if include_body else {}
        try:
            document = self._get(f"/articles/{quote(article_id, safe='')}", params)
        except QueryApiError as error:
            if error.status == 404:
                return None
            raise
        return ArticleDetail.model_validate(document)

    def by_url(self, url: str, *, include_body: bool = False) -> ArticleDetail | None:
        """One article by its canonical URL; None when the index does not know it."""
        params = {"url": url, **({"include": "body"} if include_body else {})}
        items = self._get("/articles", params)["items"]
        return ArticleDetail.model_validate(items[0]) if items else None

    # --- listings: iterators over every page ---------------------------------------------------------------------

    def site(
        self, domain: str, *, since: datetime | None = None, until: datetime | None = None, page_size: int = 20
    ) -> Iterator[ArticleSummary]:
        """Articles of one source domain, newest first."""
        return self._items({"site": domain}, since=since, until=until, page_size=page_size)

    def tag(
        self, tag: str, *, since: datetime | None = None, until: datetime | None = None, page_size: int = 20
    ) -> Iterator[ArticleSummary]:
        """Articles with one tag (country, topic, section), newest first."""
        return self._items({"tag": tag}, since=since, until=until, page_size=page_size)

    def author(
        self, author: str, *, since: datetime | None = None, until: datetime | None = None, page_size: int = 20
    ) -> Iterator[ArticleSummary]:
        """Articles by one author, newest first."""
        return self._items({"author": author}, since=since, until=until, page_size=page_size)

    def day(
        self, day: date, *, since: datetime | None = None, until: datetime | None = None, page_size: int = 20
    ) -> Iterator[ArticleSummary]:
        """Articles published on one UTC day (narrow to hours with since/until), in time order."""
        return self._items({"day": day.isoformat()}, since=since, until=until, page_size=page_size)

    def story(
        self, story_id: str, *, since: datetime | None = None, until: datetime | None = None, page_size: int = 20
    ) -> Iterator[ArticleSummary]:
        """The copies of one story (syndicated near-copies across sites), newest first."""
        return self._items({"story": story_id}, since=since, until=until, page_size=page_size)

    def pages(
        self,
        selector: dict[str, str],
        *,
        since: datetime | None = None,
        until: datetime | None = None,
        page_size: int = 20,
    ) -> Iterator[ArticlePage]:
        """Every page of one listing. `selector` is one of {"site"|"tag"|"author"|"day"|"story": value}."""
        path = "/articles"
        if "story" in selector:  # a story is a resource of its own: /stories/{id}
            path = f"/stories/{quote(selector['story'], safe='')}"
            selector = {name: value for name, value in selector.items() if name != "story"}
        params: dict[str, str] = {**selector, "limit": str(page_size)}
        if since is not None:
            params["since"] = _instant(since)
        if until is not None:
            params["until"] = _instant(until)
        while True:
            page = ArticlePage.model_validate(self._get(path, params))
            yield page
            if page.next_cursor is None:
                return
            params["cursor"] = page.next_cursor

    def _items(
        self,
        selector: dict[str, str],
        *,
        since: datetime | None = None,
        until: datetime | None = None,
        page_size: int = 20,
    ) -> Iterator[ArticleSummary]:
        for page in self.pages(selector, since=since, until=until, page_size=page_size):
            yield from page.items

    # --- transport -----------------------------------------------------------------------------------------------

    def _get(self, path: str, params: dict[str, str]) -> dict[str, Any]:
        url = f"{self._endpoint}{path}"
        if params:
            url += "?" + urlencode(params, quote_via=quote)
        last_error: QueryApiError | None = None
        for attempt in range(self._max_attempts):
            if attempt:
                self._sleep(self._backoff(attempt, last_error))
            status, body, retry_after = self._send(url)
            if status < 400:
                document: dict[str, Any] = json.loads(body)
                return document
            last_error = _error_of(status, body, retry_after)
            if status not in RETRYABLE_STATUS:
                raise last_error
        assert last_error is not None
        raise last_error

    def _send(self, url: str) -> tuple[int, bytes, float | None]:
        """One signed GET: (status, body, Retry-After seconds). Network failures count as a 503."""
        request = urllib.request.Request(url, headers=self._signed_headers(url), method="GET")  # noqa: S310
        try:
            with urllib.request.urlopen(request, timeout=self._timeout_s) as response:  # noqa: S310
                return response.status, response.read(), None
        except urllib.error.HTTPError as error:
            retry_after = error.headers.get("Retry-After") if error.headers else None
            return error.code, error.read(), float(retry_after) if retry_after and retry_after.isdigit() else None
        except (urllib.error.URLError, TimeoutError, ConnectionError) as error:
            return 503, json.dumps({"message": f"network error: {error}"}).encode(), None

    def _signed_headers(self, url: str) -> dict[str, str]:
        credentials = self._session.get_credentials()
        if credentials is None:
            raise QueryApiError(401, "no AWS credentials to sign the request with")
        request = AWSRequest(method="GET", url=url, headers={"accept": "application/json"})
        SigV4Auth(credentials.get_frozen_credentials(), "execute-api", self._region).add_auth(request)
        return dict(request.headers.items())

    def _backoff(self, attempt: int, error: QueryApiError | None) -> float:
        if error is not None and error.retry_after is not None:
            return min(error.retry_after, self._backoff_cap_s)
        # Full jitter: spreads retries of many clients throttled at once.
        return random.uniform(0, min(self._backoff_cap_s, self._backoff_base_s * 2**attempt))


def _error_of(status: int, body: bytes, retry_after: float | None) -> QueryApiError:
    try:
        document = json.loads(body)
    except ValueError:
        document = {}
    if not isinstance(document, dict):
        document = {}
    message = str(document.get("message") or body[:200].decode("utf-8", errors="replace") or "no message")
    return QueryApiError(status, message, parameter=document.get("parameter"), retry_after=retry_after)


def _instant(value: datetime) -> str:
    if value.tzinfo is None:
        raise ValueError("since/until must be timezone-aware datetimes")
    return value.isoformat()


def _region_of(endpoint: str) -> str | None:
    """`<api>.execute-api.<region>.amazonaws.com` names its region."""
    host = urlsplit(endpoint).hostname or ""
    parts = host.split(".")
    if "execute-api" in parts and parts.index("execute-api") + 1 < len(parts):
        return parts[parts.index("execute-api") + 1]
    return None
