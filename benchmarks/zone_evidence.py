"""The counts behind `metadata/page_clock.py`: in which zone do pages write the clock times that state none?

    .venv/bin/python benchmarks/zone_evidence.py            # metadata-dev, by half

Runs the metadata stage on every metadata-dev page and prints, for half A, half B and the whole:
1. zoneless machine stamps (an ISO date-time without offset, in a meta tag, JSON-LD or a datetime attribute): on how
   many pages another source states a zone for the same clock time (to the minute) as its local time (a non-UTC
   offset), as its UTC time, or both (a stamp that states +00:00: either); and on pages with a timed truth, whether
   the truth's instant is the stamp read as UTC or as the truth's own local time;
2. American pages (where the page's clock would guess Eastern): which US zone their own stamps reveal (the
   non-UTC offsets they state, embedded posts aside), i.e. how often the Eastern guess is what the site itself says.
Counts only: read the pages of half A when a count surprises you, never those of half B.
"""

from __future__ import annotations

import argparse
import gzip
import re
import sys
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import bench_data
from article_ingest.extraction.decode import decode_html
from article_ingest.extraction.hints import ExtractionHints
from article_ingest.extraction.metadata import extract_metadata, publication
from article_ingest.extraction.metadata.date_candidates import DateCandidate
from article_ingest.extraction.metadata.dates import DateContext, parse_date
from article_ingest.extraction.tree import parse_tree
from article_ingest.settings import ExtractionSettings
from bench_data import set_bench_root
from product import METADATA_SET, _load_module, load_pages
from splits import half_of

_ZONELESS_ISO = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::\d{2})?(?:\.\d+)?\s*$")
_US_ZONES = {"America/New_York": "Eastern", "America/Chicago": "Central", "America/Denver": "Mountain",
             "America/Los_Angeles": "Pacific"}  # fmt: skip


def collect() -> list[tuple[str, str, Any, DateContext, list[DateCandidate]]]:
    truth, pages = load_pages(METADATA_SET)
    captured: list[tuple[DateContext, list[DateCandidate]]] = []
    original = publication.date_candidates

    def capturing(*args: Any, **kwargs: Any) -> list[DateCandidate]:
        captured.append((args[3], original(*args, **kwargs)))
        return captured[-1][1]

    publication.date_candidates = capturing  # type: ignore[assignment]
    settings = ExtractionSettings()
    out = []
    for page in pages:
        hints = ExtractionHints(url=page.url)
        captured.clear()
        try:
            root = parse_tree(decode_html(gzip.decompress(page.path.read_bytes()), hints, settings).text, settings)
            extract_metadata(root, hints)
        except Exception as exc:  # a refusal at decoding: the page proposes nothing
            print(f"{page.page_id}: {type(exc).__name__}", file=sys.stderr)
        if captured:
            context, candidates = captured[-1]
            wanted = truth[page.page_id].get("date_published")
            out.append((page.page_id, half_of(page.page_id, page.url), wanted, context, candidates))
    publication.date_candidates = original  # type: ignore[assignment]
    return out


def _minute(moment: datetime) -> datetime:
    return moment.replace(tzinfo=None, second=0, microsecond=0)


def zoneless_stamp_verdict(candidates: list[DateCandidate], wanted: Any, scorer: Any) -> tuple[str, str] | None:
    """(what the page's other sources say, what the truth says) about its zoneless machine stamps, or None."""
    stamps = [
        datetime(*map(int, match.groups()))
        for candidate in candidates
        if (match := _ZONELESS_ISO.match(candidate.raw or ""))
    ]
    if not stamps:
        return None
    says: set[str] = set()
    for candidate in candidates:
        stated = None if _ZONELESS_ISO.match(candidate.raw or "") else parse_date(candidate.raw, DateContext())
        if stated is None or stated.moment is None or not stated.zone_stated:
            continue
        local, utc = _minute(stated.moment), _minute(stated.moment.astimezone(UTC))
        for stamp in stamps:
            if stated.moment.utcoffset() == timedelta(0) and stamp == utc:
                says.add("+00:00 (either)")
            elif stamp == utc:
                says.add("UTC")
            elif stamp == local:
                says.add("local")
    truth_says = "no time"
    if wanted and scorer.has_time(wanted):
        kind, value = scorer.parse_date(wanted)
        truth_says = "neither"
        if kind == "aware":
            if any(stamp == _minute(value.astimezone(UTC)) for stamp in stamps):
                truth_says = "UTC"
            elif value.utcoffset() != timedelta(0) and any(stamp == _minute(value) for stamp in stamps):
                truth_says = "local"
    return " + ".join(sorted(says)) or "no other source", truth_says


def revealed_us_zone(candidates: list[DateCandidate]) -> str:
    """The US zone whose offset the page's stated, non-UTC stamps have at their instant (the most common one)."""
    zones: Counter[str] = Counter()
    for candidate in candidates:
        moment = candidate.value.moment
        if moment is None or not candidate.value.zone_stated or candidate.features.get("embedded"):
            continue
        if (offset := moment.utcoffset()) is None or offset == timedelta(0):
            continue
        names = [name for zone, name in _US_ZONES.items() if moment.astimezone(ZoneInfo(zone)).utcoffset() == offset]
        zones[names[0] if names else "not a US zone"] += 1
    return zones.most_common(1)[0][0] if zones else "none stated"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path)
    args = parser.parse_args(argv)
    if args.data:
        set_bench_root(args.data)
    scorer = _load_module(bench_data.BENCH_ROOT / "score_metadata.py", "score_metadata")
    pages = collect()
    stamps: dict[str, Counter[str]] = {"A": Counter(), "B": Counter(), "all": Counter()}
    american: dict[str, Counter[str]] = {"A": Counter(), "B": Counter(), "all": Counter()}
    for _, half, wanted, context, candidates in pages:
        if (verdict := zoneless_stamp_verdict(candidates, wanted, scorer)) is not None:
            for group in (half, "all"):
                stamps[group][f"other sources: {verdict[0]:28} truth: {verdict[1]}"] += 1
        if context.default_zone is not None:
            for group in (half, "all"):
                american[group][revealed_us_zone(candidates)] += 1
    print("1. pages with a zoneless machine stamp")
    for group, counts in stamps.items():
        print(f"  {group}")
        for key, count in sorted(counts.items(), key=lambda item: -item[1]):
            print(f"    {count:4}  {key}")
    print("2. American pages (Eastern guessed for a zoneless time): the US zone their own stamps state")
    for group, counts in american.items():
        print(f"  {group}: " + ", ".join(f"{key} {count}" for key, count in counts.most_common()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
