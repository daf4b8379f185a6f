"""Metadata component benchmark: our metadata stage vs trafilatura's on ../shared/bench/metadata-dev, same scorer.

A component figure (pages whose body is refused still have their metadata scored): the headline figures are
the product's, `benchmarks/product.py`.

Run alone:  .venv/bin/python benchmarks/metadata_bench.py [--limit N] [--errors FIELD] [--no-trafilatura]
From code:  run_metadata_benchmark(...) -> MetadataBenchResult (benchmarks/run.py prints it beside the body figures)

Pages are read from the bench folder at run time (never copied into the repo). Our side runs the same decode ->
tree -> metadata stages as `extract_article`, so a page whose body would be refused still gets its metadata scored.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

from article_ingest.domain.article import Article
from article_ingest.extraction.decode import decode_html
from article_ingest.extraction.hints import ExtractionHints
from article_ingest.extraction.metadata import extract_metadata
from article_ingest.extraction.page import PageMetadata
from article_ingest.extraction.tree import parse_tree
from article_ingest.settings import ExtractionSettings
from bench_data import BENCH_ROOT

DEFAULT_BENCH_DIR = BENCH_ROOT / "metadata-dev"
Prediction = dict[str, Any]


@dataclass
class ToolRun:
    predictions: dict[str, Prediction] = field(default_factory=dict)
    millis: list[float] = field(default_factory=list)
    errors: int = 0

    def median_ms(self) -> float:
        return statistics.median(self.millis) if self.millis else 0.0

    def p95_ms(self) -> float:
        if not self.millis:
            return 0.0
        ordered = sorted(self.millis)
        return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


@dataclass
class MetadataBenchResult:
    tables: dict[str, dict[str, dict[str, float]]]  # tool -> metric -> {n, accuracy, coverage}
    runs: dict[str, ToolRun]
    pages: int

    def markdown(self) -> str:
        names = list(self.tables)
        metrics = [m for m in _scorer(None).FIELDS_ORDER if any(m in t for t in self.tables.values())]
        lines = ["| metric | n | " + " | ".join(names) + " |", "|" + "---|" * (2 + len(names))]
        for metric in metrics:
            n = max(int(t.get(metric, {}).get("n", 0)) for t in self.tables.values())
            cells = []
            for name in names:
                row = self.tables[name].get(metric)
                cells.append("—" if row is None else f"{100 * row['accuracy']:.1f} ({100 * row['coverage']:.0f})")
            lines.append(f"| {metric} | {n} | " + " | ".join(cells) + " |")
        timing = " | ".join(f"{self.runs[n].median_ms():.2f} / {self.runs[n].p95_ms():.2f}" for n in names)
        lines.append(f"| metadata ms/page (median / p95) | {self.pages} | {timing} |")
        return "\n".join(lines) + "\n\ncells: accuracy % (coverage %)"


def ours_predict(data: bytes, url: str | None) -> Prediction:
    settings = ExtractionSettings()
    hints = ExtractionHints(url=url)
    page = decode_html(data, hints, settings)
    root = parse_tree(page.text, settings)
    return metadata_prediction(extract_metadata(root, hints))


def metadata_prediction(meta: PageMetadata | Article) -> Prediction:
    """PageMetadata, or the Article the product emits (same field names) -> the scorer's field names."""
    return {
        "title": meta.title,
        "authors": meta.authors,
        "date_published": meta.published_at,
        "date_modified": meta.modified_at,
        "language": meta.language,
        "image": meta.image.url if meta.image else None,
        "description": meta.description,
        "site_name": meta.site_name,
        "canonical_url": meta.url,
    }


