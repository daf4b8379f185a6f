"""`article-ingest redrive [--queue parse|index|all] [--dry-run]`: dead letters back to the queue they came from.

article-ingest redrive --local --dry-run          # what is on the local stack's DLQs
article-ingest redrive --stack prod --region eu-west-1
Each message is listed with its SQS message id (the functions log it as their correlation id: search the logs for
it to read why it failed) and what it is about: the raw object, or the article event.
"""

from __future__ import annotations

import argparse
import sys

from article_ingest.ops.target import StackTarget, add_target_arguments

# queue -> (its DLQ's stack output, its own stack output, its consumer function's stack output)
QUEUES = {
    "parse": ("ParseDeadLetterQueueUrl", "ParseQueueUrl", "ParseFunctionName"),
    "index": ("IndexDeadLetterQueueUrl", "IndexQueueUrl", "IndexFunctionName"),
}
LOG_SEARCH_DAYS = 14  # as long as the DLQs keep a message
NO_REASON = "not found in the function's logs (search them for correlation_id = the message id)"


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
    parser.add_argument("--reasons", action="store_true", help="look up why each message failed in the function's logs")
    add_target_arguments(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from article_ingest.ops.redrive import RedriveReport, redrive
    from article_ingest.ops.target import resolve_target

    resolved = resolve_target(args, "redrive")
    if resolved is None:
        return 1
    target, outputs = resolved
    sqs = target.client("sqs")
    local = target.endpoint_url is not None
    failed = 0
    for name in QUEUES if args.queue == "all" else [args.queue]:
        dlq_output, source_output, function_output = QUEUES[name]

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
        reasons = (
            _reasons(target, outputs[function_output], [letter.message_id for letter in letters])
            if args.reasons
            else {}
        )
        for letter in letters:
            print(f"  {letter.line()}")
            if args.reasons:
                print(f"    reason: {reasons.get(letter.message_id, NO_REASON)}")
        for letter, reason in report.failed:
            print(f"  NOT MOVED {letter.line()}: {reason}")
        failed += len(report.failed)
    return 1 if failed else 0


def _reasons(target: StackTarget, function_name: str, message_ids: list[str]) -> dict[str, str]:
    import time

    from botocore.exceptions import BotoCoreError, ClientError

    from article_ingest.ops.redrive import failure_reasons

    if not message_ids:
        return {}
    try:
        configuration = target.client("lambda").get_function_configuration(FunctionName=function_name)
        log_group = configuration.get("LoggingConfig", {}).get("LogGroup") or f"/aws/lambda/{function_name}"
        since_ms = int((time.time() - LOG_SEARCH_DAYS * 86400) * 1000)
        return failure_reasons(target.client("logs"), log_group, message_ids, since_ms=since_ms)
    except (BotoCoreError, ClientError) as error:
        print(f"article-ingest redrive: cannot read {function_name}'s logs: {error}", file=sys.stderr)
        return {}
