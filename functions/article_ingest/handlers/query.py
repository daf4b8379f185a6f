"""Query function: the index's HTTP API (API Gateway HTTP API, IAM auth), with validation and OpenAPI.

Routes validate their parameters from the type hints (powertools), call `QueryService`, and return pydantic
models. Clients are built on the first request of a container; the S3 client only when a route asks for a body.
"""

# No `from __future__ import annotations`: powertools reads the route signatures' annotations at runtime.

from article_ingest.coldstart import building_for_good, loading_handler

with loading_handler():
    import os
    from collections.abc import Callable
    from datetime import date
    from functools import lru_cache
    from typing import TYPE_CHECKING, Annotated, Any, Literal

    import boto3
    from aws_lambda_powertools import Logger
    from aws_lambda_powertools.event_handler import APIGatewayHttpResolver, Response
    from aws_lambda_powertools.event_handler.exceptions import BadRequestError, NotFoundError
    from aws_lambda_powertools.event_handler.openapi.exceptions import RequestValidationError
    from aws_lambda_powertools.event_handler.openapi.params import Path, Query
    from aws_lambda_powertools.event_handler.openapi.types import OpenAPIResponse
    from aws_lambda_powertools.logging import correlation_paths
    from aws_lambda_powertools.utilities.typing import LambdaContext
    from pydantic import AwareDatetime, BaseModel, Field

    from article_ingest import __version__
    from article_ingest.adapters.dynamodb_index import DynamoIndexRepository
    from article_ingest.domain.index import ArticleDetail, ArticlePage, ArticleSummary, CleanRef
    from article_ingest.index_settings import QuerySettings
    from article_ingest.services.cursor import CursorCodec, InvalidCursorError
    from article_ingest.services.query_service import DEFAULT_LIMIT, MAX_LIMIT, InvalidQueryError, Listing, QueryService

    if TYPE_CHECKING:
        from mypy_boto3_secretsmanager import SecretsManagerClient

API_TITLE = "article-ingest query API"
SELECTORS = ("url", "site", "tag", "author", "day")
LISTING_PARAMETERS = frozenset({*SELECTORS, "since", "until", "limit", "cursor", "include"})
ARTICLE_PARAMETERS = frozenset({"include"})
STORY_PARAMETERS = frozenset({"since", "until", "limit", "cursor"})

Include = Annotated[
    Literal["body"] | None,
    Query(description="`body` adds the full Article JSON (single-article lookups: id or url)."),
]
Since = Annotated[AwareDatetime | None, Query(description="Inclusive lower bound, ISO 8601 with offset.")]
Until = Annotated[AwareDatetime | None, Query(description="Exclusive upper bound, ISO 8601 with offset.")]
# No C0 control character or DEL: no tag, author, site or URL holds one, and they only hide what a value is.
PRINTABLE = r"^[^\x00-\x1f\x7f]+$"
Text = Annotated[str | None, Query(min_length=1, max_length=512, pattern=PRINTABLE)]


class ApiError(BaseModel):
    """Every 4xx body: the status, a message naming the parameter at fault, and per-parameter details on 422."""

    status_code: int = Field(alias="statusCode")
    message: str
    parameter: str | None = None
    errors: list[dict[str, str]] | None = None


def _json(model: type[BaseModel], description: str) -> OpenAPIResponse:
    return {"description": description, "content": {"application/json": {"model": model}}}


_ERRORS: dict[int, OpenAPIResponse] = {
    400: _json(ApiError, "Bad parameter or cursor"),
    422: _json(ApiError, "A parameter failed validation"),
}


def _error(status: int, message: str, **extra: Any) -> Response[dict[str, Any]]:
    return Response(
        status_code=status,
        content_type="application/json",
        body={"statusCode": status, "message": message, **extra},
    )