def trafilatura_predict(data: bytes, url: str | None) -> Prediction:
    import trafilatura
    from trafilatura.metadata import extract_metadata as traf_metadata

    tree = trafilatura.load_html(data)
    if tree is None:
        return {}
    doc = traf_metadata(tree, default_url=url)
    authors = [a.strip() for a in (doc.author or "").split(";") if a.strip()]
    return {
        "title": doc.title,
        "authors": authors,
        "date_published": doc.date,
        "language": getattr(doc, "language", None),
        "image": doc.image,
        "description": doc.description,
        "site_name": doc.sitename,
        "canonical_url": doc.url,
    }


TOOLS: dict[str, Callable[[bytes, str | None], Prediction]] = {
    "ours": ours_predict,
    "trafilatura": trafilatura_predict,
}


def run_metadata_benchmark(
    bench_dir: Path = DEFAULT_BENCH_DIR,
    tools: tuple[str, ...] = ("ours", "trafilatura"),
    limit: int | None = None,
) -> MetadataBenchResult:
    ground_truth = json.loads((bench_dir / "ground_truth.json").read_text(encoding="utf-8"))
    ids = sorted(ground_truth)[:limit] if limit else sorted(ground_truth)
    pages = {page_id: gzip.decompress((bench_dir / "html" / f"{page_id}.html.gz").read_bytes()) for page_id in ids}
    runs: dict[str, ToolRun] = {}
    for name in tools:
        predict, run = TOOLS[name], ToolRun()
        for page_id in ids:
            started = time.perf_counter()
            try:
                prediction = predict(pages[page_id], ground_truth[page_id].get("url"))
            except Exception:
                prediction, run.errors = {}, run.errors + 1
            run.millis.append(1000 * (time.perf_counter() - started))
            run.predictions[page_id] = prediction
        runs[name] = run
    scorer = _scorer(bench_dir)
    tables = {name: scorer.aggregate(ground_truth, runs[name].predictions, ids) for name in tools}
    return MetadataBenchResult(tables=tables, runs=runs, pages=len(ids))


def _scorer(bench_dir: Path | None) -> ModuleType:
    path = (bench_dir or DEFAULT_BENCH_DIR).parent / "score_metadata.py"
    spec = importlib.util.spec_from_file_location("score_metadata", path)
    if spec is None or spec.loader is None:
        raise RuntimeError(f"scorer not found: {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _print_errors(result: MetadataBenchResult, bench_dir: Path, metric: str, tool: str, limit: int) -> None:
    scorer = _scorer(bench_dir)
    ground_truth = json.loads((bench_dir / "ground_truth.json").read_text(encoding="utf-8"))
    shown = 0
    for page_id, prediction in result.runs[tool].predictions.items():
        for name, _covered, score in scorer.score_page(ground_truth[page_id], prediction):
            if name == metric and score < 1.0 and shown < limit:
                shown += 1
                field_name = scorer.GT_FIELD[metric]
                print(f"{page_id}  gt={ground_truth[page_id].get(field_name)!r}  pred={prediction.get(field_name)!r}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bench-dir", type=Path, default=DEFAULT_BENCH_DIR)
    parser.add_argument("--limit", type=int)
    parser.add_argument("--no-trafilatura", action="store_true")
    parser.add_argument("--errors", metavar="METRIC", help="print our mismatches for one metric, e.g. authors_f1")
    parser.add_argument("--max-errors", type=int, default=40)
    parser.add_argument("--write-preds", type=Path, help="write our predictions as JSON Lines")
    args = parser.parse_args(argv)
    tools = ("ours",) if args.no_trafilatura else ("ours", "trafilatura")
    result = run_metadata_benchmark(args.bench_dir, tools, args.limit)
    print(result.markdown())
    for name, run in result.runs.items():
        if run.errors:
            print(f"{name}: {run.errors} pages raised", file=sys.stderr)
    if args.write_preds:
        with args.write_preds.open("w", encoding="utf-8") as out:
            for page_id, prediction in result.runs["ours"].predictions.items():
                out.write(json.dumps({"id": page_id, **prediction}, ensure_ascii=False) + "\n")
    if args.errors:
        _print_errors(result, args.bench_dir, args.errors, "ours", args.max_errors)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
