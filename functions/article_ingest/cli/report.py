"""`article-ingest report [--since 7d] [--json]`: extraction quality per source domain, from a deployed stack.

Per source over the window (whole UTC days): pages, outcomes (ready, updated, unchanged, stale, rejected), refusals
by reason, the share of articles missing each field (published date, published time, authors, image, description,
language) and the mean word count. A source whose rejection rate or missing-date rate today moved far from its
own baseline (the days before) is flagged "layout change?". With --json, one JSON line per source.

The counts are written by the parse function, one small item per (day, source): the report reads those, never
the index or the articles, so it costs the same however large the deployment grows (docs/quality.md).
"""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime

from article_ingest.ops.target import add_target_arguments


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "report",
        help="extraction quality per source domain over a time window (AWS or the local stack)",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--since", default="7d", help="24h, 7d (default), or a date 2026-03-01: whole UTC days")
    parser.add_argument("--baseline-days", type=int, default=14, help="days before today the flag compares with")
    parser.add_argument("--json", action="store_true", help="one JSON line per source")
    add_target_arguments(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from article_ingest.adapters.dynamodb_source_stats import DynamoDBSourceStats
    from article_ingest.ops.report import read_report, since_day, write_json, write_table
    from article_ingest.ops.target import resolve_target
    from article_ingest.services.quality_report import ReportWindow

    now = datetime.now(UTC)
    try:
        window = ReportWindow(today=now.date(), since=since_day(args.since, now), baseline_days=args.baseline_days)
    except ValueError as error:
        print(f"article-ingest report: --since: {error}", file=sys.stderr)
        return 2
    resolved = resolve_target(args, "report")
    if resolved is None:
        return 1
    target, outputs = resolved
    table = outputs.get("SourceStatsTableName")
    if table is None:
        print(f"article-ingest report: {target.where} has no SourceStatsTableName output", file=sys.stderr)
        return 1
    reports = read_report(DynamoDBSourceStats(target.client("dynamodb"), table), window)
    if args.json:
        write_json(reports, sys.stdout)
    else:
        write_table(reports, window, sys.stdout)
    return 0
