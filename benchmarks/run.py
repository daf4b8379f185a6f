"""One command, every dev set, the product beside trafilatura: `make bench` (or `.venv/bin/python benchmarks/run.py`).

Quality: `benchmarks/product.py` scores what `extract_article` emits (a refused page is an empty body and no
metadata) on ../shared/bench/scrapinghub-dev and wceb-dev (body, shingle F1/P/R) and metadata-dev (the metadata
scorer's metrics), by site half A / B and whole, with trafilatura's `extract` and metadata beside it.
Speed (scrapinghub-dev and metadata-dev pages): per page, both tools run back to back on the same bytes
(interleaved, so machine load hits both alike); ours is the whole Article through the Python API
`extract_article` (decode + tree + metadata + body, and the fallback where it runs), trafilatura is
`trafilatura.extract(bytes, url=..., include_comments=False)`. Peak memory: each tool runs the largest dev page in
a fresh child process that reports its own peak RSS (`VmHWM`) before and after the call.

Pages are read from the bench folders at run time; nothing from them is copied into the repo.
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import trafilatura

import bench_data
import product
from article_ingest.domain.errors import ExtractionRefused
from article_ingest.extraction import ExtractionHints, extract_article

Extractor = Callable[[bytes, str | None], str]


def ours(data: bytes, url: str | None) -> str:
    try:
        return extract_article(data, ExtractionHints(url=url)).body
    except ExtractionRefused:
        return ""


def theirs(data: bytes, url: str | None) -> str:
    return trafilatura.extract(data, url=url, include_comments=False) or ""


TOOLS: dict[str, Extractor] = {"ours": ours, "trafilatura": theirs}


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def speed_benchmark(sets: list[str], limit: int | None) -> tuple[dict[str, dict[str, float]], Path, int]:
    """ms per page of each tool over the given sets, interleaved page by page; and the largest page seen."""
    pages = [page for name in sets for page in product.load_pages(name, limit)[1]]
    millis: dict[str, list[float]] = {name: [] for name in TOOLS}
    cpu_millis: dict[str, list[float]] = {name: [] for name in TOOLS}  # steadier than wall time on a busy machine
    first = gzip.decompress(pages[0].path.read_bytes())
    for tool in TOOLS.values():  # warm-up: imports, lazy tables
        tool(first, pages[0].url)
    largest, largest_size = pages[0].path, 0
    for page in pages:
        data = gzip.decompress(page.path.read_bytes())
        if len(data) > largest_size:
            largest, largest_size = page.path, len(data)
        for name, tool in TOOLS.items():
            started, cpu_started = time.perf_counter(), time.process_time()
            tool(data, page.url)
            millis[name].append(1000 * (time.perf_counter() - started))
            cpu_millis[name].append(1000 * (time.process_time() - cpu_started))
    rows = {
        name: {
            "median_ms": statistics.median(millis[name]),
            "p95_ms": _percentile(millis[name], 0.95),
            "median_cpu_ms": statistics.median(cpu_millis[name]),
            "total_s": sum(millis[name]) / 1000,
        }
        for name in TOOLS
    }
    return rows, largest, len(pages)


# Each probe imports only its own tool, so neither pays for the other's imports.
_MEMORY_PROBES = {
    "ours": "from article_ingest.extraction import ExtractionHints, extract_article\n"
    "run = lambda data: extract_article(data, ExtractionHints())",
    "trafilatura": "import trafilatura\nrun = lambda data: trafilatura.extract(data, include_comments=False)",
}
_MEMORY_HARNESS = """
import gzip, json, re
{setup}
def high_water_mb():
    # VmHWM resets at exec; ru_maxrss does not (a child would report its parent's peak).
    with open("/proc/self/status") as status:
        return int(re.search(r"VmHWM:\\s+(\\d+)", status.read()).group(1)) / 1024
data = gzip.decompress(open({path!r}, "rb").read())
before = high_water_mb()
try:
    run(data)
except Exception:
    pass
print(json.dumps({{"before_mb": before, "peak_mb": high_water_mb()}}))
"""


def peak_memory(tool: str, page: Path) -> dict[str, float]:
    """Peak RSS (VmHWM) of a fresh interpreter that imports one tool, then extracts `page` once. Linux only."""
    code = _MEMORY_HARNESS.format(setup=_MEMORY_PROBES[tool], path=str(page))
    output = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    result: dict[str, float] = json.loads(output.strip().splitlines()[-1])
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    parser.add_argument("--data", type=Path, help="the bench folder (default: ../shared/bench beside the checkout)")
    parser.add_argument("--limit", type=int, help="only the first N pages of each dev set")
    parser.add_argument("--jobs", type=int, default=2, help="processes for the quality run (speed runs in one)")
    parser.add_argument("--skip-quality", action="store_true", help="speed and memory only")
    parser.add_argument("--component", action="store_true", help="also the metadata stage alone (not the product)")
    args = parser.parse_args(argv)
    if args.data:
        bench_data.set_bench_root(args.data)

    if not args.skip_quality:
        results = product.run([*product.BODY_SETS, product.METADATA_SET], list(TOOLS), args.jobs, args.limit)
        for set_name, entry in results.items():
            print(product.table(set_name, entry) + "\n")

    speed_sets = ["scrapinghub-dev", product.METADATA_SET]
    rows, largest, pages = speed_benchmark(speed_sets, args.limit)
    memory = {name: peak_memory(name, largest) for name in TOOLS}
    print(f"## Speed: {' + '.join(speed_sets)} ({pages} pages, interleaved), peak memory on the largest page\n")
    print("| tool | median ms/page | p95 ms/page | median CPU ms/page | total s | peak RSS MB (largest page) |")
    print("|---|---|---|---|---|---|")
    for name, row in rows.items():
        print(
            f"| {name} | {row['median_ms']:.2f} | {row['p95_ms']:.2f} | {row['median_cpu_ms']:.2f} | "
            f"{row['total_s']:.1f} | {memory[name]['peak_mb']:.0f} (interpreter {memory[name]['before_mb']:.0f}) |"
        )
    ratio = rows["ours"]["median_ms"] / rows["trafilatura"]["median_ms"]
    total = rows["ours"]["total_s"] / rows["trafilatura"]["total_s"]
    print(f"\nours / trafilatura: {ratio:.2f}x median, {total:.2f}x total time (same run, interleaved)")
    print(f"largest page: {largest.name} ({len(gzip.decompress(largest.read_bytes())) // 1024} KiB)")

    if args.component:
        import metadata_bench  # the sibling script: the metadata stage alone, a component figure

        result = metadata_bench.run_metadata_benchmark(limit=args.limit)
        print(f"\n## Component (not the product): the metadata stage alone on metadata-dev ({result.pages} pages)\n")
        print(result.markdown())
    return 0


if __name__ == "__main__":
    sys.exit(main())
