"""Adds each processed record to its source's counts of the day, for `article-ingest report`.

Best effort on purpose: the counts are an operator's view, and failing a record whose article is already written
and announced would only make SQS redeliver it (and count it again). A write that still fails after a few attempts
is logged and skipped.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from article_ingest.domain.quality import UNKNOWN_SOURCE, SourceCounts
from article_ingest.ports import SourceStatsStore
from article_ingest.services.parse_service import ParseOutcome, Status

_log = logging.getLogger(__name__)
_ATTEMPTS = 3  # each after the client's own retries: a throttled table gets a few more chances before a count is lost


def counts_of_outcome(outcome: ParseOutcome) -> SourceCounts | None:
    """What one record adds to its source; None for an object gone before it was read (nothing was seen)."""
    if outcome.status is Status.GONE:
        return None
    reason = outcome.reason.value if outcome.reason else None
    return SourceCounts.of_record(outcome.status.value, reason, outcome.fields_found, outcome.word_count)


def record_source_quality(store: SourceStatsStore, outcome: ParseOutcome, now: datetime) -> None:
    counts = counts_of_outcome(outcome)
    if counts is None:
        return
    source = outcome.source_domain or UNKNOWN_SOURCE
    for attempt in range(1, _ATTEMPTS + 1):
        try:
            store.add(now.astimezone(UTC).date(), source, counts)
            return
        except Exception:  # noqa: BLE001 - see the module docstring
            if attempt == _ATTEMPTS:
                _log.warning("per-source counts of %s not recorded", source, exc_info=True)
