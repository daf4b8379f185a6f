"""The article registry in DynamoDB: one item per article id, claimed with optimistic (conditional) writes."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from botocore.exceptions import ClientError

from article_ingest.domain.events import ObjectRef
from article_ingest.ports import RegistryEntry

if TYPE_CHECKING:
    from mypy_boto3_dynamodb import DynamoDBClient
    from mypy_boto3_dynamodb.type_defs import AttributeValueTypeDef


def _ref_to_json(ref: ObjectRef) -> str:
    return ref.model_dump_json(exclude_none=True)


class DynamoDBArticleRegistry:
    def __init__(self, client: DynamoDBClient, table_name: str) -> None:
        self._dynamodb = client
        self._table = table_name

    def get(self, article_id: str) -> RegistryEntry | None:
        response = self._dynamodb.get_item(
            TableName=self._table, Key={"article_id": {"S": article_id}}, ConsistentRead=True
        )
        item = response.get("Item")
        return _entry(item) if item else None

    def claim(self, entry: RegistryEntry, previous_version: int | None) -> bool:
        condition: dict[str, Any]
        if previous_version is None:
            condition = {"ConditionExpression": "attribute_not_exists(article_id)"}
        else:
            condition = {
                "ConditionExpression": "version = :previous",
                "ExpressionAttributeValues": {":previous": {"N": str(previous_version)}},
            }
        try:
            self._dynamodb.put_item(TableName=self._table, Item=_item(entry), **condition)
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") == "ConditionalCheckFailedException":
                return False
            raise
        return True

    def mark_sent(self, article_id: str, version: int, clean: ObjectRef) -> None:
        try:
            self._dynamodb.update_item(
                TableName=self._table,
                Key={"article_id": {"S": article_id}},
                UpdateExpression="SET event_sent = :sent, clean_ref = :clean",
                ConditionExpression="version = :version",
                ExpressionAttributeValues={
                    ":sent": {"BOOL": True},
                    ":clean": {"S": _ref_to_json(clean)},
                    ":version": {"N": str(version)},
                },
            )
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") != "ConditionalCheckFailedException":
                raise
            # A newer version was claimed meanwhile; its own parse sends its own event.

    def note_fetch(self, article_id: str, version: int, fetched_at: datetime) -> None:
        try:
            self._dynamodb.update_item(
                TableName=self._table,
                Key={"article_id": {"S": article_id}},
                UpdateExpression="SET fetched_at = :fetched",
                # Stored in one UTC format, so the string order is the time order.
                ConditionExpression=(
                    "version = :version AND (attribute_not_exists(fetched_at) OR fetched_at < :fetched)"
                ),
                ExpressionAttributeValues={
                    ":fetched": {"S": _timestamp(fetched_at)},
                    ":version": {"N": str(version)},
                },
            )
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") != "ConditionalCheckFailedException":
                raise
            # A newer version, or a later fetch of this one, is recorded already.


def _timestamp(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def _item(entry: RegistryEntry) -> dict[str, AttributeValueTypeDef]:
    item: dict[str, AttributeValueTypeDef] = {
        "article_id": {"S": entry.article_id},
        "version": {"N": str(entry.version)},
        "content_hash": {"S": entry.content_hash},
        "fingerprint": {"S": entry.fingerprint},
        "field_digests": {"M": {name: {"S": digest} for name, digest in entry.field_digests.items()}},
        "changed_fields": {"S": json.dumps(list(entry.changed_fields))},
        "claimed_by": {"S": _ref_to_json(entry.claimed_by)},
        "clean_ref": {"S": _ref_to_json(entry.clean)},
        "event_sent": {"BOOL": entry.event_sent},
    }
    if entry.fetched_at is not None:
        item["fetched_at"] = {"S": _timestamp(entry.fetched_at)}
    if entry.story_id is not None:
        item["story_id"] = {"S": entry.story_id}
    if entry.duplicate_of is not None:
        item["duplicate_of"] = {"S": entry.duplicate_of}
    if entry.similarity is not None:
        item["similarity"] = {"N": str(entry.similarity)}
    if entry.body_signature is not None:
        item["body_signature"] = {"B": entry.body_signature}
    return item


def _entry(item: dict[str, Any]) -> RegistryEntry:
    return RegistryEntry(
        article_id=item["article_id"]["S"],
        version=int(item["version"]["N"]),
        content_hash=item["content_hash"]["S"],
        fingerprint=item["fingerprint"]["S"],
        field_digests={name: value["S"] for name, value in item["field_digests"]["M"].items()},
        changed_fields=tuple(json.loads(item["changed_fields"]["S"])),
        claimed_by=ObjectRef.model_validate_json(item["claimed_by"]["S"]),
        clean=ObjectRef.model_validate_json(item["clean_ref"]["S"]),
        event_sent=item["event_sent"]["BOOL"],
        fetched_at=datetime.fromisoformat(item["fetched_at"]["S"]) if "fetched_at" in item else None,
        story_id=item["story_id"]["S"] if "story_id" in item else None,
        duplicate_of=item["duplicate_of"]["S"] if "duplicate_of" in item else None,
        similarity=float(item["similarity"]["N"]) if "similarity" in item else None,
        body_signature=bytes(item["body_signature"]["B"]) if "body_signature" in item else None,
    )
