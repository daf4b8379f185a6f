"""Reading and printing the per-source quality report, for `article-ingest report` and `run --report`.

The read is one Query per (day, shard) of the source-stats table (`adapters/dynamodb_source_stats.py`): its cost
follows the days asked for and the sources seen, never the number of articles the deployment holds.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime, timedelta
from typing import TextIO

from article_ingest.domain.quality import QUALITY_FIELDS
from article_ingest.ports import SourceStatsStore
from article_ingest.services.quality_report import ReportWindow, ShiftPolicy, SourceReport, build_report

_RELATIVE = re.compile(r"(\d+)([hd])")
_COLUMNS = ("ready", "updated", "unchanged", "stale", "rejected")
_FIELD_HEADINGS = {
    "published_at": "date",
    "published_time": "time",
    "authors": "authors",
    "image": "image",
    "description": "descr",
    "language": "lang",
}


def since_day(text: str, now: datetime) -> date:
    """`24h`, `7d` (back from now), a date `2026-03-01`, or a datetime with an offset: the first UTC day to report."""
    relative = _RELATIVE.fullmatch(text.strip())
    if relative:
        amount, unit = int(relative[1]), relative[2]
        return (now - (timedelta(hours=amount) if unit == "h" else timedelta(days=amount))).astimezone(UTC).date()
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(f"not a duration (24h, 7d) or an ISO date: {text!r}") from None
    if moment.tzinfo is None and "T" in text:
        raise ValueError(f"a time needs its offset (e.g. {text}Z): {text!r}")
    return moment.astimezone(UTC).date() if moment.tzinfo else moment.date()


def read_report(store: SourceStatsStore, window: ReportWindow, policy: ShiftPolicy | None = None) -> list[SourceReport]:
    counts = {day: store.read_day(day) for day in window.to_read}
    return build_report(counts, window, policy)


def write_json(reports: list[SourceReport], out: TextIO, *, wrapped: bool = False) -> None:
    """One JSON line per source; `wrapped` (for `run --json --report`) puts each under a `report` key."""
    for report in reports:
        line = report.model_dump(mode="json")
        out.write(json.dumps({"report": line} if wrapped else line, ensure_ascii=False) + "\n")


def write_table(reports: list[SourceReport], window: ReportWindow, out: TextIO) -> None:
    days = f"{window.since}..{window.today}" if window.since != window.today else f"{window.today}"
    if not reports:
        out.write(f"no pages processed on {days} (UTC)\n")
        return
    width = max(len("source"), *(len(r.source_domain) for r in reports))
    headings = {name: "-" + _FIELD_HEADINGS.get(name, name) for name in QUALITY_FIELDS}
    out.write(f"{'source':<{width}}  {'pages':>5}  " + "  ".join(_COLUMNS) + "  " + "  ".join(headings.values()))
    out.write(f"  {'words':>5}  reasons / layout\n")
    for r in reports:
        outcomes = "  ".join(f"{r.outcomes.get(c, 0):>{len(c)}}" for c in _COLUMNS)
        shares = "  ".join(f"{_percent(r.missing[name]):>{max(len(h), 4)}}" for name, h in headings.items())
        words = f"{r.mean_words:>5.0f}" if r.mean_words is not None else f"{'-':>5}"
        notes = ", ".join(f"{reason} {n}" for reason, n in sorted(r.reasons.items(), key=lambda item: -item[1]))
        if r.layout_change:
            notes = "; ".join(filter(None, [notes, "LAYOUT CHANGE? " + ", ".join(r.layout_change)]))
        out.write(f"{r.source_domain:<{width}}  {r.pages:>5}  {outcomes}  {shares}  {words}  {notes}".rstrip() + "\n")
    pages = sum(r.pages for r in reports)
    baseline = window.baseline
    out.write(
        f"\n{len(reports)} source(s), {pages} page(s) on {days} (UTC); -field: share of articles without it; "
        f"layout change compares {window.today} with {baseline[0]}..{baseline[-1]}\n"
        if baseline
        else f"\n{len(reports)} source(s), {pages} page(s) on {days} (UTC); -field: share of articles without it\n"
    )


def _percent(share: float | None) -> str:
    return "-" if share is None else f"{share:.0%}"
