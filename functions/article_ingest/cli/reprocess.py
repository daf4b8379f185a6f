"""`article-ingest reprocess --prefix P [--dry-run]`: parse raw objects again, e.g. after a parser upgrade.

One S3-shaped notification per object under the prefix goes to the parse queue; the deployed parse function does
the work. It is idempotent per (object version, parser version), so after an upgrade every object is parsed again
and only articles whose content changed produce `ArticleUpdated`; the same parser on the same bytes does nothing.
Follow the outcomes on the bus, or with `article-ingest query`.
"""

from __future__ import annotations

import argparse
import sys

from article_ingest.ops.target import add_target_arguments


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "reprocess",
        help="parse the raw objects under a prefix again (through the parse queue)",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--prefix", required=True, help='raw key prefix ("" for the whole bucket)')
    parser.add_argument("--dry-run", action="store_true", help="list the objects, queue nothing")
    parser.add_argument("--max", type=int, help="at most this many objects")
    add_target_arguments(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from article_ingest.ops.reprocess import ReprocessReport, reprocess
    from article_ingest.ops.target import resolve_target

    resolved = resolve_target(args, "reprocess")
    if resolved is None:
        return 1
    target, outputs = resolved

    def progress(report: ReprocessReport) -> None:
        done = len(report.listed) if args.dry_run else len(report.queued)
        print(f"{'listed' if args.dry_run else 'queued'} {done} ...", file=sys.stderr, flush=True)

    report = reprocess(
        target.client("s3"),
        target.client("sqs"),
        outputs["RawBucketName"],
        outputs["ParseQueueUrl"],
        args.prefix,
        region=target.session.region_name or "us-east-1",
        dry_run=args.dry_run,
        max_objects=args.max,
        progress=progress,
    )
    where = f"s3://{report.bucket}/{report.prefix}"
    if args.dry_run:
        print(f"would queue {len(report.listed)} object(s) under {where} ({target.where})")
        for obj in report.listed:
            print(f"  {obj.key}")
        return 0
    print(f"queued {len(report.queued)} object(s) under {where} for parsing ({target.where})")
    for obj, reason in report.failed:
        print(f"  NOT QUEUED {obj.key}: {reason}")
    return 1 if report.failed else 0
