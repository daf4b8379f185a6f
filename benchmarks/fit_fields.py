"""Fit and check the choice weights of title, description, site name, image, language and canonical URL.

    .venv/bin/python benchmarks/fit_fields.py description            # current weights vs weights fitted on half A
    .venv/bin/python benchmarks/fit_fields.py title --l2 0.3 --show 20   # and the first 20 half-A misses

For every metadata-dev page the metadata stage runs as in `extract_article` (decode, tree, `extract_metadata`);
then the field's own candidate function proposes its candidates (the same code the package chooses from), each
labelled right or wrong with the scorer's own match function (`../shared/bench/score_metadata.py`). The weights are
fitted on half A (`fit_choice.fit`, a conditional logit) and the field's score is reported on A, B and the whole
for: the weights in the package now, the weights just fitted, and the oracle (the best candidate of each page).
This is the component view (refused pages are scored too); `benchmarks/product.py` scores what `extract` emits.
Misses are listed for half A only: half B stands for pages nobody looked at.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections import Counter
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import bench_data
from article_ingest.extraction.decode import decode_html
from article_ingest.extraction.hints import ExtractionHints
from article_ingest.extraction.metadata import extract_metadata
from article_ingest.extraction.metadata.candidates import Candidate, Weights, with_agreement
from article_ingest.extraction.metadata.jsonld import JsonLdArticle, read_jsonld
from article_ingest.extraction.metadata.meta_tags import PageTags, read_tags
from article_ingest.extraction.metadata.text import PageScan
from article_ingest.extraction.page import PageMetadata
from article_ingest.extraction.tree import HtmlElement, parse_tree
from article_ingest.settings import ExtractionSettings
from bench_data import set_bench_root
from fit_choice import Group, fit
from product import _load_module
from splits import half_of


@dataclass(frozen=True)
class PageInputs:
    page_id: str
    half: str
    truth: dict[str, Any]
    root: HtmlElement
    tags: PageTags
    ld: JsonLdArticle
    meta: PageMetadata  # what extract_metadata chose (the other fields are context: url, site name, title)


@dataclass(frozen=True)
class FieldSpec:
    truth_field: str
    candidates: Callable[[PageInputs], list[Candidate[Any]]]
    key: Callable[[Any], Hashable]
    weights: Callable[[], Weights]
    match: Callable[[Any, Any], float]  # (truth value, candidate value) -> the metric, 0..1
    right: float = 1.0  # a candidate is labelled right when its metric is at least this (and the page's best)


def _specs(scorer: Any) -> dict[str, FieldSpec]:
    from article_ingest.extraction.metadata import canonical, description, image, site_name, title

    return {
        "image": FieldSpec(
            "image",
            lambda page: image.image_candidates(page.root, page.tags, page.ld, page.meta.url or page.truth.get("url")),
            image.image_key,
            lambda: image.WEIGHTS,
            lambda truth, value: float(scorer.norm_url(truth, False) == scorer.norm_url(value, False)),
        ),
        "canonical_url": FieldSpec(
            "canonical_url",
            lambda page: canonical.canonical_candidates(page.root, page.tags, page.ld, page.truth.get("url")),
            str,
            lambda: canonical.WEIGHTS,
            lambda truth, value: float(scorer.norm_url(truth, True) == scorer.norm_url(value, True)),
        ),
        "site_name": FieldSpec(
            "site_name",
            lambda page: site_name.site_name_candidates(page.root, page.tags, page.ld, page.meta.url),
            site_name.site_key,
            lambda: site_name.WEIGHTS,
            lambda truth, value: float(scorer.norm_site(truth) == scorer.norm_site(value)),
        ),
        "title": FieldSpec(
            "title",
            lambda page: title.title_candidates(
                page.root,
                page.tags,
                page.ld,
                title.site_keys_of(page.meta.site_name, page.meta.url),
                PageScan(page.root),
            ),
            title.title_key,
            lambda: title.WEIGHTS,
            lambda truth, value: float(scorer.title_match(truth, value, True)),
        ),
        "description": FieldSpec(
            "description",
            lambda page: description.description_candidates(page.root, page.tags, page.ld),
            description.comparable,
            lambda: description.WEIGHTS,
            scorer.token_f1,
            right=0.5,
        ),
    }


def load_inputs(limit: int | None = None) -> list[PageInputs]:
    folder = bench_data.BENCH_ROOT / "metadata-dev"
    truth = json.loads((folder / "ground_truth.json").read_text(encoding="utf-8"))
    settings = ExtractionSettings()
    pages = []
    for page_id in sorted(truth)[:limit] if limit else sorted(truth):
        url = truth[page_id].get("url")
        hints = ExtractionHints(url=url)
        data = gzip.decompress((folder / "html" / f"{page_id}.html.gz").read_bytes())
        root = parse_tree(decode_html(data, hints, settings).text, settings)
        meta = extract_metadata(root, hints)
        half = half_of(page_id, url)
        pages.append(PageInputs(page_id, half, truth[page_id], root, read_tags(root), read_jsonld(root), meta))
    return pages


@dataclass(frozen=True)
class Scored:
    page: PageInputs
    candidates: list[Candidate[Any]]  # with agreement
    metrics: list[float]


def collect(spec: FieldSpec, pages: Sequence[PageInputs]) -> list[Scored]:
    out = []
    for page in pages:
        if spec.truth_field not in page.truth:
            continue
        candidates = with_agreement(spec.candidates(page), spec.key)
        metrics = [spec.match(page.truth[spec.truth_field], candidate.value) for candidate in candidates]
        out.append(Scored(page, candidates, metrics))
    return out


def groups(scored: Sequence[Scored], spec: FieldSpec) -> list[Group]:
    out = []
    for item in scored:
        best = max(item.metrics, default=0.0)
        labels = [int(m >= spec.right and m >= best - 0.02) for m in item.metrics]
        features = [candidate.feature_vector() for candidate in item.candidates]
        out.append(Group(item.page.page_id, item.page.half, list(zip(features, labels, strict=True))))
    return out


def chosen(item: Scored, weights: Mapping[str, float]) -> int | None:
    if not item.candidates:
        return None
    scores = [sum(weights.get(n, 0.0) * v for n, v in c.feature_vector().items()) for c in item.candidates]
    return max(range(len(scores)), key=lambda i: (scores[i], -i))


def metric(scored: Sequence[Scored], weights: Mapping[str, float] | None, half: str | None) -> tuple[float, int]:
    """Mean metric of the chosen (or, without weights, the best) candidate over the pages of a half."""
    items = [item for item in scored if half is None or item.page.half == half]
    total = 0.0
    for item in items:
        if weights is None:
            total += max(item.metrics, default=0.0)
        elif (index := chosen(item, weights)) is not None:
            total += item.metrics[index]
    return (100 * total / len(items) if items else 0.0), len(items)


def report(scored: Sequence[Scored], rows: dict[str, Mapping[str, float] | None]) -> str:
    lines = ["| weights | A | B | all |", "|---|---|---|---|"]
    for name, weights in rows.items():
        cells = []
        for half in ("A", "B", None):
            value, n = metric(scored, weights, half)
            cells.append(f"{value:.1f} (n={n})")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def wins_and_losses(scored: Sequence[Scored], new: Mapping[str, float], old: Mapping[str, float]) -> str:
    """Pages where the new weights choose better / worse than the old ones, per half (sources for half A)."""
    counts = {"A": [0, 0], "B": [0, 0]}
    moves: list[str] = []
    kinds: Counter[str] = Counter()
    for item in scored:
        a, b = chosen(item, old), chosen(item, new)
        if a is None or b is None or abs(item.metrics[a] - item.metrics[b]) < 1e-9:
            continue
        counts[item.page.half][0 if item.metrics[b] > item.metrics[a] else 1] += 1
        if item.page.half == "A":
            sign = "+" if item.metrics[b] > item.metrics[a] else "-"
            moves.append(f"{item.page.page_id}{sign}({item.candidates[a].source}->{item.candidates[b].source})")
        else:
            change = f"{item.candidates[a].source}->{item.candidates[b].source}"
            kinds[change] += 1 if item.metrics[b] > item.metrics[a] else -1
    summary = f"A +{counts['A'][0]}/-{counts['A'][1]}, B +{counts['B'][0]}/-{counts['B'][1]}"
    return summary + "\n  A: " + " ".join(moves) + "\n  B (net per change of source): " + str(dict(kinds))


def show_misses(scored: Sequence[Scored], spec: FieldSpec, weights: Mapping[str, float], limit: int) -> None:
    shown = 0
    for item in scored:
        if item.page.half != "A" or shown >= limit:
            continue
        index = chosen(item, weights)
        got = item.metrics[index] if index is not None else 0.0
        if got >= max(item.metrics, default=0.0) - 0.02 and got >= spec.right:
            continue
        shown += 1
        print(f"\n== {item.page.page_id} got {got:.2f} truth: {str(item.page.truth[spec.truth_field])[:160]}")
        ranked = sorted(range(len(item.candidates)), key=lambda i: -sum(
            weights.get(n, 0.0) * v for n, v in item.candidates[i].feature_vector().items()))  # fmt: skip
        for i in ranked:
            candidate = item.candidates[i]
            features = {k: round(v, 2) for k, v in candidate.features.items() if v}
            print(f"  {'*' if i == index else ' '} {item.metrics[i]:.2f} {candidate.source:22} "
                  f"{str(candidate.value)[:100]!r} {features}")  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("field")
    parser.add_argument("--data", help="the bench folder (default: ../shared/bench beside the checkout)")
    parser.add_argument("--l2", type=float, default=0.3)
    parser.add_argument("--limit", type=int)
    parser.add_argument("--show", type=int, default=0, help="list this many half-A misses of the fitted weights")
    parser.add_argument("--drop", nargs="*", default=[], help="features left out of the fit (an ablation)")
    parser.add_argument("--try", dest="trial", help="JSON weights laid over the package's, reported beside them")
    parser.add_argument("--show-current", action="store_true", help="list the misses of the package's weights")
    args = parser.parse_args(argv)
    if args.data:
        from pathlib import Path

        set_bench_root(Path(args.data))
    scorer = _load_module(bench_data.BENCH_ROOT / "score_metadata.py", "score_metadata")
    spec = _specs(scorer)[args.field]
    scored = collect(spec, load_inputs(args.limit))
    half_a = [g for g in groups(scored, spec) if g.half == "A"]
    if args.drop:
        half_a = [Group(g.page_id, g.half, [({k: v for k, v in f.items() if k not in args.drop}, label)
                                            for f, label in g.candidates]) for g in half_a]  # fmt: skip
    fitted = fit(half_a, l2=args.l2)
    rows: dict[str, Mapping[str, float] | None] = {"package": spec.weights(), "fitted on A": fitted}
    if args.trial:
        rows["trial"] = {**spec.weights(), **json.loads(args.trial)}
        print("trial vs package, pages:", wins_and_losses(scored, rows["trial"] or {}, spec.weights()))
    rows["oracle"] = None
    print(report(scored, rows))
    print("\nfitted on A:", json.dumps(fitted, sort_keys=True))
    print("fitted vs package, pages:", wins_and_losses(scored, fitted, spec.weights()))
    if args.show:
        show_misses(scored, spec, spec.weights() if args.show_current else fitted, args.show)
    return 0


if __name__ == "__main__":
    sys.exit(main())
