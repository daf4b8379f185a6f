"""The item-level rollback `article-ingest run` puts in moto keeps TransactWriteItems' all-or-nothing behaviour."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError
from moto import mock_aws

from article_ingest.local.moto_patches import item_level_transaction_rollback

TABLE = "index"


@pytest.fixture
def dynamodb() -> Iterator[Any]:
    with mock_aws(), item_level_transaction_rollback():
        client = boto3.client("dynamodb", region_name="us-east-1")
        client.create_table(
            TableName=TABLE,
            BillingMode="PAY_PER_REQUEST",
            AttributeDefinitions=[{"AttributeName": n, "AttributeType": "S"} for n in ("pk", "sk")],
            KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
        )
        client.put_item(TableName=TABLE, Item={"pk": {"S": "A"}, "sk": {"S": "1"}, "v": {"N": "1"}})
        yield client


def _item(client: Any, pk: str) -> dict[str, Any] | None:
    found: dict[str, Any] | None = client.get_item(TableName=TABLE, Key={"pk": {"S": pk}, "sk": {"S": "1"}}).get("Item")
    return found


def test_a_cancelled_transaction_leaves_every_touched_item_as_it_was(dynamodb: Any) -> None:
    with pytest.raises(ClientError, match="TransactionCanceled"):
        dynamodb.transact_write_items(
            TransactItems=[
                {"Put": {"TableName": TABLE, "Item": {"pk": {"S": "B"}, "sk": {"S": "1"}}}},
                {
                    "Update": {
                        "TableName": TABLE,
                        "Key": {"pk": {"S": "A"}, "sk": {"S": "1"}},
                        "UpdateExpression": "SET v = :two",
                        "ExpressionAttributeValues": {":two": {"N": "2"}},
                    }
                },
                {"Delete": {"TableName": TABLE, "Key": {"pk": {"S": "C"}, "sk": {"S": "1"}}}},
                {
                    "ConditionCheck": {
                        "TableName": TABLE,
                        "Key": {"pk": {"S": "A"}, "sk": {"S": "2"}},
                        "ConditionExpression": "attribute_exists(pk)",
                    }
                },
            ]
        )

    assert _item(dynamodb, "B") is None
    assert _item(dynamodb, "A") == {"pk": {"S": "A"}, "sk": {"S": "1"}, "v": {"N": "1"}}


def test_a_successful_transaction_writes_every_item(dynamodb: Any) -> None:
    dynamodb.transact_write_items(
        TransactItems=[
            {"Put": {"TableName": TABLE, "Item": {"pk": {"S": "B"}, "sk": {"S": "1"}}}},
            {"Delete": {"TableName": TABLE, "Key": {"pk": {"S": "A"}, "sk": {"S": "1"}}}},
        ]
    )
    assert _item(dynamodb, "B") == {"pk": {"S": "B"}, "sk": {"S": "1"}}
    assert _item(dynamodb, "A") is None
