"""Cold start of two trees side by side in one run: each tree's own `cold_start.py`, sample by sample.

    git archive bb11bff | tar -x -C /tmp/cold-before
    .venv/bin/python benchmarks/cold_start_side_by_side.py --before /tmp/cold-before [--runs 12] [--json FILE]

Runs an hour apart meet different machine load, and the ratios drift by more than the changes measured. Here each
tree builds its own deployment package (its own `functions/Makefile` and `requirements.txt`), and every round takes
one fresh process per function and column, the columns in a rotating order: the shared baseline (`import boto3` +
the function's clients), each tree's `stack` floor (its own list of AWS calls) and each tree's handler. Besides the
medians, the per-round ratio of this tree's import + first event to the other's, which load moves much less.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import statistics
import sys
import tempfile
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
FUNCTIONS = ("parse", "index", "query")
TREES = ("before", "after")


def _cold_start_of(tree: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"cold_start_{name}", tree / "benchmarks" / "cold_start.py")
    if spec is None or spec.loader is None:
        raise SystemExit(f"{tree}: no benchmarks/cold_start.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def measure(before: Path, runs: int) -> dict[str, list[dict[str, Any]]]:
    scripts = {"before": _cold_start_of(before, "before"), "after": _cold_start_of(ROOT, "after")}
    samples: dict[str, list[dict[str, Any]]] = {}
    with tempfile.TemporaryDirectory(prefix="cold-start-ab-") as workdir:
        packages = {}
        for tree, script in scripts.items():
            (Path(workdir) / tree).mkdir()
            packages[tree] = script.build_packages(Path(workdir) / tree)
        # (column, tree whose script runs the child, mode)
        columns = [("baseline", "after", "baseline")]
        columns += [(f"{mode}-{tree}", tree, mode) for mode in ("stack", "handler") for tree in TREES]
        for round_number in range(runs + 1):
            turn = round_number % len(columns)
            for function in FUNCTIONS:
                for column, tree, mode in columns[turn:] + columns[:turn]:
                    result = scripts[tree]._sample(function, mode, packages[tree])
                    if round_number:  # round 0 warms the page cache
                        samples.setdefault(f"{function}|{column}", []).append(result)
            print(f"round {round_number} of {runs} done", file=sys.stderr, flush=True)
    return samples


def _total(sample: dict[str, Any]) -> float:
    return float(sample["import_ms"] + sample["first_ms"])


def report(samples: dict[str, list[dict[str, Any]]]) -> list[str]:
    median = statistics.median
    boto3_import = median(s["import_ms"] for f in FUNCTIONS for s in samples[f"{f}|baseline"])
    runs = len(samples["parse|baseline"])
    lines = [
        f"medians of {runs} interleaved rounds; `import boto3` {boto3_import:.1f} ms",
        "",
        "| function | tree | import | 1st event | import + 1st | baseline | import / `import boto3` "
        "| (import + 1st) / baseline | per round: (import + 1st) / before's |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for function in FUNCTIONS:
        baseline = median(_total(s) for s in samples[f"{function}|baseline"])
        before = samples[f"{function}|handler-before"]
        for column in ("handler-before", "handler-after", "stack-before", "stack-after"):
            rows = samples[f"{function}|{column}"]
            imported = median(s["import_ms"] for s in rows)
            total = median(_total(s) for s in rows)
            paired = (
                f"{median(_total(a) / _total(b) for a, b in zip(rows, before, strict=True)):.2f}"
                if column.startswith("handler")
                else ""
            )
            lines.append(
                f"| {function} | {column} | {imported:.0f} | {median(s['first_ms'] for s in rows):.0f} | {total:.0f} "
                f"| {baseline:.0f} | {imported / boto3_import:.2f}x | {total / baseline:.2f}x | {paired} |"
            )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--before", type=Path, required=True, help="the other tree (e.g. a `git archive` export)")
    parser.add_argument("--runs", type=int, default=12, help="interleaved rounds (default 12)")
    parser.add_argument("--json", type=Path, help="also write every sample here")
    args = parser.parse_args()
    samples = measure(args.before.resolve(), args.runs)
    if args.json:
        args.json.write_text(json.dumps(samples, indent=1), encoding="utf-8")
    print("\n".join(report(samples)))


if __name__ == "__main__":
    main()
