"""Make moto's TransactWriteItems cost what it touches, not the whole table.

moto 5.2.5 backs up a table before a transaction with `copy.deepcopy(table)`, once per item of the transaction.
Each index write is one transaction of ~7 items, so indexing n articles locally cost O(n^2) item copies (37 articles
took 15 s; 1,000 would take hours). This keeps moto's transaction logic (conditions, cancellation reasons, the
100-item and one-op-per-item rules) and replaces only its backup: the items the transaction names are saved before
and put back if it is cancelled, which is all a rollback needs. Local runs and tests only; never on AWS.
"""

from __future__ import annotations

import copy
from typing import Any

from moto.dynamodb import models as dynamodb_models
from moto.dynamodb.models import DynamoDBBackend
from moto.dynamodb.models.table import Table

_original_transact_write_items = DynamoDBBackend.transact_write_items


class _NoTableCopies:
    """Stands in for the `copy` module inside moto's DynamoDB backend: a Table "copy" is the table itself."""

    @staticmethod
    def deepcopy(value: Any, memo: dict[int, Any] | None = None) -> Any:
        if isinstance(value, Table):
            return value
        return copy.deepcopy(value, memo)

    def __getattr__(self, name: str) -> Any:
        return getattr(copy, name)


def _key_of(table: Table, operation: dict[str, Any]) -> dict[str, Any] | None:
    if "Key" in operation:
        key: dict[str, Any] = operation["Key"]
        return key
    item = operation.get("Item", {})
    names = [name for name in (table.hash_key_attr, table.range_key_attr) if name]
    if not all(name in item for name in names):
        return None  # moto refuses the transaction before writing anything
    return {name: item[name] for name in names}


def _transact_write_items(self: DynamoDBBackend, transact_items: list[dict[str, Any]]) -> None:
    saved: list[tuple[str, dict[str, Any], dict[str, Any] | None]] = []
    for entry in transact_items[:100]:
        operation = next(iter(entry.values()))
        table_name = operation.get("TableName")
        if table_name not in self.tables:
            continue
        key = _key_of(self.tables[table_name], operation)
        if key is None:
            continue
        current = self.get_item(table_name, key)
        saved.append((table_name, key, copy.deepcopy(current.to_json()["Attributes"]) if current else None))
    try:
        _original_transact_write_items(self, transact_items)
    except Exception:
        for table_name, key, attributes in reversed(saved):
            if attributes is None:
                self.delete_item(table_name, key)
            else:
                self.put_item(table_name, attributes)
        raise


def install() -> None:
    """Patch moto's DynamoDB backend (idempotent)."""
    dynamodb_models.copy = _NoTableCopies()  # type: ignore[attr-defined,assignment]
    DynamoDBBackend.transact_write_items = _transact_write_items  # type: ignore[method-assign]
