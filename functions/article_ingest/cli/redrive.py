"""`article-ingest redrive [--queue parse|index|all] [--dry-run]`: dead letters back to the queue they came from.

article-ingest redrive --local --dry-run          # what is on the local stack's DLQs
article-ingest redrive --stack prod --region eu-west-1
Each message is listed with its SQS message id (the functions log it as their correlation id: search the logs for
it to read why it failed) and what it is about: the raw object, or the article event.
"""

from __future__ import annotations

import argparse
import sys

from article_ingest.ops.target import add_target_arguments

# queue -> (its DLQ's stack output, its own stack output)
QUEUES = {
    "parse": ("ParseDeadLetterQueueUrl", "ParseQueueUrl"),
    "index": ("IndexDeadLetterQueueUrl", "IndexQueueUrl"),
}


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "redrive",
        help="move messages from the dead-letter queues back to their source queues",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--queue", choices=[*QUEUES, "all"], default="all", help="which DLQ (default: all)")
    parser.add_argument("--dry-run", action="store_true", help="list the dead letters, move nothing")
    parser.add_argument("--max", type=int, help="at most this many messages per queue")
    add_target_arguments(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from article_ingest.ops.redrive import RedriveReport, redrive
    from article_ingest.ops.target import StackNotFoundError, target_from_args

    target = target_from_args(args)
    try:
        outputs = target.outputs()
    except StackNotFoundError as error:
        print(f"article-ingest redrive: {error}", file=sys.stderr)
        return 1
    sqs = target.client("sqs")
    local = target.endpoint_url is not None
    failed = 0
    for name in QUEUES if args.queue == "all" else [args.queue]:
        dlq_output, source_output = QUEUES[name]

        def progress(report: RedriveReport, name: str = name) -> None:
            done = len(report.listed) if args.dry_run else len(report.moved)
            print(f"{name}: {'listed' if args.dry_run else 'moved'} {done} ...", file=sys.stderr, flush=True)

        report = redrive(
            sqs,
            outputs[dlq_output],
            outputs[source_output],
            dry_run=args.dry_run,
            max_messages=args.max,
            wait_seconds=0 if local else 1,
            progress=progress,
        )
        letters = report.listed if args.dry_run else report.moved
        verb = "would move" if args.dry_run else "moved"
        print(f"{name}: {verb} {len(letters)} message(s) from its dead-letter queue ({target.where})")
        for letter in letters:
            print(f"  {letter.line()}")
        for letter, reason in report.failed:
            print(f"  NOT MOVED {letter.line()}: {reason}")
        failed += len(report.failed)
    return 1 if failed else 0
