"""Cursors are opaque and tamper-evident: forged, stale or foreign cursors are refused with a reason."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime, timedelta

import pytest

from article_ingest.services.cursor import CursorCodec, InvalidCursorError, query_digest

KEY = b"k" * 32
NOW = datetime(2026, 2, 28, 12, 0, tzinfo=UTC)
QUERY = query_digest({"kind": "tag", "value": "niger", "since": None, "until": None})


def _codec(now: datetime = NOW, key: bytes = KEY) -> CursorCodec:
    return CursorCodec(key, ttl=timedelta(hours=24), clock=lambda: now)


def test_a_cursor_round_trips_its_position() -> None:
    cursor = _codec().encode(query=QUERY, position="2026-02-27T18:12:00.000000Z#u-1")
    assert _codec().decode(cursor, query=QUERY) == "2026-02-27T18:12:00.000000Z#u-1"


def test_a_cursor_is_opaque() -> None:
    assert "u-1" not in _codec().encode(query=QUERY, position="2026-02-27#u-1").split(".")[1]


def test_an_edited_position_is_refused() -> None:
    cursor = _codec().encode(query=QUERY, position="2026-02-27#u-1")
    payload, mac = cursor.split(".")
    raw = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    raw["p"] = "2099-01-01#u-9"
    forged = base64.urlsafe_b64encode(json.dumps(raw).encode()).rstrip(b"=").decode() + "." + mac
    with pytest.raises(InvalidCursorError, match="signature"):
        _codec().decode(forged, query=QUERY)


def test_a_cursor_signed_with_another_key_is_refused() -> None:
    cursor = _codec(key=b"x" * 32).encode(query=QUERY, position="p")
    with pytest.raises(InvalidCursorError, match="signature"):
        _codec().decode(cursor, query=QUERY)


def test_a_cursor_from_another_query_is_refused() -> None:
    cursor = _codec().encode(query=QUERY, position="p")
    other = query_digest({"kind": "tag", "value": "mali", "since": None, "until": None})
    with pytest.raises(InvalidCursorError, match="different query"):
        _codec().decode(cursor, query=other)


def test_an_old_cursor_is_refused_as_expired() -> None:
    cursor = _codec(now=NOW - timedelta(hours=25)).encode(query=QUERY, position="p")
    with pytest.raises(InvalidCursorError, match="expired"):
        _codec().decode(cursor, query=QUERY)


def test_a_cursor_from_the_future_is_refused() -> None:
    cursor = _codec(now=NOW + timedelta(hours=1)).encode(query=QUERY, position="p")
    with pytest.raises(InvalidCursorError, match="expired"):
        _codec().decode(cursor, query=QUERY)


@pytest.mark.parametrize("garbage", ["", ".", "abc", "abc.", ".abc", "!!!.???", "a.b.c", "eyJ2IjoxfQ.AAAA"])
def test_garbage_is_refused_as_malformed_or_unsigned(garbage: str) -> None:
    with pytest.raises(InvalidCursorError):
        _codec().decode(garbage, query=QUERY)


def test_short_keys_are_refused() -> None:
    with pytest.raises(ValueError, match="16 bytes"):
        CursorCodec(b"short", ttl=timedelta(hours=1))
