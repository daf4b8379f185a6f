"""Fit the author choice on half A of metadata-dev, check it on half B (the protocol of benchmarks/README.md).

    .venv/bin/python benchmarks/fit_authors.py                 # fit, then F1 / exact on A, B, all: shipped vs fitted
    .venv/bin/python benchmarks/fit_authors.py --ablate        # + each source and feature left out in turn
    .venv/bin/python benchmarks/fit_authors.py --oracle        # + the best any candidate could do per half

Each page with annotated authors runs the real metadata stage; the author candidates it proposes
(`author_choice.author_candidates`, same inputs as the product) are labelled with the scorer's own name sets
(`../shared/bench/score_metadata.py`): the candidates with the page's best F1 are right, and when no candidate
names anyone of the truth the "none" option is. A page the product refuses counts as no authors in the figures.
Misses are listed for half A only (`--misses`): half B is looked at through its numbers, never its pages.
"""

from __future__ import annotations

import argparse
import gzip
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import bench_data
from article_ingest.domain.errors import ExtractionRefused
from article_ingest.extraction import ExtractionHints, extract_article
from article_ingest.extraction import metadata as metadata_stage
from article_ingest.extraction.metadata import author_choice
from fit_choice import Group, fit
from product import METADATA_SET, _load_module, load_pages
from splits import half_of

NONE_FEATURES: dict[str, float] = {author_choice.NONE: 1.0}


@dataclass(frozen=True)
class Proposed:
    names: tuple[str, ...]
    source: str
    features: Mapping[str, float]  # the whole vector the weights see (bias and source one-hot included)
    f1: float


@dataclass(frozen=True)
class PageCandidates:
    page_id: str
    half: str
    truth: frozenset[str]
    refused: bool
    candidates: list[Proposed]


def collect(limit: int | None = None) -> list[PageCandidates]:
    scorer = _load_module(bench_data.BENCH_ROOT / "score_metadata.py", "score_metadata")
    truth, pages = load_pages(METADATA_SET, limit)
    captured: list[author_choice.AuthorCandidate] = []
    original = metadata_stage.choose_authors

    def capturing(*args: Any) -> None:
        captured[:] = author_choice.author_candidates(*args)
        original(*args)

    metadata_stage.choose_authors = capturing  # type: ignore[assignment]
    out: list[PageCandidates] = []
    try:
        for page in pages:
            expected = truth[page.page_id].get("authors")
            if not expected:
                continue
            wanted = scorer.author_set(expected)
            captured.clear()
            try:
                extract_article(gzip.decompress(page.path.read_bytes()), ExtractionHints(url=page.url))
                refused = False
            except ExtractionRefused:
                refused = True
            proposed = [
                Proposed(c.value, c.source, c.feature_vector(), scorer.f1(wanted, scorer.author_set(list(c.value))))
                for c in captured
            ]
            half = half_of(page.page_id, page.url)
            out.append(PageCandidates(page.page_id, half, frozenset(wanted), refused, proposed))
    finally:
        metadata_stage.choose_authors = original  # type: ignore[assignment]
    return out


def groups_of(pages: Sequence[PageCandidates], dropped: set[str]) -> list[Group]:
    groups = []
    for page in pages:
        kept = [c for c in page.candidates if c.source not in dropped]
        best = max((c.f1 for c in kept), default=0.0)
        rows = [(_kept(c.features, dropped), int(best > 0 and c.f1 == best)) for c in kept]
        rows.append((NONE_FEATURES, int(best == 0)))
        groups.append(Group(page.page_id, page.half, rows))
    return groups


def _kept(features: Mapping[str, float], dropped: set[str]) -> dict[str, float]:
    return {name: value for name, value in features.items() if name not in dropped}


def choice(page: PageCandidates, weights: Mapping[str, float], dropped: set[str]) -> Proposed | None:
    """What the product's `choose` picks: the best score (ties to the first proposed) unless "none" beats it."""
    best: tuple[float, Proposed] | None = None
    for candidate in page.candidates:
        if candidate.source in dropped:
            continue
        score = sum(weights.get(k, 0.0) * v for k, v in candidate.features.items() if k not in dropped)
        if best is None or score > best[0]:
            best = (score, candidate)
    if best is None or best[0] < weights.get(author_choice.NONE, float("-inf")):
        return None
    return best[1]


