"""Metadata on pages no metadata rule was set on: wceb-dev's 1,163 body-benchmark pages, by half and dataset.

    .venv/bin/python benchmarks/unseen_metadata.py                # counts by half and dataset
    .venv/bin/python benchmarks/unseen_metadata.py --list A       # and half A's misses, to judge by hand

wceb-dev has no metadata truth, and no metadata rule was ever set on it, so its pages (2005-2012 news, blogs and
arbitrary web pages) are unseen for the metadata. Two proxies, both on what `extract_article` emits:
- the published day beside htmldate's (`find_date`, original date, extensive search), which is not a truth either:
  it finds classes of pages where we give no date or another day (a 2007 news template whose one date is a "Last
  Updated" line; a masthead showing the day the page was served);
- the title against the first line of the truth on the datasets whose truth opens with the headline (L3S-GN1,
  Dragnet; README of wceb-dev): `relaxed` is the metadata scorer's relaxed match, `opens` also counts a title of
  15+ characters the first line starts with (a first line that runs on into the story);
- the authors against the same truths (they keep the byline): `in truth` counts pages whose every author we give
  is written in the truth, `not in truth` pages with an author that is not (a menu word, a commenter, or a byline
  the annotators left out), `missed` pages where we give none but the truth holds a "By Name" line;
- the language: pages given none (the sets are almost all English: a missing language is a miss).
Every change is judged by hand on half A pages and then counted on half B, like any rule (benchmarks/README.md).
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import bench_data
from product import _load_module as load_module
from splits import half_of

_SOURCES = "ids-by-source.json"


def _read(job: tuple[str, str | None]) -> tuple[str, str | None, str | None, str | None, list[str], str | None]:
    """(path, our day, htmldate's day, our title, our authors, our language) for one page."""
    from htmldate import find_date

    from article_ingest.domain.errors import ExtractionRefused
    from article_ingest.extraction import ExtractionHints, extract_article

    path, url = job
    data = gzip.decompress(Path(path).read_bytes())
    try:
        article = extract_article(data, ExtractionHints(url=url))
        published, title, authors, language = article.published_at, article.title, article.authors, article.language
    except ExtractionRefused:
        published, title, authors, language = None, None, [], None
    try:
        theirs = find_date(data, url=url, original_date=True, extensive_search=True)
    except Exception:  # htmldate raises on some broken pages: no date from it
        theirs = None
    return path, published[:10] if published else None, theirs, title, authors, language


def verdict(ours: str | None, theirs: str | None) -> str:
    if ours and theirs:
        return "agree" if ours == theirs else "differ"
    return f"{'ours' if ours else 'none'}/{'theirs' if theirs else 'none'}"


def title_verdicts(truth_text: str, title: str | None, scorer: Any) -> tuple[bool, bool]:
    """(relaxed match, or the truth's first line opens with it) of our title against the truth's first line."""
    first = " ".join(next((line for line in truth_text.splitlines() if line.strip()), "").split())
    relaxed = bool(scorer.title_match(first, title, True))
    opens = relaxed or (
        len(title or "") >= _MIN_OPENING and scorer.norm_text(first).startswith(scorer.norm_text(title))
    )
    return relaxed, opens


def author_verdict(truth_text: str, authors: list[str]) -> str:
    """Whether every author we give is written in the truth, or we give none though it holds a byline."""
    if not authors:
        return "missed" if _BYLINE_RE.search(truth_text[:600]) or _BYLINE_RE.search(truth_text[-400:]) else "none"
    written = _letters(truth_text)
    return "in truth" if all(_letters(name) in written for name in authors) else "not in truth"


def _letters(text: str) -> str:
    return " " + " ".join(re.findall(r"\w+", text.casefold())) + " "


_BYLINE_RE = re.compile(r"(?:^|\s)(?:[Bb]y|BY|Posted by|Written [Bb]y:?)\s+[A-Z][\w.'-]+\s+[A-Z][\w.'-]+")
_MIN_OPENING = 15
_HEADLINE_FIRST = ("l3s-gn1", "dragnet")  # datasets whose truth opens with the headline


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
        found = {path: rest for path, *rest in pool.map(_read, jobs, chunksize=16)}
    scorer = load_module(bench_data.BENCH_ROOT / "score_metadata.py", "score_metadata")
    counts: Counter[tuple[str, str, str]] = Counter()
    titles: Counter[tuple[str, str, str]] = Counter()
    bylines: Counter[tuple[str, str, str]] = Counter()
    languages: Counter[tuple[str, str, str]] = Counter()
    listed, missed_titles = [], []
    for page_id, (path, url) in zip(ids, jobs, strict=True):
        ours, theirs, title, authors, language = found[path]
        languages[(half_of(page_id, url), dataset.get(page_id, args.set), "none" if language is None else "given")] += 1
        half, kind, name = half_of(page_id, url), verdict(ours, theirs), dataset.get(page_id, args.set)
        counts[(half, name, kind)] += 1
        if half == args.list and kind in ("differ", "none/theirs"):
            listed.append(f"{page_id}  ours {ours}  htmldate {theirs}  {url or ''}")
        if name in _HEADLINE_FIRST:
            relaxed, opens = title_verdicts(truth[page_id]["articleBody"], title, scorer)
            titles[(half, name, "pages")] += 1
            titles[(half, name, "relaxed")] += relaxed
            titles[(half, name, "opens")] += opens
            if half == args.list and not opens:
                missed_titles.append(f"{page_id}  ours {title!r}  {url or ''}")
            bylines[(half, name, author_verdict(truth[page_id]["articleBody"], authors))] += 1
    kinds = ("agree", "differ", "none/theirs", "ours/none", "none/none")
    print(f"## {args.set}: our published day beside htmldate's (pages)\n")
    print("| half | dataset | " + " | ".join(kinds) + " |")
    print("|---|---|" + "---|" * len(kinds))
    for half, name in sorted({(half, name) for half, name, _ in counts}):
        print(f"| {half} | {name} | " + " | ".join(str(counts[(half, name, kind)]) for kind in kinds) + " |")
    if titles:
        print(f"\n## {args.set}: our title against the truth's first line (pages)\n")
        print("| half | dataset | pages | relaxed | opens |")
        print("|---|---|---|---|---|")
        for half, name in sorted({(half, name) for half, name, _ in titles}):
            row = [titles[(half, name, key)] for key in ("pages", "relaxed", "opens")]
            print(f"| {half} | {name} | " + " | ".join(map(str, row)) + " |")
    if bylines:
        kinds = ("in truth", "not in truth", "missed", "none")
        print(f"\n## {args.set}: our authors against the truth (pages)\n")
        print("| half | dataset | " + " | ".join(kinds) + " |")
        print("|---|---|" + "---|" * len(kinds))
        for half, name in sorted({(half, name) for half, name, _ in bylines}):
            print(f"| {half} | {name} | " + " | ".join(str(bylines[(half, name, kind)]) for kind in kinds) + " |")
    print(f"\n## {args.set}: pages given no language\n")
    print("| half | dataset | none | given |")
    print("|---|---|---|---|")
    for half, name in sorted({(half, name) for half, name, _ in languages}):
        print(f"| {half} | {name} | {languages[(half, name, 'none')]} | {languages[(half, name, 'given')]} |")
    for heading, lines in (("days that differ", listed), ("titles missed", missed_titles)):
        if lines:
            print(f"\n### half {args.list}: {heading}\n" + "\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
