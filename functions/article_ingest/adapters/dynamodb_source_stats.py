"""Per-source, per-day quality counts in DynamoDB: one item per (day, source), incremented with atomic `ADD`s.

Keys: `pk` = `<yyyy-mm-dd>#<shard>` (the source's CRC32 modulo `SHARDS`, so one day's writes spread over several
partitions), `sk` = the source domain. Counters are flat numeric attributes: `pages`, `articles`, `words`,
`outcome_<status>`, `reason_<reason>`, `missing_<field>`. A report reads one Query per day and shard: its cost
follows the number of days and sources asked about, never the number of articles stored.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from article_ingest.domain.quality import SourceCounts

if TYPE_CHECKING:
    from mypy_boto3_dynamodb import DynamoDBClient

SHARDS = 4  # fixed: readers query exactly these shards
RETENTION = timedelta(days=400)  # items expire by TTL (`expires_at`) after this; a baseline needs a few weeks
_COUNTERS = {"outcome_": "outcomes", "reason_": "reasons", "missing_": "missing"}
_TOTALS = ("pages", "articles", "words")


def day_partition(day: date, source_domain: str) -> str:
    return f"{day.isoformat()}#{zlib.crc32(source_domain.encode('utf-8')) % SHARDS}"


def counters_of(counts: SourceCounts) -> dict[str, int]:
    """The flat attributes `counts` adds to, zeros left out."""
    flat = {name: getattr(counts, name) for name in _TOTALS}
    for prefix, field in _COUNTERS.items():
        flat.update({f"{prefix}{key}": n for key, n in getattr(counts, field).items()})
    return {name: n for name, n in flat.items() if n}


def counts_of(item: dict[str, Any]) -> SourceCounts:
    grouped: dict[str, dict[str, int]] = {field: {} for field in _COUNTERS.values()}
    for name, value in item.items():
        for prefix, field in _COUNTERS.items():
            if name.startswith(prefix) and "N" in value:
                grouped[field][name.removeprefix(prefix)] = int(value["N"])

    def total(name: str) -> int:
        return int(item[name]["N"]) if name in item else 0

    return SourceCounts(
        pages=total("pages"),
        outcomes=grouped["outcomes"],
        reasons=grouped["reasons"],
        articles=total("articles"),
        missing=grouped["missing"],
        words=total("words"),
    )


class DynamoDBSourceStats:
    def __init__(self, client: DynamoDBClient, table_name: str) -> None:
        self._dynamodb = client
        self._table = table_name

    def add(self, day: date, source_domain: str, counts: SourceCounts) -> None:
        counters = counters_of(counts)
        if not counters:
            return
        names = {f"#c{i}": name for i, name in enumerate(counters)}
        values: dict[str, Any] = {f":c{i}": {"N": str(n)} for i, n in enumerate(counters.values())}
        values[":expires"] = {"N": str(_epoch_seconds(day + RETENTION))}
        self._dynamodb.update_item(
            TableName=self._table,
            Key={"pk": {"S": day_partition(day, source_domain)}, "sk": {"S": source_domain}},
            UpdateExpression="ADD "
            + ", ".join(f"{name} {name.replace('#', ':')}" for name in names)
            + " SET expires_at = if_not_exists(expires_at, :expires)",
            ExpressionAttributeNames=names,
            ExpressionAttributeValues=values,
        )

    def read_day(self, day: date) -> dict[str, SourceCounts]:
        return {item["sk"]["S"]: counts_of(item) for item in self._items(day)}

    def _items(self, day: date) -> Iterator[dict[str, Any]]:
        paginator = self._dynamodb.get_paginator("query")
        for shard in range(SHARDS):
            pages = paginator.paginate(
                TableName=self._table,
                KeyConditionExpression="pk = :pk",
                ExpressionAttributeValues={":pk": {"S": f"{day.isoformat()}#{shard}"}},
            )
            for page in pages:
                yield from page.get("Items", [])


def _epoch_seconds(day: date) -> int:
    return (day - date(1970, 1, 1)).days * 86_400
