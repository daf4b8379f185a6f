"""Make moto's DynamoDB `TransactWriteItems` cost what the transaction touches, not what the table holds.

To roll back a failed transaction, moto 5.2 deep-copies every table the transaction names, once per operation.
One transaction then costs O(table size), and indexing N articles costs O(N²): measured with `article-ingest run`
before this patch, 30 pages took 57 s and 60 pages 168 s, almost all of it in `copy.deepcopy`. Here the rollback
keeps only the items the transaction touches (read before, written back on failure); the table copy becomes a
no-op. Semantics are unchanged: a failed transaction leaves every item as it was, and moto raises the same error.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from typing import Any

from moto.dynamodb.models import DynamoDBBackend
from moto.dynamodb.models.table import Table

_lock = threading.Lock()  # one transaction at a time (moto's server is threaded), and the class swap below
ItemSnapshot = tuple[str, dict[str, Any], dict[str, Any] | None]  # table, key, the item's attributes or None


def _snapshot(backend: Any, transact_items: list[dict[str, Any]]) -> list[ItemSnapshot]:
    snapshots: list[ItemSnapshot] = []
    for entry in transact_items:
        try:
            op_type, op = next(iter(entry.items()))
            table_name = op["TableName"]
            table = backend.get_table(table_name)
            if op_type == "Put":
                key_names = [table.hash_key_attr] + ([table.range_key_attr] if table.range_key_attr else [])
                key = {name: op["Item"][name] for name in key_names}
            else:
                key = op["Key"]
            current = backend.get_item(table_name, key)
        except Exception:  # noqa: BLE001, S112 - a malformed operation: moto itself raises the right error below
            continue
        snapshots.append((table_name, key, current.to_json()["Attributes"] if current is not None else None))
    return snapshots


def _restore(backend: Any, snapshots: list[ItemSnapshot]) -> None:
    for table_name, key, attributes in reversed(snapshots):
        if attributes is None:
            if backend.get_item(table_name, key) is not None:
                backend.delete_item(table_name, key)
        else:
            backend.put_item(table_name, attributes)


def _keep_table(table: Table, memo: dict[int, Any]) -> Table:
    return table


@contextlib.contextmanager
def item_level_transaction_rollback() -> Iterator[None]:
    """While active, every moto DynamoDB backend rolls transactions back item by item (see the module doc)."""
    original = DynamoDBBackend.transact_write_items

    def transact_write_items(self: Any, transact_items: list[dict[str, Any]]) -> None:
        with _lock:
            snapshots = _snapshot(self, transact_items)
            setattr(Table, "__deepcopy__", _keep_table)  # noqa: B010 - moto's whole-table backup, made free
            try:
                original(self, transact_items)
            except Exception:
                _restore(self, snapshots)
                raise
            finally:
                delattr(Table, "__deepcopy__")

    setattr(DynamoDBBackend, "transact_write_items", transact_write_items)  # noqa: B010
    try:
        yield
    finally:
        setattr(DynamoDBBackend, "transact_write_items", original)  # noqa: B010
