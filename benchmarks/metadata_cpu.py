"""CPU ms per page of the metadata stage (`extract_metadata`) and of each reader it calls; old code beside new.

    .venv/bin/python benchmarks/metadata_cpu.py                                  # this checkout, best of 3 rounds
    .venv/bin/python benchmarks/metadata_cpu.py --against /tmp/old/functions     # old, new, old, new, ... rounds
    .venv/bin/python benchmarks/metadata_cpu.py --dump /tmp/new.json             # every page's output, to diff
    .venv/bin/python benchmarks/metadata_cpu.py --diff /tmp/old.json /tmp/new.json

Pages: every dev page of scrapinghub-dev and metadata-dev (perf_support.dev_pages), read at run time. Each round
is a fresh interpreter (`--against DIR` puts another checkout's `functions/` first on its path, e.g. one made with
`git archive <commit> functions | tar -x -C DIR/..`), rounds alternate old and new so machine load hits both
alike, and each page keeps its best round. Decoding and parsing the tree happen outside the clock.

`total` is `extract_metadata` unwrapped; the per-reader rows come from a second pass in which every reader that
`extract_metadata` calls by name is wrapped in a timer (nested calls are counted once, by the outer reader).
`--dump` writes, per page of every dev set (wceb-dev too), the whole PageMetadata and the whole Article (or the
refusal) for `--diff`.
"""

from __future__ import annotations

import argparse
import dataclasses
import functools
import gzip
import importlib
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench_data import REPO

STAGE_MODULE = "article_ingest.extraction.metadata"


def _instrument(timings: dict[str, float]) -> None:
    """Wrap each reader `extract_metadata` looks up in its module; time only the outermost call."""
    module = importlib.import_module(STAGE_MODULE)
    depth = [0]

    def timed(name: str, reader: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(reader)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            depth[0] += 1
            started = time.process_time()
            try:
                return reader(*args, **kwargs)
            finally:
                depth[0] -= 1
                if depth[0] == 0:
                    timings[name] = timings.get(name, 0.0) + 1000 * (time.process_time() - started)

        return wrapper

    for name, value in list(vars(module).items()):
        owner = getattr(value, "__module__", "") or ""
        if callable(value) and owner.startswith("article_ingest.extraction") and name != "extract_metadata":
            setattr(module, name, timed(name, value))


def measure_round() -> dict[str, dict[str, float]]:
    """One round in this interpreter: {page: {"total": ms, reader: ms, ...}}."""
    from article_ingest.extraction import ExtractionHints
    from article_ingest.extraction.decode import decode_html
    from article_ingest.extraction.tree import parse_tree
    from article_ingest.settings import ExtractionSettings
    from perf_support import dev_pages

    module = importlib.import_module(STAGE_MODULE)
    extract_metadata = module.extract_metadata
    settings = ExtractionSettings()
    pages = dev_pages()
    prepared = [
        (page.name, decode_html(page.html, ExtractionHints(url=page.url), settings).text, page.url) for page in pages
    ]
    _, first_text, first_url = prepared[0]
    extract_metadata(parse_tree(first_text, settings), ExtractionHints(url=first_url))  # warm-up: lazy tables
    results: dict[str, dict[str, float]] = {}
    for name, text, url in prepared:
        root, hints = parse_tree(text, settings), ExtractionHints(url=url)
        started = time.process_time()
        extract_metadata(root, hints)
        results[name] = {"total": 1000 * (time.process_time() - started)}
    stage_timings: dict[str, float] = {}
    _instrument(stage_timings)
    for name, text, url in prepared:
        root, hints = parse_tree(text, settings), ExtractionHints(url=url)
        stage_timings.clear()
        module.extract_metadata(root, hints)
        results[name].update(stage_timings)
    return results


def _run_round(functions: Path) -> dict[str, dict[str, float]]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(functions), str(REPO / "benchmarks")])}
    command = [sys.executable, str(Path(__file__).resolve()), "--child"]
    output = subprocess.run(command, check=True, capture_output=True, text=True, env=env).stdout
    result: dict[str, dict[str, float]] = json.loads(output)
    return result


def best_of(rounds: list[dict[str, dict[str, float]]]) -> dict[str, dict[str, float]]:
    """Per page and stage, the smallest time any round took (load only ever adds time)."""
    best: dict[str, dict[str, float]] = {}
    for one in rounds:
        for page, stages in one.items():
            kept = best.setdefault(page, {})
            for stage, millis in stages.items():
                kept[stage] = min(kept.get(stage, millis), millis)
    return best


