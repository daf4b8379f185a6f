"""A fault-injection scenario: pages in, queues drained and dead letters redriven until quiet, outcomes read back.

Shared by `tests/faults/` (a modest page count) and `benchmarks/faults_bench.py` (1,000 pages).
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import boto3
from moto import mock_aws

from article_ingest.adapters.dynamodb_source_stats import DynamoDBSourceStats
from article_ingest.domain.quality import SourceCounts
from article_ingest.local import LocalStack
from article_ingest.local.faults import FaultInjector, FaultKind, FaultPlan
from article_ingest.local.moto_patches import item_level_transaction_rollback
from article_ingest.local.subscriber import Subscription, subscribe
from article_ingest.ops.redrive import DeadLetter, redrive
from tests.hostile.pages import CANONICAL, PARAGRAPHS, article_page, jsonld

REGION = "eu-west-1"
STACK_NAME = "ai-faults"
# Refused on purpose, each with its reason: the pipeline must report them once, faults or not.
REJECTED_PAGES: dict[str, bytes] = {
    "broken/empty.html": b"",
    "broken/image.html": b"\x89PNG\r\n\x1a\n" + bytes(64),
    "broken/app-shell.html": b"<html><head><title>App</title></head><body><div id='root'></div></body></html>",
}


def article_pages(count: int) -> dict[str, bytes]:
    """`count` distinct articles: their own canonical URL, day and wording, so their own id and index entry."""
    pages: dict[str, bytes] = {}
    for n in range(count):
        url = f"{CANONICAL}-{n}"
        day = f"2026-02-{1 + n % 28:02d}T{n % 24:02d}:15:00+00:00"
        paragraphs = tuple(p.replace("eleven to four", f"{11 + n} to {4 + n % 7}") for p in PARAGRAPHS)
        page = article_page(jsonld_text=jsonld(datePublished=day, url=url), paragraphs=paragraphs)
        page = page.replace(f'href="{CANONICAL}"', f'href="{url}"').replace('datetime="2026-02-27T21:40:00+00:00"', "")
        pages[f"news/2026/{n:04d}/sea-wall {n}.html"] = page.encode("utf-8")
    return pages


def article_copies(count: int, copies: int) -> tuple[dict[str, bytes], dict[str, dict[str, str]]]:
    """`count` articles fetched `copies` times each, the story edited between fetches: pages and their metadata.

    Copy `c` of article `n` is `copies/<n>/fetch-<c>.html`, fetched at 10:00 + c hours (the uploader's `fetched-at`),
    so a later copy is always newer content, whatever order the copies are uploaded or processed in.
    """
    pages: dict[str, bytes] = {}
    metadata: dict[str, dict[str, str]] = {}
    for n in range(count):
        url = f"{CANONICAL}-edited-{n}"
        for c in range(copies):
            paragraphs = tuple(p.replace("eleven to four", f"{11 + n} to {4 + c}") for p in PARAGRAPHS)
            page = article_page(jsonld_text=jsonld(url=url), paragraphs=paragraphs)
            key = f"copies/{n:03d}/fetch-{c}.html"
            pages[key] = page.replace(f'href="{CANONICAL}"', f'href="{url}"').encode("utf-8")
            metadata[key] = {"fetched-at": f"2026-02-28T{10 + c:02d}:00:00+00:00"}
    return pages, metadata


@dataclass
class ScenarioResult:
    events: list[dict[str, Any]]
    index_items: list[dict[str, Any]]
    injected: Counter[FaultKind] = field(default_factory=Counter)
    struck_after_send: set[str] = field(default_factory=set)  # raw keys hit between put_events and its record
    rounds: int = 0  # drain + redrive rounds until quiet
    dead_letters: list[DeadLetter] = field(default_factory=list)  # everything redriven, as the report showed it
    dead_letters_left: int = 0
    queued_left: int = 0
    registry: dict[str, dict[str, Any]] = field(default_factory=dict)  # article id -> its registry item (plain)
    stale_records: list[dict[str, Any]] = field(default_factory=list)  # the clean bucket's stale/ records
    source_counts: dict[str, SourceCounts] = field(default_factory=dict)  # per-source counts of the run's days

    def events_by_raw_key(self) -> dict[str, list[dict[str, Any]]]:
        by_key: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for event in self.events:
            detail = event["detail"]
            key = detail["raw"]["key"] if "raw" in detail else detail["key"]
            by_key[key].append(event)
        return by_key


@contextmanager
def local_stack() -> Iterator[LocalStack]:
    with (
        mock_aws(config={"lambda": {"use_docker": False}}),
        item_level_transaction_rollback(),
    ):  # else moto copies the whole table per transaction item
        yield LocalStack.deploy(boto3.session.Session(region_name=REGION), stack_name=STACK_NAME)


def run_scenario(
    pages: dict[str, bytes],
    plan: FaultPlan | None,
    *,
    duplicates: int = 0,
    max_rounds: int = 12,
    metadata: Mapping[str, Mapping[str, str]] | None = None,
) -> ScenarioResult:
    """Deploy a fresh stack, upload the pages in order, with their user metadata (re-uploading the first
    `duplicates` unchanged), and run to quiet."""
    with local_stack() as stack:
        subscription = subscribe(stack, "fault-scenario-observer")
        s3 = stack.client("s3")
        bucket = stack.resources.raw_bucket
        for key in [*pages, *list(pages)[:duplicates]]:  # a re-upload of the same bytes: a duplicate notification
            s3.put_object(Bucket=bucket, Key=key, Body=pages[key], Metadata=dict((metadata or {}).get(key, {})))
        injector = FaultInjector(plan or FaultPlan(rate=0.0), stack)
        result = ScenarioResult(events=[], index_items=[])
        with injector.active():
            result.rounds = _run_until_quiet(stack, max_rounds, result.dead_letters)
        result.injected = injector.injected
        result.struck_after_send = injector.struck_after_send
        result.events = _read_events(subscription)
        result.index_items = index_snapshot(stack)
        result.dead_letters_left = sum(
            _depth(stack, url)
            for url in (stack.resources.parse_dead_letter_queue_url, stack.resources.index_dead_letter_queue_url)
        )
        result.queued_left = sum(
            _depth(stack, url) for url in (stack.resources.parse_queue_url, stack.resources.index_queue_url)
        )
        result.registry = _registry(stack)
        result.stale_records = _stale_records(stack)
        result.source_counts = _source_counts(stack)
        return result


def _source_counts(stack: LocalStack) -> dict[str, SourceCounts]:
    """Summed over yesterday and today (UTC): a run may cross midnight."""
    stats = DynamoDBSourceStats(stack.client("dynamodb"), stack.resources.source_stats_table)
    today = datetime.now(UTC).date()
    totals: dict[str, SourceCounts] = {}
    for day in (today - timedelta(days=1), today):
        for source, counts in stats.read_day(day).items():
            totals[source] = totals.get(source, SourceCounts()) + counts
    return totals


def _registry(stack: LocalStack) -> dict[str, dict[str, Any]]:
    dynamodb = stack.client("dynamodb")
    entries: dict[str, dict[str, Any]] = {}
    for page in dynamodb.get_paginator("scan").paginate(TableName=stack.resources.registry_table):
        for item in page["Items"]:
            plain = {name: next(iter(value.values())) for name, value in item.items()}
            entries[plain["article_id"]] = plain
    return entries


def _stale_records(stack: LocalStack) -> list[dict[str, Any]]:
    s3 = stack.client("s3")
    bucket = stack.resources.clean_bucket
    records = []
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix="stale/"):
        for item in page.get("Contents", []):
            records.append(json.loads(s3.get_object(Bucket=bucket, Key=item["Key"])["Body"].read()))
    return records


def _run_until_quiet(stack: LocalStack, max_rounds: int, redriven: list[DeadLetter]) -> int:
    """Drain both queues, then redrive both DLQs, until a round finds no dead letter. Returns the rounds taken."""
    sqs = stack.client("sqs")
    resources = stack.resources
    for round_number in range(1, max_rounds + 1):
        stack.drain()
        moved: list[DeadLetter] = []
        for dead_letters, source in (
            (resources.parse_dead_letter_queue_url, resources.parse_queue_url),
            (resources.index_dead_letter_queue_url, resources.index_queue_url),
        ):
            moved.extend(redrive(sqs, dead_letters, source, wait_seconds=0).moved)
        redriven.extend(moved)
        if not moved:
            return round_number
    return max_rounds


def _read_events(subscription: Subscription) -> list[dict[str, Any]]:
    return list(subscription.receive_all())


def index_snapshot(stack: LocalStack) -> list[dict[str, Any]]:
    """Every index item, in a stable order, without what legitimately differs between two deployments: the clean
    bucket's generated name and S3 version ids."""
    dynamodb = stack.client("dynamodb")
    items: list[dict[str, Any]] = []
    for page in dynamodb.get_paginator("scan").paginate(TableName=stack.resources.index_table):
        items.extend(page["Items"])
    text = json.dumps(items, sort_keys=True).replace(stack.resources.clean_bucket, "<clean-bucket>")
    normalized = [_without_version_ids(item) for item in json.loads(text)]
    return sorted(normalized, key=lambda item: json.dumps(item, sort_keys=True))


_STORY_FIELDS = frozenset({"story_id", "duplicate_of", "similarity"})


def without_stories(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The index items without what names a story's first copy (story fields, `STORY#` listing items, the clean
    JSON's ETag): which copy
    came first follows arrival order, and faults change the order. `story_groups` checks what must not change."""
    kept = []
    for item in items:
        if item["pk"]["S"].startswith("STORY#"):
            continue
        fields = {name: value for name, value in item.items() if name not in _STORY_FIELDS}
        if "clean" in fields:  # the clean JSON carries the story too, so its ETag follows it
            fields["clean"] = {"M": {k: v for k, v in fields["clean"]["M"].items() if k != "etag"}}
        if "item_keys" in fields:
            keys = [key for key in fields["item_keys"]["L"] if not key["L"][0]["S"].startswith("STORY#")]
            fields["item_keys"] = {"L": keys}
        kept.append(fields)
    return sorted(kept, key=lambda item: json.dumps(item, sort_keys=True))


def story_groups(items: list[dict[str, Any]]) -> set[frozenset[str]]:
    """Which articles share a story, whatever its first copy."""
    groups: dict[str, set[str]] = defaultdict(set)
    for item in items:
        if item["sk"]["S"] == "ARTICLE":
            groups[item["story_id"]["S"]].add(item["id"]["S"])
    return {frozenset(group) for group in groups.values()}


def _without_version_ids(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_version_ids(v) for k, v in value.items() if k != "version_id"}
    if isinstance(value, list):
        return [_without_version_ids(v) for v in value]
    return value


def _depth(stack: LocalStack, queue_url: str) -> int:
    attributes = stack.client("sqs").get_queue_attributes(
        QueueUrl=queue_url,
        AttributeNames=["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"],
    )["Attributes"]
    return int(attributes["ApproximateNumberOfMessages"]) + int(attributes["ApproximateNumberOfMessagesNotVisible"])
