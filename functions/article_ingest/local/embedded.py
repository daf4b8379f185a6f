"""`article-ingest run`: the whole pipeline in this process, on moto, deployed from `infra/template.yaml`.

Pages are uploaded to the raw bucket; the parse and index queues are drained through the real handlers; what
became of each page is read from the bus by a subscriber of our own (its queue, its rule), as any consumer would.
A page with no event is `unchanged` or `stale` only when the parse function positively reported its record as
processed (an identical copy, or a copy fetched before the current version, emits nothing by contract): `stale`
when the clean bucket holds its stale-copy record. Otherwise it is `undelivered`.

Cost stays linear in the number of pages: each page is uploaded once, each queue message received once, each
event read once; nothing is listed or scanned.
"""

from __future__ import annotations

import contextlib
import io
import json
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote_plus

import boto3
from botocore.exceptions import ClientError
from moto import mock_aws

from article_ingest.adapters.s3_notifications import MalformedNotificationError, raw_objects
from article_ingest.domain.events import ObjectRef
from article_ingest.local.inputs import InputFile, upload
from article_ingest.local.moto_patches import item_level_transaction_rollback
from article_ingest.local.outcomes import Outcome, Status, outcome_from_event
from article_ingest.local.quiet import quiet_moto, unset_env
from article_ingest.local.stack import LocalStack
from article_ingest.local.subscriber import Subscription, subscribe
from article_ingest.local.wrapped import failed_record_ids, quiet_environment, wrap_mapping
from article_ingest.services.parse_service import stale_key

if TYPE_CHECKING:
    from article_ingest.services.quality_report import ReportWindow, SourceReport

if TYPE_CHECKING:
    from mypy_boto3_s3 import S3Client
    from mypy_boto3_sqs import SQSClient

REGION = "us-east-1"
SUBSCRIBER_NAME = "article-ingest-run-outcomes"
# (pages whose outcome is known, counts by status so far)
ProgressCallback = Callable[[int, Counter[Status]], None]


@dataclass
class RunReport:
    outcomes: list[Outcome]  # one per input, in input order
    seconds: float  # from the first upload to the last outcome
    deploy_seconds: float
    duplicate_events: int = 0  # events beyond the first for one key: should always be 0

    @property
    def counts(self) -> Counter[Status]:
        return Counter(outcome.status for outcome in self.outcomes)

    @property
    def complete(self) -> bool:
        return all(outcome.status.final for outcome in self.outcomes)

    @property
    def articles_per_s(self) -> float:
        return len(self.outcomes) / self.seconds if self.seconds > 0 else 0.0

    def summary(self) -> dict[str, Any]:
        counts = self.counts
        return {
            "inputs": len(self.outcomes),
            **{status.value: counts.get(status, 0) for status in Status},
            "duplicate_events": self.duplicate_events,
            "seconds": round(self.seconds, 3),
            "articles_per_s": round(self.articles_per_s, 2),
            "deploy_seconds": round(self.deploy_seconds, 3),
        }


@dataclass
class _ParseLedger:
    """Raw objects whose S3 record the parse function reported as processed (not in `batchItemFailures`), by key."""

    processed: dict[str, ObjectRef] = field(default_factory=dict)

    def observe(self, event: dict[str, Any], response: Any, error: BaseException | None) -> None:
        failed = failed_record_ids(event, response, error)
        for record in event.get("Records", []):
            if record["messageId"] not in failed:
                try:
                    self.processed.update((ref.key, ref) for ref in raw_objects(record["body"]))
                except MalformedNotificationError:
                    continue


def _s3_keys(body: str) -> Iterator[str]:
    """Decoded object keys of an S3 notification (none for `s3:TestEvent`)."""
    try:
        notification = json.loads(body)
    except json.JSONDecodeError:
        return
    for record in notification.get("Records", []) if isinstance(notification, dict) else []:
        key = record.get("s3", {}).get("object", {}).get("key")
        if isinstance(key, str):
            yield unquote_plus(key)


