"""Bodies with no truth (metadata-dev's 2019-2023 pages) read beside trafilatura's: where the two disagree most, and
whether a change moves our bodies toward or away from trafilatura's.

    .venv/bin/python benchmarks/product.py --no-trafilatura --sets metadata-dev --save /tmp/now.json
    .venv/bin/python benchmarks/versus_trafilatura.py --ours /tmp/now.json --half A --lowest 50
    .venv/bin/python benchmarks/versus_trafilatura.py --ours /tmp/now.json --before /tmp/base.json

Agreement is the body scorer's shingle F1 of our body against trafilatura's, which is no truth: a list of pages to
read (on half A only, the protocol), and on half B a count that needs no reading. trafilatura's bodies are computed
once and kept in `--cache` (default: beside `--ours`).
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import bench_data
from bench_data import set_bench_root
from splits import HALVES, half_of

METADATA_SET = "metadata-dev"
MOVE = 0.01  # an agreement change smaller than this is no move


@dataclass(frozen=True)
class Moves:
    """Bodies that changed on one half, and how their agreement with trafilatura moved."""

    changed: int
    toward: int
    away: int
    total: float


def _trafilatura_body(job: tuple[str, str | None]) -> tuple[str, str]:
    import trafilatura

    page_id, url = job
    data = gzip.decompress((bench_data.BENCH_ROOT / METADATA_SET / "html" / f"{page_id}.html.gz").read_bytes())
    return page_id, trafilatura.extract(data, url=url, include_comments=False) or ""


def trafilatura_bodies(urls: dict[str, str | None], cache: Path, jobs: int) -> dict[str, str]:
    if cache.exists():
        cached: dict[str, str] = json.loads(cache.read_text(encoding="utf-8"))
        if set(cached) >= set(urls):
            return cached
    with ProcessPoolExecutor(jobs) as pool:
        bodies = dict(pool.map(_trafilatura_body, urls.items(), chunksize=8))
    cache.write_text(json.dumps(bodies, ensure_ascii=False), encoding="utf-8")
    return bodies


def agreement(scorer: ModuleType, ours: dict[str, str], theirs: dict[str, str], ids: list[str]) -> dict[str, float]:
    """Per page, the shingle F1 of our body against trafilatura's."""
    return {row["id"]: row["f1"] for row in scorer.page_scores(theirs, ours, ids)}


def moves(before: dict[str, float], after: dict[str, float], changed: list[str]) -> Moves:
    deltas = [after[page] - before[page] for page in changed]
    return Moves(
        changed=len(changed),
        toward=sum(1 for delta in deltas if delta > MOVE),
        away=sum(1 for delta in deltas if delta < -MOVE),
        total=round(sum(deltas), 3),
    )


def _bodies(path: Path) -> dict[str, str]:
    predictions: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))[METADATA_SET]
    return {page: prediction.get("body", "") for page, prediction in predictions.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, help="the bench folder (default: ../shared/bench beside the checkout)")
    parser.add_argument("--ours", type=Path, required=True, help="a `product.py --save` file with metadata-dev")
    parser.add_argument("--before", type=Path, help="another such file: count the bodies that changed, per half")
    parser.add_argument("--half", choices=HALVES, default="A", help="the half whose lowest pages are listed")
    parser.add_argument("--lowest", type=int, default=0, help="list this many pages of lowest agreement")
    parser.add_argument("--cache", type=Path, help="trafilatura's bodies (default: beside --ours)")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args(argv)
    if args.data:
        set_bench_root(args.data)
    truth: dict[str, Any] = json.loads((bench_data.BENCH_ROOT / METADATA_SET / "ground_truth.json").read_text("utf-8"))
    urls = {page: truth[page].get("url") for page in sorted(truth)}
    halves = {half: [page for page, url in urls.items() if half_of(page, url) == half] for half in HALVES}
    theirs = trafilatura_bodies(urls, args.cache or args.ours.with_name("trafilatura-bodies.json"), args.jobs)
    scorer = bench_data.body_scorer()
    ours = _bodies(args.ours)
    now = agreement(scorer, ours, theirs, sorted(urls))
    if args.lowest:
        print(f"## half {args.half}: lowest agreement with trafilatura (ours words, trafilatura words)\n")
        for page in sorted(halves[args.half], key=now.__getitem__)[: args.lowest]:
            print(f"{page}  {now[page]:.2f}  {len(ours[page].split())} / {len(theirs[page].split())}  {urls[page]}")
    if args.before:
        old = _bodies(args.before)
        then = agreement(scorer, old, theirs, sorted(urls))
        print("\n| half | bodies changed | toward trafilatura | away | sum of agreement change |")
        print("|---|---|---|---|---|")
        for half, pages in halves.items():
            result = moves(then, now, [page for page in pages if old[page] != ours[page]])
            print(f"| {half} | {result.changed} | {result.toward} | {result.away} | {result.total:+.3f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