def create_app(service: Callable[[], QueryService]) -> APIGatewayHttpResolver:
    """The API's routes over the `QueryService` that `service()` returns (called per request, cheap)."""
    app = APIGatewayHttpResolver(enable_validation=True)

    @app.get(
        "/articles/<article_id>",
        summary="One article by id",
        responses={200: _json(ArticleDetail, "The article"), 404: _json(ApiError, "Unknown id"), **_ERRORS},
    )
    def get_article(
        article_id: Annotated[str, Path(min_length=1, max_length=128, pattern=r"^[A-Za-z0-9_.-]+$")],
        include: Include = None,
    ) -> ArticleDetail:
        _refuse_unknown_parameters(app, ARTICLE_PARAMETERS)
        queries = service()
        summary = queries.article(article_id)
        if summary is None:
            raise NotFoundError(f"no article with id {article_id!r}")
        return _detail(queries, summary, include)

    @app.get(
        "/articles",
        summary="Articles by url, site, tag, author or day",
        description="Exactly one of `url`, `site`, `tag`, `author`, `day`. Site, tag and author list newest "
        "first; a day lists in time order. `since`/`until` bound the published time (UTC instants).",
        responses={200: _json(ArticlePage, "One page of articles"), **_ERRORS},
    )
    def list_articles(
        url: Annotated[
            str | None, Query(min_length=1, max_length=2048, pattern=PRINTABLE, description="Canonical article URL.")
        ] = None,
        site: Annotated[
            str | None, Query(min_length=1, max_length=253, pattern=PRINTABLE, description="Source domain.")
        ] = None,
        tag: Text = None,
        author: Text = None,
        day: Annotated[date | None, Query(description="UTC day, YYYY-MM-DD.")] = None,
        since: Since = None,
        until: Until = None,
        limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
        cursor: Annotated[str | None, Query(min_length=1, max_length=1024)] = None,
        include: Include = None,
    ) -> ArticlePage:
        _refuse_unknown_parameters(app, LISTING_PARAMETERS)
        _refuse_numeric_instants(app)
        chosen = {"url": url, "site": site, "tag": tag, "author": author, "day": day}
        given = [name for name, value in chosen.items() if value is not None]
        if len(given) != 1:
            wanted = ", ".join(SELECTORS)
            raise BadRequestError(f"give exactly one of {wanted} (got {', '.join(given) or 'none'})")
        queries = service()
        if url is not None:
            for name, value in (("since", since), ("until", until), ("cursor", cursor)):
                if value is not None:
                    raise BadRequestError(f"{name} does not apply to a url lookup")
            summary = queries.by_url(url)
            items = [_detail(queries, summary, include)] if summary else []
            return ArticlePage(items=items, next_cursor=None)
        if include is not None:
            raise BadRequestError("include=body applies to single-article lookups (id or url) only")
        if site is not None:
            listing = Listing("site", site, since, until)
        elif tag is not None:
            listing = Listing("tag", tag, since, until)
        elif author is not None:
            listing = Listing("author", author, since, until)
        else:
            listing = Listing("day", str(day), since, until)
        page = queries.listing(listing, limit=limit, cursor=cursor)
        return ArticlePage(items=[ArticleDetail(**s.model_dump()) for s in page.items], next_cursor=page.next_cursor)

    @app.get(
        "/stories/<story_id>",
        summary="The copies of one story",
        description="Every article whose body is a near-copy within one story (syndicated copies across sites), "
        "newest first; an unknown story is an empty page. `since`/`until` bound the published time (UTC instants).",
        responses={200: _json(ArticlePage, "One page of the story's articles"), **_ERRORS},
    )
    def list_story(
        story_id: Annotated[str, Path(min_length=1, max_length=128, pattern=r"^[A-Za-z0-9_.-]+$")],
        since: Since = None,
        until: Until = None,
        limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
        cursor: Annotated[str | None, Query(min_length=1, max_length=1024)] = None,
    ) -> ArticlePage:
        _refuse_unknown_parameters(app, STORY_PARAMETERS)
        _refuse_numeric_instants(app)
        page = service().listing(Listing("story", story_id, since, until), limit=limit, cursor=cursor)
        return ArticlePage(items=[ArticleDetail(**s.model_dump()) for s in page.items], next_cursor=page.next_cursor)

    app.exception_handler(InvalidCursorError)(_invalid_cursor)
    app.exception_handler(InvalidQueryError)(_invalid_query)
    app.exception_handler(RequestValidationError)(_invalid_parameters)
    return app


def _invalid_cursor(error: InvalidCursorError) -> Response[dict[str, Any]]:
    return _error(400, f"cursor: {error}", parameter="cursor")


def _invalid_query(error: InvalidQueryError) -> Response[dict[str, Any]]:
    return _error(400, str(error), parameter=error.parameter)


