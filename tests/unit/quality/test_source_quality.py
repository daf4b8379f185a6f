"""Each processed record is added to its source's counts of the day; failing to count never fails the record."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from article_ingest.domain.errors import RejectReason
from article_ingest.domain.quality import SourceCounts
from article_ingest.services.parse_service import ParseOutcome, Status
from article_ingest.services.source_quality import record_source_quality

LATE_EVENING_UTC_MINUS_5 = datetime(2026, 3, 14, 22, 30, tzinfo=timezone(timedelta(hours=-5)))  # 03:30 UTC on 15th


@dataclass
class FlakyStore:
    failures: int = 0
    added: list[tuple[date, str, SourceCounts]] = field(default_factory=list)

    def add(self, day: date, source_domain: str, counts: SourceCounts) -> None:
        if self.failures:
            self.failures -= 1
            raise RuntimeError("ProvisionedThroughputExceededException")
        self.added.append((day, source_domain, counts))

    def read_day(self, day: date) -> dict[str, SourceCounts]:
        return {}


def test_a_record_is_counted_under_its_source_on_the_utc_day() -> None:
    store = FlakyStore()
    outcome = ParseOutcome(Status.REJECTED, reason=RejectReason.NO_TEXT, source_domain="news.example")

    record_source_quality(store, outcome, LATE_EVENING_UTC_MINUS_5)

    [(day, source, counts)] = store.added
    assert (day, source) == (date(2026, 3, 15), "news.example")
    assert (counts.pages, counts.outcomes, counts.reasons, counts.articles) == (
        1,
        {"rejected": 1},
        {"no_text": 1},
        0,
    )


def test_a_page_without_a_domain_is_counted_as_unknown_and_a_gone_object_not_at_all() -> None:
    store = FlakyStore()
    record_source_quality(store, ParseOutcome(Status.REJECTED, reason=RejectReason.EMPTY), datetime.now(UTC))
    record_source_quality(store, ParseOutcome(Status.GONE), datetime.now(UTC))
    assert [source for _, source, _ in store.added] == ["(unknown)"]


@pytest.mark.parametrize(("failures", "counted"), [(2, 1), (3, 0)])
def test_a_failing_store_is_tried_again_then_skipped_without_failing_the_record(failures: int, counted: int) -> None:
    store = FlakyStore(failures=failures)

    record_source_quality(store, ParseOutcome(Status.READY, "u-1", 1, source_domain="a.example"), datetime.now(UTC))

    assert len(store.added) == counted
