"""How much a better story container could give: the product's body with the container forced to each candidate.

    .venv/bin/python benchmarks/container_oracle.py                 # body sets, halves A and B, whole product
    .venv/bin/python benchmarks/container_oracle.py --list 25       # and half A's pages a better choice would win

For every page, `extract_article` runs once as shipped, recording the candidates the container choice weighed: the
element it chose, up to three ancestors of it, and the eight best raw candidates by score. Then it runs once per
candidate with `best_candidate` answering that element (everything after the choice, siblings, pruning, filters,
JSON-LD and the second extractor, runs as shipped). The oracle takes, per page, the candidate whose body scores best
against the truth: a ceiling for any rule or fitted model that picks among these candidates, not a figure the
product can reach. Half A's pages may be listed; half B's are counted only (the protocol).

Corpus figures here average page precision over every page (a refused page counts as precision 0), so the base
differs slightly from `product.py`, whose precision skips pages without output; the gain is what to read.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import bench_data
from bench_data import set_bench_root
from splits import HALVES, half_of

BODY_SETS = ("scrapinghub-dev", "wceb-dev")
_ANCESTORS = 3
_RANKED = 8

Score = tuple[float, float, float]  # page precision, recall, F1
Place = tuple[int, ...]  # child indices from the root: the same element in a fresh parse of the same bytes


@dataclass(frozen=True)
class PageOracle:
    page_id: str
    set_name: str
    half: str
    shipped: Score
    best: Score
    best_is: str  # how the best candidate was found: "chosen", "ancestor 2", "rank 3", ...


def _page_score(scorer: ModuleType, truth: str, body: str) -> Score:
    tp, fp, fn, _ = scorer.page_counts(truth, body)
    precision, recall = scorer.page_precision(tp, fp, fn), scorer.page_recall(tp, fp, fn)
    return precision, recall, scorer.f1_of(precision, recall)


def _place(element: Any) -> Place:
    indices = []
    while (parent := element.getparent()) is not None:
        indices.append(parent.index(element))
        element = parent
    return tuple(reversed(indices))


def _at(root: Any, place: Place) -> Any:
    element = root
    for index in place:
        if index >= len(element):
            return None
        element = element[index]
    return element


def _oracle_page(job: tuple[str, str, str, str | None, str, str]) -> PageOracle:
    import article_ingest.extraction.body as body_stage
    from article_ingest.domain.errors import ExtractionRefused
    from article_ingest.extraction import ExtractionHints, extract_article
    from article_ingest.extraction.body import score as scoring

    set_name, page_id, path, url, truth, root = job
    set_bench_root(Path(root))
    scorer = bench_data.body_scorer()
    data = gzip.decompress(Path(path).read_bytes())
    shipped_choice = scoring.best_candidate
    candidates: dict[Place, str] = {}  # where -> how it was found (the first reason wins)

    def recording(body: Any, scores: scoring.CandidateScores) -> scoring.Candidate | None:
        chosen = shipped_choice(body, scores)
        if chosen is not None:
            candidates.setdefault(_place(chosen.element), "chosen")
            ancestor, level = chosen.element.getparent(), 1
            while ancestor is not None and ancestor.tag not in {"body", "html"} and level <= _ANCESTORS:
                candidates.setdefault(_place(ancestor), f"ancestor {level}")
                ancestor, level = ancestor.getparent(), level + 1
        for rank, (element, _score) in enumerate(scores.ranked()[:_RANKED]):
            candidates.setdefault(_place(element), f"rank {rank}")
        return chosen

    def forcing(place: Place) -> Callable[[Any, scoring.CandidateScores], scoring.Candidate | None]:
        def forced(body: Any, scores: scoring.CandidateScores) -> scoring.Candidate | None:
            element = _at(body.getroottree().getroot(), place)
            if element is None:
                return shipped_choice(body, scores)
            return scoring.Candidate(element, scores.final(element) or 0.0)

        return forced

    def body_with(choice: Callable[[Any, scoring.CandidateScores], scoring.Candidate | None]) -> str:
        body_stage.best_candidate = choice  # type: ignore[assignment]
        try:
            return extract_article(data, ExtractionHints(url=url)).body
        except ExtractionRefused:
            return ""
        finally:
            body_stage.best_candidate = shipped_choice

    shipped = _page_score(scorer, truth, body_with(recording))
    best, best_is = shipped, "chosen"
    for place, found_as in candidates.items():
        score = _page_score(scorer, truth, body_with(forcing(place)))
        if score[2] > best[2] + 1e-9:
            best, best_is = score, found_as
    return PageOracle(page_id, set_name, half_of(page_id, url), shipped, best, best_is)


def _corpus(scores: list[Score]) -> Score:
    precision = sum(s[0] for s in scores) / len(scores)
    recall = sum(s[1] for s in scores) / len(scores)
    return precision, recall, 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, help="the bench folder (default: ../shared/bench beside the checkout)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--list", type=int, default=0, help="list this many half-A pages a better choice would win")
    args = parser.parse_args(argv)
    if args.data:
        set_bench_root(args.data)

    jobs = []
    for set_name in BODY_SETS:
        folder = bench_data.BENCH_ROOT / set_name
        truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
        for page_id in sorted(truth):
            row = truth[page_id]
            jobs.append(
                (set_name, page_id, str(folder / f"{page_id}.html.gz"), row.get("url"), row["articleBody"],
                 str(bench_data.BENCH_ROOT))
            )  # fmt: skip
    with ProcessPoolExecutor(args.jobs) as pool:
        pages = list(pool.map(_oracle_page, jobs, chunksize=4))

    print("| set | half | pages | shipped P / R / F1 | oracle P / R / F1 | F1 gain | pages gaining > 0.05 |")
    print("|---|---|---|---|---|---|---|")
    for set_name in BODY_SETS:
        for half in (*HALVES, "all"):
            group = [p for p in pages if p.set_name == set_name and half in (p.half, "all")]
            shipped, best = _corpus([p.shipped for p in group]), _corpus([p.best for p in group])
            gaining = sum(1 for p in group if p.best[2] - p.shipped[2] > 0.05)
            print(
                f"| {set_name} | {half} | {len(group)} | {shipped[0]:.4f} / {shipped[1]:.4f} / {shipped[2]:.4f} "
                f"| {best[0]:.4f} / {best[1]:.4f} / {best[2]:.4f} | {best[2] - shipped[2]:+.4f} | {gaining} |"
            )
    if args.list:
        listed = sorted((p for p in pages if p.half == "A"), key=lambda p: p.shipped[2] - p.best[2])[: args.list]
        print("\nhalf A, by what a better container would win:")
        for p in listed:
            print(f"  {p.page_id}  F1 {p.shipped[2]:.2f} -> {p.best[2]:.2f}  ({p.best_is})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
