"""`StoryIndex` on one DynamoDB table keyed by band (`band` string): BatchGetItem and TransactWriteItems only."""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from botocore.exceptions import ClientError

from article_ingest.domain.story import BodySignature, StoryMember

if TYPE_CHECKING:
    from mypy_boto3_dynamodb import DynamoDBClient
    from mypy_boto3_dynamodb.type_defs import TransactWriteItemTypeDef

_BATCH_ATTEMPTS = 5
_LOST_RACE = frozenset({"ConditionalCheckFailed", "TransactionConflict"})


class UnreadBandsError(RuntimeError):
    """DynamoDB kept returning some keys unprocessed (throttling): the record fails and SQS retries it."""


class DynamoDBStoryIndex:
    def __init__(self, client: DynamoDBClient, table_name: str, *, sleep: Any = time.sleep) -> None:
        self._dynamodb = client
        self._table = table_name
        self._sleep = sleep

    def members(self, band_keys: Sequence[str]) -> dict[str, StoryMember]:
        if not band_keys:
            return {}
        request: Any = {self._table: {"Keys": [{"band": {"S": key}} for key in band_keys], "ConsistentRead": True}}
        found: dict[str, StoryMember] = {}
        for attempt in range(_BATCH_ATTEMPTS):
            response = self._dynamodb.batch_get_item(RequestItems=request)
            for item in response.get("Responses", {}).get(self._table, []):
                found[item["band"]["S"]] = _member(item)
            request = response.get("UnprocessedKeys") or {}
            if not request:
                return found
            self._sleep(0.05 * 2**attempt)
        raise UnreadBandsError(f"{len(request[self._table]['Keys'])} band keys left unprocessed")

    def claim(self, band_keys: Sequence[str], member: StoryMember) -> bool:
        if not band_keys:
            return True
        operations: list[TransactWriteItemTypeDef] = [
            {
                "Put": {
                    "TableName": self._table,
                    "Item": {
                        "band": {"S": key},
                        "article_id": {"S": member.article_id},
                        "story_id": {"S": member.story_id},
                        "signature": {"B": member.signature.to_bytes()},
                    },
                    "ConditionExpression": "attribute_not_exists(band)",
                }
            }
            for key in band_keys
        ]
        try:
            self._dynamodb.transact_write_items(TransactItems=operations)
        except ClientError as error:
            if _lost_race(error):
                return False
            raise
        return True


def _member(item: dict[str, Any]) -> StoryMember:
    return StoryMember(
        article_id=item["article_id"]["S"],
        story_id=item["story_id"]["S"],
        signature=BodySignature.from_bytes(bytes(item["signature"]["B"])),
    )


def _lost_race(error: ClientError) -> bool:
    """Another article took one of the keys (or was writing it at that moment)."""
    if error.response.get("Error", {}).get("Code") != "TransactionCanceledException":
        return False
    reasons = error.response.get("CancellationReasons") or []
    return any(reason.get("Code") in _LOST_RACE for reason in reasons)
