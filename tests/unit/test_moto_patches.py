"""The item-level rollback local runs and tests put in moto keeps TransactWriteItems' semantics: all or nothing,
reasons per item."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError
from moto import mock_aws

from article_ingest.local.moto_patches import item_level_transaction_rollback


@pytest.fixture
def table() -> Iterator[Any]:
    with mock_aws(), item_level_transaction_rollback():  # else moto copies the whole table per transaction item
        client = boto3.client("dynamodb", region_name="us-east-1")
        client.create_table(
            TableName="t",
            BillingMode="PAY_PER_REQUEST",
            AttributeDefinitions=[{"AttributeName": n, "AttributeType": "S"} for n in ("pk", "sk")],
            KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
        )
        yield client


def _item(pk: str, **extra: Any) -> dict[str, Any]:
    return {"pk": {"S": pk}, "sk": {"S": "s"}, **extra}


def _get(client: Any, pk: str) -> dict[str, Any] | None:
    item: dict[str, Any] | None = client.get_item(TableName="t", Key=_item(pk)).get("Item")
    return item


def test_a_cancelled_transaction_leaves_every_item_as_it_was(table: Any) -> None:
    table.put_item(TableName="t", Item=_item("kept", v={"N": "1"}))
    table.put_item(TableName="t", Item=_item("deleted"))
    table.put_item(TableName="t", Item=_item("guard"))
    with pytest.raises(ClientError) as cancelled:
        table.transact_write_items(
            TransactItems=[
                {"Put": {"TableName": "t", "Item": _item("kept", v={"N": "2"})}},
                {"Put": {"TableName": "t", "Item": _item("new")}},
                {"Delete": {"TableName": "t", "Key": _item("deleted")}},
                {"Put": {"TableName": "t", "Item": _item("guard"), "ConditionExpression": "attribute_not_exists(pk)"}},
            ]
        )
    reasons = [reason["Code"] for reason in cancelled.value.response["CancellationReasons"]]
    assert reasons == ["None", "None", "None", "ConditionalCheckFailed"]
    assert _get(table, "kept") == _item("kept", v={"N": "1"})
    assert _get(table, "new") is None
    assert _get(table, "deleted") == _item("deleted")


def test_a_committed_transaction_applies_every_item(table: Any) -> None:
    table.put_item(TableName="t", Item=_item("old"))
    table.transact_write_items(
        TransactItems=[
            {"Put": {"TableName": "t", "Item": _item("a")}},
            {"Delete": {"TableName": "t", "Key": _item("old")}},
        ]
    )
    assert _get(table, "a") == _item("a")
    assert _get(table, "old") is None


def test_two_operations_on_one_item_are_still_refused(table: Any) -> None:
    with pytest.raises(ClientError, match=r"multiple operations|one item"):
        table.transact_write_items(
            TransactItems=[
                {"Put": {"TableName": "t", "Item": _item("a")}},
                {"Delete": {"TableName": "t", "Key": _item("a")}},
            ]
        )
    assert _get(table, "a") is None


def test_a_cancelled_update_is_rolled_back_as_well(table: Any) -> None:
    table.put_item(TableName="t", Item=_item("a", v={"N": "1"}))
    with pytest.raises(ClientError, match="TransactionCanceled"):
        table.transact_write_items(
            TransactItems=[
                {
                    "Update": {
                        "TableName": "t",
                        "Key": _item("a"),
                        "UpdateExpression": "SET v = :two",
                        "ExpressionAttributeValues": {":two": {"N": "2"}},
                    }
                },
                {
                    "ConditionCheck": {
                        "TableName": "t",
                        "Key": _item("missing"),
                        "ConditionExpression": "attribute_exists(pk)",
                    }
                },
            ]
        )
    assert _get(table, "a") == _item("a", v={"N": "1"})
