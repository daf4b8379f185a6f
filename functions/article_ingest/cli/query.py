"""`article-ingest query PATTERN VALUE`: read the index through the query API, as a table or JSON Lines.

article-ingest query tag niger --since 2026-02-01T00:00:00Z
article-ingest query day 2026-02-27 --all --json
article-ingest query id u-9b1f... --include-body
article-ingest query story u-9b1f...     # the syndicated copies of one story, newest first
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from itertools import islice
from typing import TextIO

from article_ingest.domain.index import ArticleSummary, SortTimeSource

DEFAULT_ENDPOINT = "http://127.0.0.1:3000"  # `article-ingest up`'s API port
PATTERNS = ("id", "url", "site", "tag", "author", "day", "story")


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "query",
        help="query the article index (by id, url, site, tag, author, day or story)",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("pattern", choices=PATTERNS, help="which access pattern")
    parser.add_argument("value", help="the id, URL, source domain, tag, author, UTC day (YYYY-MM-DD) or story id")
    parser.add_argument(
        "--endpoint",
        default=os.environ.get("ARTICLE_INGEST_API_URL", DEFAULT_ENDPOINT),
        help="API base URL (default: $ARTICLE_INGEST_API_URL, else the local stack's %(default)s)",
    )
    parser.add_argument("--region", help="signing region (default: boto3's, else the endpoint's)")
    parser.add_argument("--since", type=_instant, help="inclusive lower bound, ISO 8601 with offset")
    parser.add_argument("--until", type=_instant, help="exclusive upper bound, ISO 8601 with offset")
    parser.add_argument("--limit", type=int, default=20, help="at most this many articles (default %(default)s)")
    parser.add_argument("--all", action="store_true", help="every matching article (pages through them all)")
    parser.add_argument("--page-size", type=int, default=50, help="articles per API call (1-100)")
    parser.add_argument("--include-body", action="store_true", help="id/url: also print the full Article")
    parser.add_argument("--json", action="store_true", help="JSON Lines, one article per line")
    parser.set_defaults(func=run)


def _instant(text: str) -> datetime:
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an ISO 8601 datetime: {text!r}") from None
    if value.tzinfo is None:
        raise argparse.ArgumentTypeError(f"give an offset (e.g. Z or +05:30): {text!r}")
    return value


def run(args: argparse.Namespace) -> int:
    from article_ingest.client import ArticleIndexClient, QueryApiError  # boto3 only when the command runs

    if not 1 <= args.page_size <= 100:
        print("--page-size must be between 1 and 100", file=sys.stderr)
        return 2
    region = args.region
    if region is None and args.endpoint.startswith(("http://127.0.0.1", "http://localhost")):
        region = os.environ.get("AWS_DEFAULT_REGION", "us-east-1")
    try:
        client = ArticleIndexClient(args.endpoint, region=region)
        if args.pattern in {"id", "url"}:
            if args.pattern == "id":
                detail = client.article(args.value, include_body=args.include_body)
            else:
                detail = client.by_url(args.value, include_body=args.include_body)
            if detail is None:
                print(f"no article with {args.pattern} {args.value}", file=sys.stderr)
                return 1
            if args.json:
                print(detail.model_dump_json())
            else:
                print_table([detail], sys.stdout)
                if detail.article is not None:
                    print()
                    print(detail.article.get("body", ""))
            return 0
        value = date.fromisoformat(args.value).isoformat() if args.pattern == "day" else args.value
        pages = client.pages({args.pattern: value}, since=args.since, until=args.until, page_size=args.page_size)
        items = (summary for page in pages for summary in page.items)
        chosen: Iterator[ArticleSummary] = items if args.all else islice(items, args.limit)
        if args.json:
            for summary in chosen:
                print(summary.model_dump_json(), flush=False)
        else:
            print_table(chosen, sys.stdout)
    except QueryApiError as error:
        print(f"query failed: {error}", file=sys.stderr)
        return 2
    except ValueError as error:
        print(f"query failed: {error}", file=sys.stderr)
        return 2
    return 0


def print_table(summaries: Iterable[ArticleSummary], out: TextIO) -> int:
    """Published (UTC; `~` when another time stood in), site, id and title, fitted to the terminal."""
    width = shutil.get_terminal_size((120, 24)).columns
    header = f"{'PUBLISHED (UTC)':<18} {'SITE':<24} {'ID':<34} TITLE"
    print(header, file=out)
    count = 0
    for summary in summaries:
        when = summary.sort_at[:16].replace("T", " ")
        mark = " " if summary.sort_at_source is SortTimeSource.PUBLISHED else "~"
        site = (summary.source_domain or summary.site or "-")[:24]
        title_room = max(width - 80, 20)
        title = summary.title if len(summary.title) <= title_room else summary.title[: title_room - 1] + "…"
        print(f"{when}{mark} {site:<24} {summary.id:<34} {title}", file=out)
        count += 1
    print(f"({count} article{'s' if count != 1 else ''})", file=out)
    return count
