"""The product benchmark: what `article-ingest extract` emits, scored on every dev set, by half and whole.

    .venv/bin/python benchmarks/product.py                      # every dev set, ours beside trafilatura
    .venv/bin/python benchmarks/product.py --no-trafilatura --jobs 2 --save /tmp/now.json   # quick, ours only
    .venv/bin/python benchmarks/product.py --no-trafilatura --compare /tmp/before.json      # page wins / losses

Ours is `extract_article(bytes, ExtractionHints(url=...))`, the function behind `extract` and the parse Lambda: a
refused page is an empty body and no metadata, as a subscriber sees it. trafilatura 2.3.1 is `extract` for the
body and its metadata reader (with htmldate) for the metadata, on the same bytes.

Every set is split in two halves by site (`splits.half_of`): rules are set on half A and kept only if they also
win on half B and on the other sets. Figures are printed for A, B and the whole.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import os
import sys
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import bench_data
from bench_data import set_bench_root
from splits import half_of

Prediction = dict[str, Any]
BODY_SETS = ("scrapinghub-dev", "wceb-dev")
METADATA_SET = "metadata-dev"
REFUSED_BODY_WORDS = 50  # a refused page whose truth has more words than this was a real article


@dataclass(frozen=True)
class Page:
    set_name: str
    page_id: str
    path: Path
    url: str | None


def _load_module(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise ImportError(path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_pages(set_name: str, limit: int | None = None) -> tuple[dict[str, Any], list[Page]]:
    folder = bench_data.BENCH_ROOT / set_name
    if set_name == METADATA_SET:
        truth = json.loads((folder / "ground_truth.json").read_text(encoding="utf-8"))
        html = folder / "html"
    else:
        truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
        html = folder
    ids = sorted(truth)[:limit] if limit else sorted(truth)
    return truth, [Page(set_name, i, html / f"{i}.html.gz", truth[i].get("url")) for i in ids]


# --- the tools -------------------------------------------------------------------------------------------------


def ours(data: bytes, url: str | None) -> Prediction:
    """Body and metadata of the Article `extract` emits; a refusal is an empty body and its reason."""
    from article_ingest.domain.errors import ExtractionRefused
    from article_ingest.extraction import ExtractionHints, extract_article
    from metadata_bench import metadata_prediction  # the Article has the metadata stage's field names

    try:
        article = extract_article(data, ExtractionHints(url=url))
    except ExtractionRefused as refused:
        return {"body": "", "refused": refused.reason.value}
    return {"body": article.body, **metadata_prediction(article)}


def trafilatura_tool(data: bytes, url: str | None) -> Prediction:
    """trafilatura's `extract` for the body, its metadata reader (dates by htmldate) for the rest."""
    import trafilatura

    from metadata_bench import trafilatura_predict

    body = trafilatura.extract(data, url=url, include_comments=False) or ""
    return {"body": body, **trafilatura_predict(data, url)}


TOOLS: dict[str, Callable[[bytes, str | None], Prediction]] = {"ours": ours, "trafilatura": trafilatura_tool}


def _run_one(job: tuple[str, str, str | None]) -> tuple[str, Prediction]:
    tool, path, url = job
    data = gzip.decompress(Path(path).read_bytes())
    try:
        return path, TOOLS[tool](data, url)
    except Exception as exc:  # a crash is a finding, not the end of the run
        return path, {"body": "", "refused": f"crash:{type(exc).__name__}"}


def predict(tool: str, pages: list[Page], jobs: int) -> dict[str, Prediction]:
    work = [(tool, str(page.path), page.url) for page in pages]
    if jobs > 1:
        with ProcessPoolExecutor(jobs) as pool:
            results = dict(pool.map(_run_one, work, chunksize=8))
    else:
        results = dict(map(_run_one, work))
    return {page.page_id: results[str(page.path)] for page in pages}


# --- scoring ---------------------------------------------------------------------------------------------------


