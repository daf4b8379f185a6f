"""One command, both dev sets, our extractor beside trafilatura: `make bench` (or `.venv/bin/python benchmarks/run.py`).

Body: /work/shared/bench/scrapinghub-dev, scored with /work/shared/bench/score.py (shingle F1/P/R).
Metadata: /work/shared/bench/metadata-dev via `benchmarks/metadata_bench.py` (the metadata scorer's metrics).
Speed: per page, both tools run back to back on the same bytes (interleaved, so machine load hits both alike);
ours is the whole Article through the Python API `extract_article` (decode + tree + metadata + body), trafilatura
is `trafilatura.extract(bytes, url=..., include_comments=False)`. Peak memory: each tool runs the largest dev page
in a fresh child process that reports its own peak RSS (`VmHWM`) before and after the call.

Pages are read from the bench folders at run time; nothing from them is copied into the repo.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import trafilatura

from article_ingest.domain.errors import ExtractionRefused
from article_ingest.extraction import ExtractionHints, extract_article
from bench_data import BENCH_ROOT

BODY_DIR = BENCH_ROOT / "scrapinghub-dev"
HERE = Path(__file__).resolve().parent

Extractor = Callable[[bytes, str | None], str]


def ours(data: bytes, url: str | None) -> str:
    try:
        return extract_article(data, ExtractionHints(url=url)).body
    except ExtractionRefused:
        return ""


def theirs(data: bytes, url: str | None) -> str:
    return trafilatura.extract(data, url=url, include_comments=False) or ""


TOOLS: dict[str, Extractor] = {"ours": ours, "trafilatura": theirs}


def _load_module(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise ImportError(path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def body_benchmark(limit: int | None, predictions_dir: Path | None) -> tuple[dict[str, dict[str, float]], Path]:
    scorer = _load_module(BENCH_ROOT / "score.py", "body_score")
    truth_entries = json.loads((BODY_DIR / "ground-truth.json").read_text(encoding="utf-8"))
    ids = sorted(truth_entries)[:limit] if limit else sorted(truth_entries)
    truth = {page_id: truth_entries[page_id]["articleBody"] for page_id in ids}
    pages = {page_id: gzip.decompress((BODY_DIR / f"{page_id}.html.gz").read_bytes()) for page_id in ids}
    predictions: dict[str, dict[str, str]] = {name: {} for name in TOOLS}
    millis: dict[str, list[float]] = {name: [] for name in TOOLS}
    cpu_millis: dict[str, list[float]] = {name: [] for name in TOOLS}  # steadier than wall time on a busy machine
    for tool in TOOLS.values():  # warm-up: imports, lazy tables
        tool(pages[ids[0]], truth_entries[ids[0]].get("url"))
    for page_id in ids:
        for name, tool in TOOLS.items():
            started, cpu_started = time.perf_counter(), time.process_time()
            predictions[name][page_id] = tool(pages[page_id], truth_entries[page_id].get("url"))
            millis[name].append(1000 * (time.perf_counter() - started))
            cpu_millis[name].append(1000 * (time.process_time() - cpu_started))
    rows: dict[str, dict[str, float]] = {}
    for name in TOOLS:
        result = scorer.evaluate(truth, predictions[name], ids, with_bootstrap=False)
        rows[name] = {
            "f1": result["f1"],
            "precision": result["precision"],
            "recall": result["recall"],
            "accuracy": result["accuracy"],
            "median_ms": statistics.median(millis[name]),
            "p95_ms": _percentile(millis[name], 0.95),
            "median_cpu_ms": statistics.median(cpu_millis[name]),
        }
        if predictions_dir:
            predictions_dir.mkdir(parents=True, exist_ok=True)
            with (predictions_dir / f"body-{name}.jsonl").open("w", encoding="utf-8") as out:
                for page_id, body in predictions[name].items():
                    out.write(json.dumps({"id": page_id, "body": body}, ensure_ascii=False) + "\n")
    largest = max(
        (BODY_DIR / f"{page_id}.html.gz" for page_id in ids), key=lambda p: len(gzip.decompress(p.read_bytes()))
    )
    return rows, largest


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
    parser.add_argument("--limit", type=int, help="only the first N pages of each dev set")
    parser.add_argument("--skip-metadata", action="store_true", help="body, speed and memory only")
    parser.add_argument("--predictions", type=Path, help="write body predictions (JSON Lines) to this folder")
    args = parser.parse_args(argv)

    rows, largest = body_benchmark(args.limit, args.predictions)
    memory = {name: peak_memory(name, largest) for name in TOOLS}
    pages = args.limit or len(json.loads((BODY_DIR / "ground-truth.json").read_text(encoding="utf-8")))
    print(f"## Body: scrapinghub-dev ({pages} pages), whole-Article speed, peak memory\n")
    print(
        "| tool | F1 | P | R | exact | median ms/page | p95 ms/page | median CPU ms/page | peak RSS MB (largest page) |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for name, row in rows.items():
        print(
            f"| {name} | {row['f1']:.4f} | {row['precision']:.4f} | {row['recall']:.4f} | {row['accuracy']:.3f} | "
            f"{row['median_ms']:.2f} | {row['p95_ms']:.2f} | {row['median_cpu_ms']:.2f} | "
            f"{memory[name]['peak_mb']:.0f} (interpreter {memory[name]['before_mb']:.0f}) |"
        )
    print(f"\nlargest page: {largest.name} ({len(gzip.decompress(largest.read_bytes())) // 1024} KiB)")

    if not args.skip_metadata:
        sys.path.insert(0, str(HERE))
        import metadata_bench  # the sibling script, importable once its folder is on the path

        result = metadata_bench.run_metadata_benchmark(limit=args.limit)
        print(f"\n## Metadata: metadata-dev ({result.pages} pages)\n")
        print(result.markdown())
    return 0


if __name__ == "__main__":
    sys.exit(main())