def figures(pages: Sequence[PageCandidates], weights: Mapping[str, float], dropped: set[str]) -> dict[str, str]:
    """Authors F1 and exact (in %) per half and whole, as the product emits them (a refused page names nobody)."""
    out = {}
    for group in ("A", "B", "all"):
        chosen = [p for p in pages if group in ("all", p.half)]
        f1s, exact = [], []
        for page in chosen:
            picked = None if page.refused else choice(page, weights, dropped)
            f1s.append(picked.f1 if picked else 0.0)
            exact.append(float(picked is not None and picked.f1 == 1.0))
        out[group] = f"{100 * sum(f1s) / len(chosen):.1f} / {100 * sum(exact) / len(chosen):.1f}"
    return out


def breakdown(pages: Sequence[PageCandidates], weights: Mapping[str, float], dropped: set[str]) -> dict[str, int]:
    """Kinds of misses, as counts: what to work on (the candidates, or the choice between them)."""
    counts = dict.fromkeys(("refused", "no candidate", "no candidate right", "partly right at best", "passed over"), 0)
    for page in pages:
        best = max((c.f1 for c in page.candidates), default=0.0)
        picked = choice(page, weights, dropped)
        if page.refused:
            counts["refused"] += 1
        elif not page.candidates:
            counts["no candidate"] += 1
        elif best == 0:
            counts["no candidate right"] += 1
        elif best < 1:
            counts["partly right at best"] += 1
        elif picked is None or picked.f1 < 1:
            counts["passed over"] += 1
    return counts


def oracle(pages: Sequence[PageCandidates]) -> dict[str, str]:
    out = {}
    for group in ("A", "B", "all"):
        chosen = [p for p in pages if group in ("all", p.half)]
        best = [0.0 if p.refused else max((c.f1 for c in p.candidates), default=0.0) for p in chosen]
        out[group] = f"{100 * sum(best) / len(chosen):.1f}"
    return out


def _row(name: str, values: Mapping[str, str]) -> str:
    return f"| {name} | {values['A']} | {values['B']} | {values['all']} |"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, help="the bench folder (default: ../shared/bench beside the checkout)")
    parser.add_argument("--l2", type=float, default=1.0)
    parser.add_argument("--limit", type=int)
    parser.add_argument("--drop", action="append", default=[], help="a source or feature to leave out")
    parser.add_argument("--ablate", action="store_true")
    parser.add_argument("--oracle", action="store_true")
    parser.add_argument("--breakdown", action="store_true", help="kinds of misses per half (numbers only)")
    parser.add_argument("--misses", action="store_true", help="half A pages the fitted choice gets wrong")
    args = parser.parse_args(argv)
    if args.data:
        bench_data.set_bench_root(args.data)
    pages = collect(args.limit)
    dropped = set(args.drop)
    halves = {half: sum(p.half == half for p in pages) for half in ("A", "B")}
    print(f"{len(pages)} pages with authors: A {halves['A']}, B {halves['B']}")
    groups = groups_of(pages, dropped)
    fitted = fit([g for g in groups if g.half == "A"], l2=args.l2)
    print("| authors F1 / exact | A | B | all |\n|---|---|---|---|")
    print(_row("shipped weights", figures(pages, author_choice.WEIGHTS, set())))
    print(_row(f"fitted on A (l2={args.l2})", figures(pages, fitted, dropped)))
    if args.oracle:
        print(_row("oracle (best candidate)", {k: f"{v} / -" for k, v in oracle(pages).items()}))
    if args.ablate:
        names = sorted({k for p in pages for c in p.candidates for k in c.features} - {"bias"})
        for name in names:
            without = dropped | {name.removeprefix("source=")}
            weights = fit([g for g in groups_of(pages, without) if g.half == "A"], l2=args.l2)
            print(_row(f"without {name}", figures(pages, weights, without)))
    print("\nWEIGHTS = {")
    for name, value in sorted(fitted.items(), key=lambda item: -abs(item[1])):
        print(f'    "{name}": {value},')
    print("}")
    if args.breakdown:
        for half in ("A", "B"):
            print(half, breakdown([p for p in pages if p.half == half], fitted, dropped))
    if args.misses:
        for page in pages:
            picked = None if page.refused else choice(page, fitted, dropped)
            if page.half == "A" and (picked is None or picked.f1 < 1.0):
                print(f"\n{page.page_id} truth={sorted(page.truth)} refused={page.refused}")
                for c in page.candidates:
                    mark = "*" if c is picked else " "
                    print(f"  {mark} {c.f1:.2f} {c.source:12} {list(c.names)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
