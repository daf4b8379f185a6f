"""Published days on pages no date rule was set on: the product's day beside htmldate's, on the body sets.

    .venv/bin/python benchmarks/date_agreement.py                 # wceb-dev, counts by half and dataset
    .venv/bin/python benchmarks/date_agreement.py --list A        # and half A's disagreements, to judge by hand

The body sets (wceb-dev, scrapinghub-dev) have no date truth, and no date rule was ever set on them, so they are
unseen pages for the date. htmldate (maintained; `find_date`, original date, extensive search) is not a truth
either: this is a proxy that finds classes of pages where we give no date or another day (a 2007 news template
whose one date is a "Last Updated" line; a masthead showing the day the page was served). Every change is judged
by hand on half A pages and then counted on half B, like any rule (benchmarks/README.md, the protocol).
What is compared is `extract_article`'s `published_at` (a refused page has none).
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import bench_data
from splits import half_of

_SOURCES = "ids-by-source.json"


def _days(job: tuple[str, str | None]) -> tuple[str, str | None, str | None]:
    """(path, our day, htmldate's day) for one page."""
    from htmldate import find_date

    from article_ingest.domain.errors import ExtractionRefused
    from article_ingest.extraction import ExtractionHints, extract_article

    path, url = job
    data = gzip.decompress(Path(path).read_bytes())
    try:
        published = extract_article(data, ExtractionHints(url=url)).published_at
    except ExtractionRefused:
        published = None
    try:
        theirs = find_date(data, url=url, original_date=True, extensive_search=True)
    except Exception:  # htmldate raises on some broken pages: no date from it
        theirs = None
    return path, published[:10] if published else None, theirs


def verdict(ours: str | None, theirs: str | None) -> str:
    if ours and theirs:
        return "agree" if ours == theirs else "differ"
    return f"{'ours' if ours else 'none'}/{'theirs' if theirs else 'none'}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", default="wceb-dev")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--list", choices=("A", "B"), help="print this half's pages where the days differ")
    args = parser.parse_args(argv)
    folder = bench_data.BENCH_ROOT / args.set
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    sources = json.loads((folder / _SOURCES).read_text(encoding="utf-8")) if (folder / _SOURCES).exists() else {}
    dataset = {page_id: name for name, ids in sources.items() for page_id in ids}
    ids = sorted(truth)
    jobs = [(str(folder / f"{page_id}.html.gz"), truth[page_id].get("url")) for page_id in ids]
    with ProcessPoolExecutor(args.jobs) as pool:
        found = {path: (ours, theirs) for path, ours, theirs in pool.map(_days, jobs, chunksize=16)}
    counts: Counter[tuple[str, str, str]] = Counter()
    listed = []
    for page_id, (path, url) in zip(ids, jobs, strict=True):
        ours, theirs = found[path]
        half, kind = half_of(page_id, url), verdict(ours, theirs)
        counts[(half, dataset.get(page_id, args.set), kind)] += 1
        if half == args.list and kind in ("differ", "none/theirs"):
            listed.append(f"{page_id}  ours {ours}  htmldate {theirs}  {url or ''}")
    kinds = ("agree", "differ", "none/theirs", "ours/none", "none/none")
    print(f"## {args.set}: our published day beside htmldate's (pages)\n")
    print("| half | dataset | " + " | ".join(kinds) + " |")
    print("|---|---|" + "---|" * len(kinds))
    for half, name in sorted({(half, name) for half, name, _ in counts}):
        print(f"| {half} | {name} | " + " | ".join(str(counts[(half, name, kind)]) for kind in kinds) + " |")
    if listed:
        print("\n" + "\n".join(listed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