def score_body(truth: dict[str, Any], preds: dict[str, Prediction], ids: list[str]) -> dict[str, float]:
    scorer = bench_data.body_scorer()
    texts = {i: truth[i]["articleBody"] for i in ids}
    result = scorer.evaluate(texts, {i: preds[i].get("body", "") for i in ids}, ids, with_bootstrap=False)
    refused_real = [i for i in ids if preds[i].get("refused") and len(texts[i].split()) > REFUSED_BODY_WORDS]
    return {
        "pages": len(ids),
        "f1": result["f1"],
        "precision": result["precision"],
        "recall": result["recall"],
        "refused": sum(1 for i in ids if preds[i].get("refused")),
        "refused_real": len(refused_real),
    }


def body_page_f1(truth: dict[str, Any], preds: dict[str, Prediction], ids: list[str]) -> dict[str, float]:
    scorer = bench_data.body_scorer()
    rows = scorer.page_scores(
        {i: truth[i]["articleBody"] for i in ids}, {i: preds[i].get("body", "") for i in ids}, ids
    )
    return {row["id"]: row["f1"] for row in rows}


METADATA_METRICS = (
    "title_relaxed",
    "authors_f1",
    "date_day",
    "date_minute",
    "language",
    "image",
    "description_f1",
    "site_name",
    "canonical_url",
)


def score_metadata(truth: dict[str, Any], preds: dict[str, Prediction], ids: list[str]) -> dict[str, float]:
    scorer = _load_module(bench_data.BENCH_ROOT / "score_metadata.py", "score_metadata")
    table = scorer.aggregate(truth, preds, ids)
    row: dict[str, float] = {"pages": len(ids)}
    for metric in METADATA_METRICS:
        if metric in table:
            row[metric] = 100 * table[metric]["accuracy"]
            row[f"{metric}_n"] = table[metric]["n"]
    row["refused"] = sum(1 for i in ids if preds[i].get("refused"))
    row["refused_real"] = sum(
        1 for i in ids if preds[i].get("refused") and truth[i].get("title") and truth[i].get("date_published")
    )
    return row


def metadata_page_scores(truth: dict[str, Any], preds: dict[str, Prediction], ids: list[str]) -> dict[str, dict]:
    scorer = _load_module(bench_data.BENCH_ROOT / "score_metadata.py", "score_metadata")
    out: dict[str, dict[str, float]] = {}
    for i in ids:
        out[i] = {name: score for name, _covered, score in scorer.score_page(truth[i], preds[i])}
    return out


def by_half(pages: list[Page]) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = {"A": [], "B": [], "all": []}
    for page in pages:
        groups[half_of(page.page_id, page.url)].append(page.page_id)
        groups["all"].append(page.page_id)
    return groups


def groups_of(set_name: str, pages: list[Page]) -> dict[str, list[str]]:
    """Halves A and B, the whole, and for wceb-dev each source dataset, over the pages loaded."""
    groups = by_half(pages)
    if set_name == "wceb-dev":
        sources = json.loads((bench_data.BENCH_ROOT / set_name / "ids-by-source.json").read_text(encoding="utf-8"))
        wanted = {p.page_id for p in pages}
        for source, ids in sources.items():
            groups[source] = [i for i in ids if i in wanted]
    return groups


# --- the run ---------------------------------------------------------------------------------------------------


def run(sets: Iterable[str], tools: list[str], jobs: int, limit: int | None) -> dict[str, Any]:
    results: dict[str, Any] = {}
    for set_name in sets:
        truth, pages = load_pages(set_name, limit)
        groups = groups_of(set_name, pages)
        scorer = score_metadata if set_name == METADATA_SET else score_body
        entry: dict[str, Any] = {"groups": {g: len(ids) for g, ids in groups.items()}, "tools": {}}
        for tool in tools:
            preds = predict(tool, pages, jobs)
            entry["tools"][tool] = {
                "scores": {group: scorer(truth, preds, ids) for group, ids in groups.items() if ids},
                "predictions": preds,
            }
        results[set_name] = entry
    return results


