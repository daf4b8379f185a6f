"""Fault-injection run at scale: 1,000 pages through the deployed stack in moto, with and without faults.

    .venv/bin/python benchmarks/faults_bench.py [--pages 1000] [--rate 0.15] [--seed 20261127]

The same scenario as `tests/faults/` (seeded failures in every AWS call the functions make, crashes mid-batch,
dead letters redriven until quiet), at the page count of issue 6. Prints one JSON summary; exit status 1 if an
invariant broke: a page without exactly one kind of final outcome, a duplicate event outside the put_events ->
record window, an index different from the fault-free run's, or messages left on a queue.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import sys
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the scenario lives with the tests

from tests.faults.scenario import REJECTED_PAGES, ScenarioResult, article_pages, run_scenario

from article_ingest.local.faults import FaultPlan


def _timed(pages: dict[str, bytes], plan: FaultPlan | None, duplicates: int) -> tuple[ScenarioResult, float]:
    started = time.monotonic()
    with open(os.devnull, "w") as devnull, contextlib.redirect_stdout(devnull):  # the functions' logs and metrics
        result = run_scenario(pages, plan, duplicates=duplicates, max_rounds=20)
    return result, time.monotonic() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--rate", type=float, default=0.15, help="fault probability per eligible call")
    parser.add_argument("--seed", type=int, default=20261127)
    parser.add_argument("--duplicates", type=int, default=50, help="pages uploaded twice, unchanged")
    args = parser.parse_args()
    logging.disable(logging.WARNING)  # the functions' per-batch warnings about injected failures
    warnings.filterwarnings("ignore")

    pages = {**article_pages(args.pages), **REJECTED_PAGES}
    reference, reference_s = _timed(pages, None, args.duplicates)
    faulty, faulty_s = _timed(pages, FaultPlan(rate=args.rate, seed=args.seed), args.duplicates)

    expected = {k: sorted({e["detail-type"] for e in v}) for k, v in reference.events_by_raw_key().items()}
    observed = faulty.events_by_raw_key()
    wrong_outcome = sorted(k for k in pages if sorted({e["detail-type"] for e in observed.get(k, [])}) != expected[k])
    duplicated = {k: len(v) - 1 for k, v in observed.items() if len(v) > 1}
    unexplained = sorted(set(duplicated) - faulty.struck_after_send)
    summary = {
        "pages": len(pages),
        "duplicate_uploads": args.duplicates,
        "fault_rate_per_call": args.rate,
        "seed": args.seed,
        "seconds": {"fault_free": round(reference_s, 1), "with_faults": round(faulty_s, 1)},
        "faults_injected": dict(sorted((k.value, v) for k, v in faulty.injected.items())),
        "rounds_until_quiet": faulty.rounds,
        "dead_letters_redriven": len(faulty.dead_letters),
        "events": {"fault_free": len(reference.events), "with_faults": len(faulty.events)},
        "pages_without_their_one_outcome": wrong_outcome,
        "duplicate_events": sum(duplicated.values()),
        "duplicates_outside_the_send_window": unexplained,
        "index_items": len(faulty.index_items),
        "index_equals_fault_free": faulty.index_items == reference.index_items,
        "left_on_queues": faulty.queued_left + faulty.dead_letters_left,
    }
    print(json.dumps(summary, indent=2))
    broken = wrong_outcome or unexplained or not summary["index_equals_fault_free"] or summary["left_on_queues"]
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