def _invalid_parameters(error: RequestValidationError) -> Response[dict[str, Any]]:
    """422 naming each bad parameter (powertools' default lists locations without a readable message)."""
    problems = [
        {"parameter": str(e["loc"][-1]), "in": str(e["loc"][0]), "message": e.get("msg", e["type"])}
        for e in error.errors()
    ]
    text = "; ".join(f"{p['parameter']}: {p['message']}" for p in problems)
    return _error(422, text, errors=problems)


def _refuse_numeric_instants(app: APIGatewayHttpResolver) -> None:
    """pydantic reads `since=-195` as a Unix time; the contract is ISO 8601 with an offset, so refuse it."""
    given = app.current_event.query_string_parameters or {}
    for name in ("since", "until"):
        value = given.get(name, "").strip()
        if value and value.lstrip("+-").replace(".", "", 1).isdigit():
            raise InvalidQueryError(name, "must be an ISO 8601 date-time with an offset, not a number")


def _refuse_unknown_parameters(app: APIGatewayHttpResolver, allowed: frozenset[str]) -> None:
    """A misspelt parameter (`?sites=`) would otherwise be ignored silently and answer another question."""
    unknown = sorted(set(app.current_event.query_string_parameters or {}) - allowed)
    if unknown:
        raise BadRequestError(f"unknown parameter: {', '.join(unknown)}")


def _detail(queries: QueryService, summary: ArticleSummary, include: str | None) -> ArticleDetail:
    article = queries.body(summary) if include == "body" else None
    return ArticleDetail(**summary.model_dump(), article=article)


# --- the Lambda entry point -------------------------------------------------------------------------------------


class _LazyS3Bodies:
    """The S3 client costs a cold start only on the first `include=body` request of a container."""

    def __init__(self, clean_bucket: str) -> None:
        self._bucket = clean_bucket
        self._bodies: Any = None

    def get(self, ref: CleanRef) -> dict[str, Any]:
        if self._bodies is None:
            from article_ingest.adapters.s3_article_bodies import S3ArticleBodies

            self._bodies = S3ArticleBodies(boto3.client("s3"), self._bucket)
        document: dict[str, Any] = self._bodies.get(ref)
        return document


def fetch_cursor_key(secrets: "SecretsManagerClient", secret_arn: str) -> bytes:
    secret = secrets.get_secret_value(SecretId=secret_arn)
    return str(secret["SecretString"]).encode("utf-8")


@lru_cache(maxsize=1)
def _service_for(settings: QuerySettings) -> QueryService:
    from datetime import timedelta

    with building_for_good():  # kept for the life of the execution environment
        dynamodb = boto3.client("dynamodb")
        secrets = boto3.client("secretsmanager")
    repository = DynamoIndexRepository(dynamodb, settings.table_name)
    cursor_key = fetch_cursor_key(secrets, settings.cursor_secret_arn)
    cursors = CursorCodec(cursor_key, ttl=timedelta(seconds=settings.cursor_ttl_s))
    return QueryService(
        repository, cursors, day_shards=settings.day_shards, bodies=_LazyS3Bodies(settings.clean_bucket)
    )


def query_service_from_env() -> QueryService:
    """Built on a container's first request (clients, the cursor key), again only if the configuration changes."""
    return _service_for(QuerySettings.from_env(os.environ))


logger = Logger()
app = create_app(query_service_from_env)


@logger.inject_lambda_context(correlation_id_path=correlation_paths.API_GATEWAY_HTTP)
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)


def openapi_document() -> str:
    """The OpenAPI document of the routes above, as committed in `docs/openapi.json`."""
    from aws_lambda_powertools.event_handler.openapi.models import APIKey, APIKeyIn

    sigv4 = APIKey.model_validate(
        {
            "type": "apiKey",
            "name": "Authorization",
            "in": APIKeyIn.header,
            "description": "AWS Signature Version 4 (IAM), service `execute-api`.",
            "x-amazon-apigateway-authtype": "awsSigv4",
        }
    )
    return create_app(query_service_from_env).get_openapi_json_schema(
        title=API_TITLE,
        version=__version__,
        description="Read the article index: one article, or pages of articles by site, tag, author, day or story.",
        security_schemes={"sigv4": sigv4},
        security=[{"sigv4": []}],
    )


if __name__ == "__main__":  # `python -m article_ingest.handlers.query > docs/openapi.json`
    print(openapi_document())
