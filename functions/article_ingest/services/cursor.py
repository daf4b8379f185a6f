"""Opaque, tamper-evident paging cursors.

A cursor is `base64url(payload).base64url(HMAC-SHA256(key, payload))`. The payload holds the position (the sort
key of the last item returned), the issue time and a digest of the query it belongs to, so a cursor replayed on
another query, edited, or too old is refused; it never yields someone else's page.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

CURSOR_VERSION = 1
# Allowed clock difference between the function instances that issue and read a cursor.
_CLOCK_SKEW = timedelta(minutes=5)


class InvalidCursorError(ValueError):
    """The cursor is malformed, forged, stale or belongs to another query. The message says which."""


def _b64encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _b64decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def query_digest(binding: dict[str, str | None]) -> str:
    """A short, canonical fingerprint of the query a cursor is bound to."""
    canonical = json.dumps(binding, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:24]


class CursorCodec:
    def __init__(self, key: bytes, *, ttl: timedelta, clock: Callable[[], datetime] | None = None) -> None:
        if len(key) < 16:
            raise ValueError("cursor key must be at least 16 bytes")
        self._key = key
        self._ttl = ttl
        self._clock = clock or (lambda: datetime.now(UTC))

    def _mac(self, payload: bytes) -> bytes:
        return hmac.new(self._key, payload, hashlib.sha256).digest()

    def encode(self, *, query: str, position: str) -> str:
        payload = {
            "v": CURSOR_VERSION,
            "q": query,
            "p": position,
            "t": int(self._clock().timestamp()),
        }
        raw = json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
        return f"{_b64encode(raw)}.{_b64encode(self._mac(raw))}"

    def decode(self, cursor: str, *, query: str) -> str:
        """The position stored in `cursor`, if it is authentic, fresh and issued for `query`."""
        payload_text, sep, mac_text = cursor.partition(".")
        if not sep or not payload_text or not mac_text:
            raise InvalidCursorError("cursor is malformed")
        try:
            raw, mac = _b64decode(payload_text), _b64decode(mac_text)
        except (binascii.Error, ValueError) as exc:
            raise InvalidCursorError("cursor is malformed") from exc
        if not hmac.compare_digest(mac, self._mac(raw)):
            raise InvalidCursorError("cursor signature does not match: it was altered or not issued by this API")
        payload = json.loads(raw)  # authentic, hence our own JSON
        if payload.get("v") != CURSOR_VERSION:
            raise InvalidCursorError("cursor is from an older version of the API; start again without a cursor")
        issued = datetime.fromtimestamp(payload["t"], UTC)
        now = self._clock()
        if issued > now + _CLOCK_SKEW or now - issued > self._ttl:
            raise InvalidCursorError("cursor has expired; start again without a cursor")
        if payload["q"] != query:
            raise InvalidCursorError("cursor belongs to a different query (parameters changed)")
        position: str = payload["p"]
        return position
