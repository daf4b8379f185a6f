"""Fit and check the published-date choice (`metadata/publication.py`) on metadata-dev, by half.

    .venv/bin/python benchmarks/fit_dates.py                  # fit on half A, accuracy on A, B and all
    .venv/bin/python benchmarks/fit_dates.py --cache /tmp/dates.pkl   # reuse the collected candidates

Runs the metadata stage on every page with a published date in its truth, collects the candidates
`date_candidates` proposes (with their agreement), labels each with the scorer's own day match, fits a
conditional logit on half A (`fit_choice.fit`) and prints, for the fitted and the package's weights:
- `pick`: share of pages whose best-scoring candidate has the right day (fit_choice.accuracy);
- `day` / `minute`: what `choose_published` (the pick, refined with a same-day time) scores with the scorer;
- `oracle`: share of pages with at least one right candidate (the ceiling of any choice).
The metadata stage runs on every page, refused or not: `product.py` gives the figures of what `extract` emits.
Paste the fitted weights into `PUBLISHED_WEIGHTS` only if they also win on half B.
"""

from __future__ import annotations

import argparse
import gzip
import json
import pickle
import sys
from datetime import date
from pathlib import Path
from typing import Any

import bench_data
from article_ingest.extraction.decode import decode_html
from article_ingest.extraction.hints import ExtractionHints
from article_ingest.extraction.metadata import extract_metadata, publication
from article_ingest.extraction.metadata.candidates import Weights, with_agreement
from article_ingest.extraction.metadata.date_candidates import DateCandidate
from article_ingest.extraction.metadata.dates import ParsedDate
from article_ingest.extraction.tree import parse_tree
from article_ingest.settings import ExtractionSettings
from bench_data import set_bench_root
from fit_choice import Group, accuracy, fit
from product import METADATA_SET, _load_module, load_pages
from splits import half_of

Page = tuple[str, str, str, list[DateCandidate]]  # id, half, truth, candidates


def _day(value: ParsedDate) -> date:
    return value.day


def collect() -> list[Page]:
    truth, pages = load_pages(METADATA_SET)
    captured: list[list[DateCandidate]] = []
    original = publication.date_candidates

    def capturing(*args: Any, **kwargs: Any) -> list[DateCandidate]:
        captured.append(original(*args, **kwargs))
        return captured[-1]

    publication.date_candidates = capturing  # type: ignore[assignment]
    settings = ExtractionSettings()
    out: list[Page] = []
    for page in pages:
        wanted = truth[page.page_id].get("date_published")
        if not wanted:
            continue
        hints = ExtractionHints(url=page.url)
        captured.clear()
        try:
            root = parse_tree(decode_html(gzip.decompress(page.path.read_bytes()), hints, settings).text, settings)
            extract_metadata(root, hints)
        except Exception as exc:  # a refusal at decoding: the page proposes nothing
            print(f"{page.page_id}: {type(exc).__name__}", file=sys.stderr)
        candidates = captured[-1] if captured else []
        out.append((page.page_id, half_of(page.page_id, page.url), wanted, candidates))
    publication.date_candidates = original  # type: ignore[assignment]
    return out


def groups(pages: list[Page], scorer: Any) -> list[Group]:
    return [
        Group(
            page_id,
            half,
            [
                (c.feature_vector(), int(bool(scorer.date_day_match(wanted, c.value.iso))))
                for c in with_agreement(candidates, _day)
            ],
        )
        for page_id, half, wanted, candidates in pages
    ]


def product_scores(pages: list[Page], scorer: Any, weights: Weights) -> dict[str, float]:
    day = minute = timed = 0
    for _, _, wanted, candidates in pages:
        chosen = publication.choose_published(candidates, weights)
        value = chosen.value.iso if chosen else None
        day += bool(value and scorer.date_day_match(wanted, value))
        if scorer.has_time(wanted):
            timed += 1
            minute += bool(value and scorer.date_minute_match(wanted, value))
    return {"day": 100 * day / max(1, len(pages)), "minute": 100 * minute / max(1, timed), "timed": timed}


def report(name: str, pages: list[Page], all_groups: list[Group], scorer: Any, weights: Weights) -> None:
    for half in ("A", "B", "all"):
        chosen = [g for g in all_groups if half in ("all", g.half)]
        subset = [p for p in pages if half in ("all", p[1])]
        oracle = 100 * sum(any(label for _, label in g.candidates) for g in chosen) / max(1, len(chosen))
        scores = product_scores(subset, scorer, weights)
        print(
            f"{name:8} {half:3} pages {len(chosen):3}  oracle {oracle:5.1f}"
            f"  pick {100 * accuracy(weights, chosen):5.1f}"
            f"  day {scores['day']:5.1f}  minute {scores['minute']:5.1f} (of {scores['timed']})"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path)
    parser.add_argument("--cache", type=Path, help="pickle of the collected candidates (written if missing)")
    parser.add_argument("--l2", type=float, default=0.1)
    parser.add_argument("--steps", type=int, default=3000)
    parser.add_argument("--json", type=Path, help="write the fitted weights as JSON")
    args = parser.parse_args(argv)
    if args.data:
        set_bench_root(args.data)
    if args.cache and args.cache.exists():
        pages = pickle.loads(args.cache.read_bytes())
    else:
        pages = collect()
        if args.cache:
            args.cache.write_bytes(pickle.dumps(pages))
    scorer = _load_module(bench_data.BENCH_ROOT / "score_metadata.py", "score_metadata")
    all_groups = groups(pages, scorer)
    fitted = fit([g for g in all_groups if g.half == "A"], l2=args.l2, steps=args.steps)
    report("package", pages, all_groups, scorer, publication.PUBLISHED_WEIGHTS)
    report("fitted", pages, all_groups, scorer, fitted)
    print(json.dumps(dict(sorted(fitted.items(), key=lambda item: -abs(item[1])))))
    if args.json:
        args.json.write_text(json.dumps(fitted, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