def stage_medians(best: dict[str, dict[str, float]]) -> dict[str, tuple[float, float]]:
    """Per stage: (median ms over pages, mean ms over pages); a page where a stage did not run counts 0."""
    stages = sorted({stage for stages in best.values() for stage in stages}, key=lambda s: (s != "total", s))
    return {
        stage: (
            statistics.median(stages.get(stage, 0.0) for stages in best.values()),
            statistics.fmean(stages.get(stage, 0.0) for stages in best.values()),
        )
        for stage in stages
    }


def compare_speed(versions: dict[str, Path], rounds: int) -> str:
    measured: dict[str, list[dict[str, dict[str, float]]]] = {name: [] for name in versions}
    for _ in range(rounds):
        for name, functions in versions.items():
            measured[name].append(_run_round(functions))
    summaries = {name: stage_medians(best_of(runs)) for name, runs in measured.items()}
    names = list(versions)
    pages = len(next(iter(measured.values()))[0])
    lines = [
        f"CPU ms per page, best of {rounds} interleaved rounds, {pages} pages: median (mean)",
        "| stage | " + " | ".join(names) + " |",
        "|---|" + "---|" * len(names),
    ]
    stages = list(dict.fromkeys(stage for summary in summaries.values() for stage in summary))
    for stage in stages:
        cells = [summaries[name].get(stage) for name in names]
        lines.append(
            f"| {stage} | " + " | ".join(f"{cell[0]:.2f} ({cell[1]:.2f})" if cell else "-" for cell in cells) + " |"
        )
    return "\n".join(lines)


def dump_outputs(path: Path) -> None:
    """Per page of every dev set (wceb-dev too): the whole PageMetadata and the whole Article, or the refusal."""
    from product import BODY_SETS, METADATA_SET, load_pages

    outputs: dict[str, Any] = {}
    for set_name in (*BODY_SETS, METADATA_SET):
        for page in load_pages(set_name)[1]:
            outputs[f"{set_name}/{page.page_id}"] = _page_outputs(gzip.decompress(page.path.read_bytes()), page.url)
    path.write_text(json.dumps(outputs, sort_keys=True, ensure_ascii=False, indent=0), encoding="utf-8")
    print(f"{len(outputs)} pages written to {path}")


def _page_outputs(data: bytes, url: str | None) -> dict[str, Any]:
    from article_ingest.domain.errors import ExtractionRefused
    from article_ingest.extraction import ExtractionHints, extract_article
    from article_ingest.extraction.decode import decode_html
    from article_ingest.extraction.metadata import extract_metadata
    from article_ingest.extraction.tree import parse_tree
    from article_ingest.settings import ExtractionSettings

    settings = ExtractionSettings()
    hints = ExtractionHints(url=url)
    metadata = extract_metadata(parse_tree(decode_html(data, hints, settings).text, settings), hints)
    entry: dict[str, Any] = {"metadata": json.loads(json.dumps(dataclasses.asdict(metadata), default=_plain))}
    try:
        entry["article"] = extract_article(data, hints).model_dump(mode="json")
    except ExtractionRefused as refused:
        entry["refused"] = [refused.reason.value, refused.message, _plain(refused.found)]
    return entry


def _plain(value: Any) -> Any:
    dump = getattr(value, "model_dump", None)
    return dump(mode="json") if dump else str(value)


def diff_outputs(before: Path, after: Path) -> int:
    """Every page and field that differs between two dumps; the count of differing pages."""
    old = json.loads(before.read_text(encoding="utf-8"))
    new = json.loads(after.read_text(encoding="utf-8"))
    changed = 0
    for page in sorted(old.keys() | new.keys()):
        a, b = old.get(page, {}), new.get(page, {})
        fields = [
            f"{part}.{key}"
            for part in sorted(a.keys() | b.keys())
            for key in sorted(_keys(a.get(part)) | _keys(b.get(part)))
            if _field(a.get(part), key) != _field(b.get(part), key)
        ]
        if fields:
            changed += 1
            print(f"{page}: {', '.join(fields)}")
    print(f"{len(old)} pages before, {len(new)} after, {changed} with a difference")
    return changed


def _keys(part: Any) -> set[str]:
    return set(part) if isinstance(part, dict) else {"*"}


def _field(part: Any, key: str) -> Any:
    return part.get(key) if isinstance(part, dict) else part


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    parser.add_argument("--against", type=Path, help="another checkout's functions/ folder, timed as 'old'")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--dump", type=Path, help="write every page's metadata and Article as JSON")
    parser.add_argument("--diff", type=Path, nargs=2, metavar=("BEFORE", "AFTER"), help="compare two dumps")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(measure_round()))
        return 0
    if args.dump:
        dump_outputs(args.dump)
        return 0
    if args.diff:
        return 1 if diff_outputs(*args.diff) else 0
    versions = {"old": args.against.resolve()} if args.against else {}
    versions["new"] = REPO / "functions"
    print(compare_speed(versions, args.rounds))
    return 0


if __name__ == "__main__":
    sys.exit(main())