def table(set_name: str, entry: dict[str, Any]) -> str:
    tools = list(entry["tools"])
    groups = [g for g in entry["groups"] if entry["groups"][g]]
    lines = [f"## {set_name}"]
    if set_name == METADATA_SET:
        metrics = [*METADATA_METRICS, "refused", "refused_real"]
    else:
        metrics = ["f1", "precision", "recall", "refused", "refused_real"]
    header = "| tool | group | pages | " + " | ".join(metrics) + " |"
    lines += ["", header, "|" + "---|" * (3 + len(metrics))]
    for tool in tools:
        for group in groups:
            row = entry["tools"][tool]["scores"][group]
            cells = []
            for metric in metrics:
                value = row.get(metric)
                if value is None:
                    cells.append("—")
                elif metric in ("refused", "refused_real"):
                    cells.append(str(int(value)))
                elif set_name == METADATA_SET:
                    cells.append(f"{value:.1f}")
                else:
                    cells.append(f"{value:.4f}")
            lines.append(f"| {tool} | {group} | {row['pages']} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def compare(results: dict[str, Any], before_path: Path) -> str:
    """Per-page wins and losses of ours against a saved run, per metric and half."""
    before = json.loads(before_path.read_text(encoding="utf-8"))
    lines = ["## page changes against " + str(before_path)]
    for set_name, entry in results.items():
        if set_name not in before or "ours" not in entry["tools"]:
            continue
        truth, pages = load_pages(set_name)
        wanted = {p.page_id for p in pages if p.page_id in entry["tools"]["ours"]["predictions"]}
        pages = [p for p in pages if p.page_id in wanted]
        half = {p.page_id: half_of(p.page_id, p.url) for p in pages}
        ids = [p.page_id for p in pages]
        now, then = entry["tools"]["ours"]["predictions"], before[set_name]
        if set_name == METADATA_SET:
            new, old = metadata_page_scores(truth, now, ids), metadata_page_scores(truth, then, ids)
            for metric in METADATA_METRICS:
                changes = {"A": [0, 0], "B": [0, 0]}
                changed: list[str] = []
                for i in ids:
                    a, b = old[i].get(metric), new[i].get(metric)
                    if a is None or b is None or abs(a - b) < 1e-9:
                        continue
                    changes[half[i]][0 if b > a else 1] += 1
                    changed.append(f"{i}{'+' if b > a else '-'}")
                if changed:
                    lines.append(
                        f"{set_name} {metric}: A +{changes['A'][0]}/-{changes['A'][1]}, "
                        f"B +{changes['B'][0]}/-{changes['B'][1]}  ({' '.join(changed[:12])})"
                    )
        else:
            new, old = body_page_f1(truth, now, ids), body_page_f1(truth, then, ids)
            changes = {"A": [0, 0, 0.0], "B": [0, 0, 0.0]}
            for i in ids:
                delta = new[i] - old[i]
                if abs(delta) > 0.01:
                    changes[half[i]][0 if delta > 0 else 1] += 1
                changes[half[i]][2] += delta
            lines.append(
                f"{set_name} body F1 (pages moving > 0.01): A +{changes['A'][0]}/-{changes['A'][1]} "
                f"(sum {changes['A'][2]:+.3f}), B +{changes['B'][0]}/-{changes['B'][1]} (sum {changes['B'][2]:+.3f})"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, help="the bench folder (default: ../shared/bench beside the checkout)")
    parser.add_argument("--sets", nargs="+", default=[*BODY_SETS, METADATA_SET])
    parser.add_argument("--no-trafilatura", action="store_true")
    parser.add_argument("--jobs", type=int, default=max(1, min(2, os.cpu_count() or 1)))
    parser.add_argument("--limit", type=int)
    parser.add_argument("--save", type=Path, help="write our predictions (per set) as JSON, for --compare")
    parser.add_argument("--compare", type=Path, help="a file written by --save: per-page wins and losses")
    parser.add_argument("--json", type=Path, help="write every score as JSON")
    args = parser.parse_args(argv)
    if args.data:
        set_bench_root(args.data)
    tools = ["ours"] if args.no_trafilatura else ["ours", "trafilatura"]
    results = run(args.sets, tools, args.jobs, args.limit)
    for set_name, entry in results.items():
        print(table(set_name, entry) + "\n")
    if args.compare:
        print(compare(results, args.compare))
    if args.save:
        args.save.write_text(
            json.dumps({s: e["tools"]["ours"]["predictions"] for s, e in results.items()}, ensure_ascii=False),
            encoding="utf-8",
        )
    if args.json:
        scores = {s: {t: v["scores"] for t, v in e["tools"].items()} for s, e in results.items()}
        args.json.write_text(json.dumps(scores, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
