"""EventBridge publisher: `put_events` in chunks of 10, retrying only the entries that failed."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from article_ingest.domain.events import EVENT_SOURCE
from article_ingest.ports import OutgoingEvent

if TYPE_CHECKING:
    from mypy_boto3_events import EventBridgeClient
    from mypy_boto3_events.type_defs import PutEventsRequestEntryTypeDef

_log = logging.getLogger(__name__)
_ENTRIES_PER_CALL = 10  # the PutEvents limit


class EventBridgePublisher:
    def __init__(
        self,
        client: EventBridgeClient,
        bus_name: str,
        *,
        max_attempts: int = 3,
        backoff_s: float = 0.1,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._events = client
        self._bus_name = bus_name
        self._max_attempts = max_attempts
        self._backoff_s = backoff_s
        self._sleep = sleep

    def publish(self, events: Sequence[OutgoingEvent]) -> list[str | None]:
        """A 200 from PutEvents can still hide failed entries (`FailedEntryCount`): only those are sent again."""
        ids: list[str | None] = [None] * len(events)
        pending = list(range(len(events)))
        for attempt in range(self._max_attempts):
            if attempt:
                self._sleep(self._backoff_s * 2 ** (attempt - 1))
            still_failing: list[int] = []
            for start in range(0, len(pending), _ENTRIES_PER_CALL):
                chunk = pending[start : start + _ENTRIES_PER_CALL]
                response = self._events.put_events(Entries=[self._entry(events[i]) for i in chunk])
                for index, result in zip(chunk, response["Entries"], strict=True):
                    if result.get("EventId") and not result.get("ErrorCode"):
                        ids[index] = result["EventId"]
                    else:
                        _log.warning(
                            "put_events entry failed: %s %s", result.get("ErrorCode"), result.get("ErrorMessage")
                        )
                        still_failing.append(index)
            pending = still_failing
            if not pending:
                break
        return ids

    def _entry(self, event: OutgoingEvent) -> PutEventsRequestEntryTypeDef:
        return {
            "Source": EVENT_SOURCE,
            "DetailType": event.detail_type,
            "Detail": event.detail,
            "EventBusName": self._bus_name,
        }
