"""Faults in every AWS call the functions make, and crashes mid-batch: still one outcome per page, the same index.

The stack is deployed from the template into moto; `FaultInjector` makes the functions' S3, EventBridge and DynamoDB
calls fail at a seeded rate and kills invocations at the points that matter; dead letters are redriven with the
same code as `article-ingest redrive`. A fault-free run of the same pages is the reference.
"""

from __future__ import annotations

import pytest

from article_ingest.local.faults import FaultKind, FaultPlan
from tests.faults.scenario import REJECTED_PAGES, article_pages, run_scenario, story_groups, without_stories

pytestmark = pytest.mark.integration

PAGES = {**article_pages(100), **REJECTED_PAGES}
DUPLICATE_UPLOADS = 5  # the first pages are uploaded twice, unchanged: a duplicate notification each


def test_faults_and_crashes_leave_one_outcome_per_page_and_the_fault_free_index() -> None:
    reference = run_scenario(PAGES, None, duplicates=DUPLICATE_UPLOADS)
    faulty = run_scenario(PAGES, FaultPlan(rate=0.15, seed=20261127), duplicates=DUPLICATE_UPLOADS)

    # The faults really happened, every kind of them, and some messages went through a DLQ and back.
    assert set(faulty.injected) == set(FaultKind), faulty.injected
    assert faulty.dead_letters, "no message reached a dead-letter queue: the run proves little about redrive"
    assert all(letter.subject.startswith(("s3://", "ArticleReady ")) for letter in faulty.dead_letters)

    # Every page: exactly one kind of final outcome, the one the fault-free run gave it.
    expected = {key: {e["detail-type"] for e in events} for key, events in reference.events_by_raw_key().items()}
    assert set(expected) == set(PAGES)
    assert all(len(events) == 1 for events in reference.events_by_raw_key().values())
    observed = faulty.events_by_raw_key()
    assert {key: {e["detail-type"] for e in events} for key, events in observed.items()} == expected

    # A page's event is sent twice only where a fault struck between put_events and recording it (an
    # at-least-once publisher cannot do better); the copies are identical, so subscribers dedupe on (id, version).
    duplicated = {key: events for key, events in observed.items() if len(events) > 1}
    assert set(duplicated) <= faulty.struck_after_send, set(duplicated) - faulty.struck_after_send
    for events in duplicated.values():
        assert all(event["detail"] == events[0]["detail"] for event in events)

    # The index converges to exactly what the fault-free run built, the same articles grouped in the same stories
    # (these pages are near-copies of one another: one story), though which copy came first follows arrival
    # order, which the faults change; nothing is left on any queue.
    assert without_stories(faulty.index_items) == without_stories(reference.index_items)
    assert story_groups(faulty.index_items) == story_groups(reference.index_items)
    assert (faulty.dead_letters_left, faulty.queued_left) == (0, 0)
    assert (reference.dead_letters, reference.rounds) == ([], 1)
