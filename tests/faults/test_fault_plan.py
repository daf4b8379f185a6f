"""The fault injector's own rules, without a deployed stack."""

from __future__ import annotations

from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any

import boto3
import pytest
from moto import mock_aws

from article_ingest.local.faults import FaultInjector, FaultKind, FaultPlan


class _FakeStack:
    resources = SimpleNamespace(idempotency_table="idempotency")

    def client(self, service: str) -> Any:
        return None


@pytest.fixture
def s3() -> Iterator[Any]:
    with mock_aws():
        client = boto3.client("s3", region_name="us-east-1")
        client.create_bucket(Bucket="harness")
        yield client


def test_a_rate_outside_zero_and_one_is_refused() -> None:
    with pytest.raises(ValueError, match="rate"):
        FaultPlan(rate=1.5)


def test_calls_outside_a_function_invocation_never_fail(s3: Any) -> None:
    injector = FaultInjector(FaultPlan(rate=1.0), _FakeStack())
    with injector.active():
        s3.put_object(Bucket="harness", Key="page.html", Body=b"<p>x</p>")  # the harness uploading: untouched
        assert s3.get_object(Bucket="harness", Key="page.html")["Body"].read() == b"<p>x</p>"
    assert not injector.injected


def test_a_partial_put_events_sends_exactly_the_entries_it_reports_as_sent() -> None:
    injector = FaultInjector(
        FaultPlan(rate=1.0, seed=3, kinds=frozenset({FaultKind.PUT_EVENTS_ENTRY_FAILURE})), _FakeStack()
    )
    entries = [{"Detail": str(n)} for n in range(6)]
    sent: list[list[dict[str, str]]] = []

    def put_events(params: dict[str, Any]) -> dict[str, Any]:
        sent.append(params["Entries"])
        return {"FailedEntryCount": 0, "Entries": [{"EventId": f"id-{e['Detail']}"} for e in params["Entries"]]}

    response = injector._partial_put_events({"Entries": entries}, put_events)

    failed = [i for i, entry in enumerate(response["Entries"]) if "ErrorCode" in entry]
    assert response["FailedEntryCount"] == len(failed) > 0
    assert [e["Detail"] for e in (sent[0] if sent else [])] == [str(i) for i in range(6) if i not in failed]
    for i, entry in enumerate(response["Entries"]):
        assert entry == (
            {"ErrorCode": "InternalFailure", "ErrorMessage": "injected entry failure"}
            if i in failed
            else {"EventId": f"id-{i}"}
        )


def test_the_same_seed_injects_the_same_faults() -> None:
    def draws(seed: int) -> list[FaultKind | None]:
        injector = FaultInjector(FaultPlan(rate=0.5, seed=seed), _FakeStack())
        return [injector._draw((FaultKind.S3_READ_ERROR, FaultKind.TIMEOUT_IN_PROGRESS)) for _ in range(50)]

    assert draws(7) == draws(7)
    assert draws(7) != draws(8)