class EmbeddedPipeline:
    """`with EmbeddedPipeline() as pipeline: report = pipeline.ingest(inputs)` — moto lives as long as the block."""

    def __init__(self, *, verbose: bool = False) -> None:
        self._exit = ExitStack()
        self._ledger = _ParseLedger()
        self._verbose = verbose
        self.deploy_seconds = 0.0

    def __enter__(self) -> EmbeddedPipeline:
        started = time.perf_counter()
        # stdout is the report's: the functions' logs, and whatever moto prints, go to stderr.
        self._exit.enter_context(contextlib.redirect_stdout(sys.stderr))
        if not self._verbose:
            self._exit.enter_context(quiet_moto())
        # A profile or endpoint from the user's shell would send the clients past the mock.
        self._exit.enter_context(unset_env("AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_ENDPOINT_URL"))
        # moto's own Lambda must not try Docker: the harness runs the handlers in this process.
        self._exit.enter_context(mock_aws(config={"lambda": {"use_docker": False}}))
        self._exit.enter_context(item_level_transaction_rollback())  # else moto makes the run quadratic
        session = boto3.session.Session(region_name=REGION)
        with contextlib.redirect_stdout(sys.stderr if self._verbose else io.StringIO()):
            deployed = LocalStack.deploy(session)
        parse_function = deployed.resources.parse_function
        environment = quiet_environment(verbose=self._verbose)
        mappings = [
            wrap_mapping(
                m,
                observer=self._ledger.observe if m.function.name == parse_function else None,
                environment=environment,
            )
            for m in deployed.mappings
        ]
        self.stack = LocalStack(session, deployed.resources, mappings)
        self._subscription: Subscription = subscribe(self.stack, SUBSCRIBER_NAME)
        self._s3: S3Client = self.stack.client("s3")
        self._sqs: SQSClient = self.stack.client("sqs")
        self.deploy_seconds = time.perf_counter() - started
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._exit.close()

    def ingest(self, inputs: Sequence[InputFile], progress: ProgressCallback | None = None) -> RunReport:
        started = time.perf_counter()
        bucket = self.stack.resources.raw_bucket
        for item in inputs:
            upload(self._s3, bucket, item)
        wanted = {item.key for item in inputs}
        found: dict[str, Outcome] = {}
        duplicates = 0
        while True:
            delivered = self.stack.deliver_once()
            for envelope in self._subscription.receive_all():
                outcome = outcome_from_event(envelope)
                if outcome is None or outcome.key not in wanted:
                    continue
                if outcome.key in found:
                    duplicates += 1
                else:
                    found[outcome.key] = outcome
            if progress is not None:
                progress(len(found), Counter(o.status for o in found.values()))
            if not delivered:
                break
        dead = self._dead_lettered_keys()
        outcomes = [found.get(item.key) or self._without_event(item.key, dead) for item in inputs]
        return RunReport(outcomes, time.perf_counter() - started, self.deploy_seconds, duplicates)

    def _without_event(self, key: str, dead_lettered: set[str]) -> Outcome:
        if key in dead_lettered:
            return Outcome(key, Status.UNDELIVERED, reason="in the parse dead-letter queue")
        processed = self._ledger.processed.get(key)
        if processed is not None and self._stale_record_exists(processed):
            return Outcome(key, Status.STALE, reason="fetched before the current version: no event")
        if processed is not None:
            return Outcome(key, Status.UNCHANGED, reason="identical to an article already known: no event")
        return Outcome(key, Status.UNDELIVERED, reason="no event and no processed record")

    def _stale_record_exists(self, raw: ObjectRef) -> bool:
        try:
            self._s3.head_object(Bucket=self.stack.resources.clean_bucket, Key=stale_key(raw))
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") in {"404", "NoSuchKey", "NotFound"}:
                return False
            raise
        return True

    def source_report(self, window: ReportWindow) -> list[SourceReport]:
        """The per-source quality report of this stack (`article-ingest report`), read from its counts table."""
        from article_ingest.adapters.dynamodb_source_stats import DynamoDBSourceStats
        from article_ingest.ops.report import read_report

        store = DynamoDBSourceStats(self.stack.client("dynamodb"), self.stack.resources.source_stats_table)
        return read_report(store, window)

    def _dead_lettered_keys(self) -> set[str]:
        """Keys of the S3 records in the parse DLQ (read without deleting: they stay for a redrive)."""
        keys: set[str] = set()
        url = self.stack.resources.parse_dead_letter_queue_url
        while True:
            messages = self._sqs.receive_message(
                QueueUrl=url, MaxNumberOfMessages=10, WaitTimeSeconds=0, VisibilityTimeout=60
            ).get("Messages", [])
            if not messages:
                return keys
            for message in messages:
                keys.update(_s3_keys(message["Body"]))
