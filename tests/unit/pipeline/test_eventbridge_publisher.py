"""PutEvents can answer 200 with failed entries inside: only those are sent again."""

from __future__ import annotations

from typing import Any

from article_ingest.adapters.eventbridge import EventBridgePublisher
from article_ingest.ports import OutgoingEvent


class FlakyEvents:
    """Fails the entries whose detail is listed in `failures`, the given number of times each."""

    def __init__(self, failures: dict[str, int]) -> None:
        self.failures = failures
        self.calls: list[list[str]] = []

    def put_events(self, Entries: list[dict[str, Any]]) -> dict[str, Any]:  # noqa: N803 - boto3's name
        self.calls.append([entry["Detail"] for entry in Entries])
        results = []
        for entry in Entries:
            if self.failures.get(entry["Detail"], 0) > 0:
                self.failures[entry["Detail"]] -= 1
                results.append({"ErrorCode": "InternalFailure", "ErrorMessage": "try again"})
            else:
                results.append({"EventId": f"id-{entry['Detail']}"})
        failed = sum(1 for result in results if "ErrorCode" in result)
        return {"FailedEntryCount": failed, "Entries": results}


def _events(*details: str) -> list[OutgoingEvent]:
    return [OutgoingEvent("ArticleReady", detail) for detail in details]


def _publisher(client: FlakyEvents, attempts: int = 3) -> EventBridgePublisher:
    return EventBridgePublisher(client, "bus", max_attempts=attempts, sleep=lambda _: None)  # type: ignore[arg-type]


def test_only_the_failed_entry_is_retried() -> None:
    client = FlakyEvents({'"b"': 1})

    ids = _publisher(client).publish(_events('"a"', '"b"', '"c"'))

    assert ids == ['id-"a"', 'id-"b"', 'id-"c"']
    assert client.calls == [['"a"', '"b"', '"c"'], ['"b"']]


def test_an_entry_failing_every_attempt_is_reported_as_none() -> None:
    client = FlakyEvents({'"b"': 99})

    ids = _publisher(client, attempts=3).publish(_events('"a"', '"b"'))

    assert ids == ['id-"a"', None]
    assert client.calls == [['"a"', '"b"'], ['"b"'], ['"b"']]


def test_entries_go_in_chunks_of_ten() -> None:
    client = FlakyEvents({})

    ids = _publisher(client).publish(_events(*(f'"{n}"' for n in range(23))))

    assert all(ids)
    assert [len(call) for call in client.calls] == [10, 10, 3]
