"""`IndexRepository` on one DynamoDB table (`pk`/`sk` strings). GetItem, Query and TransactWriteItems only."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from boto3.dynamodb.types import TypeDeserializer, TypeSerializer
from botocore.exceptions import ClientError

from article_ingest.domain.index import (
    SUMMARY_SK,
    URL_SK,
    ArticleSummary,
    IndexedVersion,
    ItemKey,
    ListingQuery,
    VersionItems,
    article_pk,
    url_pk,
)

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.client import DynamoDBClient
    from mypy_boto3_dynamodb.type_defs import TransactWriteItemTypeDef

_serializer = TypeSerializer()
_deserializer = TypeDeserializer()


def _to_dynamo(values: dict[str, Any]) -> dict[str, Any]:
    return {name: _serializer.serialize(_number(value)) for name, value in values.items() if value is not None}


def _number(value: Any) -> Any:
    """DynamoDB numbers are decimals: a float (a story's similarity) goes as the decimal it prints as."""
    return Decimal(repr(value)) if isinstance(value, float) else value


def _from_dynamo(item: dict[str, Any]) -> dict[str, Any]:
    return {name: _deserializer.deserialize(value) for name, value in item.items()}


def _summary_of(item: dict[str, Any]) -> ArticleSummary:
    values = _from_dynamo(item)
    values["version"] = int(values["version"])
    return ArticleSummary.model_validate(values)


class DynamoIndexRepository:
    def __init__(self, client: DynamoDBClient, table_name: str) -> None:
        self._client = client
        self._table = table_name

    # --- reads ---------------------------------------------------------------------------------------------

    def current(self, article_id: str) -> IndexedVersion | None:
        response = self._client.get_item(
            TableName=self._table,
            Key=_to_dynamo({"pk": article_pk(article_id), "sk": SUMMARY_SK}),
            ConsistentRead=True,
        )
        item = response.get("Item")
        if item is None:
            return None
        keys = tuple(ItemKey(pk, sk) for pk, sk in _from_dynamo({"k": item["item_keys"]})["k"])
        return IndexedVersion(summary=_summary_of(item), keys=keys)

    def by_url(self, url: str) -> ArticleSummary | None:
        response = self._client.get_item(TableName=self._table, Key=_to_dynamo({"pk": url_pk(url), "sk": URL_SK}))
        item = response.get("Item")
        return _summary_of(item) if item else None

    def listing(self, query: ListingQuery) -> list[tuple[str, ArticleSummary]]:
        condition = "pk = :pk"
        values: dict[str, Any] = {":pk": query.pk}
        if query.lower is not None and query.upper is not None:
            condition += " AND sk BETWEEN :lower AND :upper"
            values |= {":lower": query.lower, ":upper": query.upper}
        elif query.lower is not None:
            condition += " AND sk >= :lower"
            values[":lower"] = query.lower
        elif query.upper is not None:
            condition += " AND sk < :upper"
            values[":upper"] = query.upper
        params: dict[str, Any] = {
            "TableName": self._table,
            "KeyConditionExpression": condition,
            "ExpressionAttributeValues": _to_dynamo(values),
            "ScanIndexForward": not query.descending,
        }
        if query.after is not None:
            params["ExclusiveStartKey"] = _to_dynamo({"pk": query.pk, "sk": query.after})
        found: list[tuple[str, ArticleSummary]] = []
        # A page can stop short of `Limit` at 1 MB; keep reading until enough items or the partition's end.
        while len(found) < query.limit:
            response = self._client.query(**params, Limit=query.limit - len(found))
            found.extend((item["sk"]["S"], _summary_of(item)) for item in response.get("Items", []))
            last = response.get("LastEvaluatedKey")
            if not last:
                break
            params["ExclusiveStartKey"] = last
        return found

    # --- writes --------------------------------------------------------------------------------------------

    def replace(self, new: VersionItems, previous: IndexedVersion | None) -> bool:
        projection = new.summary.model_dump(mode="json")
        summary_item = {
            "pk": new.summary_key.pk,
            "sk": new.summary_key.sk,
            "kind": "summary",
            **projection,
            "item_keys": [[key.pk, key.sk] for key in new.keys],
        }
        summary_put: dict[str, Any] = {"TableName": self._table, "Item": _to_dynamo(summary_item)}
        if previous is None:
            summary_put["ConditionExpression"] = "attribute_not_exists(pk)"
        else:
            summary_put["ConditionExpression"] = "version = :expected"
            summary_put["ExpressionAttributeValues"] = _to_dynamo({":expected": previous.summary.version})
        operations: list[TransactWriteItemTypeDef] = [{"Put": summary_put}]  # type: ignore[typeddict-item]
        for key in new.keys[1:]:
            kind = "url" if key == new.url_key else "listing"
            item = _to_dynamo({"pk": key.pk, "sk": key.sk, "kind": kind, **projection})
            operations.append({"Put": {"TableName": self._table, "Item": item}})
        stale = set(previous.keys) - set(new.keys) if previous else set()
        operations.extend(
            {"Delete": {"TableName": self._table, "Key": _to_dynamo({"pk": key.pk, "sk": key.sk})}}
            for key in sorted(stale)
        )
        try:
            self._client.transact_write_items(TransactItems=operations)
        except ClientError as error:
            if _summary_guard_failed(error):
                return False
            raise
        return True


def _summary_guard_failed(error: ClientError) -> bool:
    if error.response.get("Error", {}).get("Code") != "TransactionCanceledException":
        return False
    reasons = error.response.get("CancellationReasons") or []
    return bool(reasons) and reasons[0].get("Code") == "ConditionalCheckFailed"
