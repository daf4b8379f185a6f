"""The per-source quality report, pure: day counts in, one summary per source out, with the layout-change flag.

A source is flagged "layout change?" when its rejection rate or its missing-date rate on the last day (the current
UTC day) moved far from its own baseline (the days before it): far enough in absolute terms (`min_shift`) and
unlikely to be chance at those page counts (a two-proportion z-test, `min_z`). Too few pages on either side and
nothing is judged: a quiet source cannot be told apart from a broken one.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from pydantic import BaseModel, ConfigDict

from article_ingest.domain.quality import QUALITY_FIELDS, SourceCounts

DayCounts = Mapping[date, Mapping[str, SourceCounts]]  # day -> source domain -> counts


@dataclass(frozen=True)
class ShiftPolicy:
    min_recent_pages: int = 20  # pages (or articles, for the date rate) on the last day
    min_baseline_pages: int = 50  # the same over the baseline days
    min_shift: float = 0.2  # absolute change of the rate, e.g. 5% -> 25%
    min_z: float = 3.0  # two-proportion z statistic


@dataclass(frozen=True)
class ReportWindow:
    """Whole UTC days: the report sums `since`..`today`; the flag compares `today` with the baseline days before."""

    today: date
    since: date
    baseline_days: int = 14

    def __post_init__(self) -> None:
        if self.since > self.today:
            raise ValueError(f"since {self.since} is after today {self.today}")

    @property
    def days(self) -> list[date]:
        return _days(self.since, self.today)

    @property
    def baseline(self) -> list[date]:
        return _days(self.today - timedelta(days=self.baseline_days), self.today - timedelta(days=1))

    @property
    def to_read(self) -> list[date]:
        return sorted(set(self.days) | set(self.baseline))


class SourceReport(BaseModel):
    """One source over the window: the `--json` line of `article-ingest report`."""

    model_config = ConfigDict(frozen=True)

    source_domain: str
    pages: int
    outcomes: dict[str, int]
    reasons: dict[str, int]
    missing: dict[str, float | None]  # quality field -> share of the source's articles without it
    mean_words: float | None
    layout_change: list[str]  # why the source is flagged; empty when it is not


def build_report(counts: DayCounts, window: ReportWindow, policy: ShiftPolicy | None = None) -> list[SourceReport]:
    """One report per source seen in the window, most pages first."""
    policy = policy or ShiftPolicy()
    in_window = _sum_by_source(counts, window.days)
    recent = _sum_by_source(counts, [window.today])
    baseline = _sum_by_source(counts, window.baseline)
    reports = [
        _report(source, total, layout_change(recent.get(source), baseline.get(source), policy))
        for source, total in in_window.items()
    ]
    return sorted(reports, key=lambda report: (-report.pages, report.source_domain))


def layout_change(recent: SourceCounts | None, baseline: SourceCounts | None, policy: ShiftPolicy) -> list[str]:
    if recent is None or baseline is None:
        return []
    rates: tuple[tuple[str, Callable[[SourceCounts], tuple[int, int]]], ...] = (
        ("rejections", lambda c: (c.outcomes.get("rejected", 0), c.pages)),
        ("missing date", lambda c: (c.missing.get("published_at", 0), c.articles)),
    )
    reasons = []
    for name, of in rates:
        (hits_now, n_now), (hits_before, n_before) = of(recent), of(baseline)
        if n_now < policy.min_recent_pages or n_before < policy.min_baseline_pages:
            continue
        now, before = hits_now / n_now, hits_before / n_before
        if abs(now - before) >= policy.min_shift and _z(hits_now, n_now, hits_before, n_before) >= policy.min_z:
            reasons.append(f"{name} {now:.0%} (baseline {before:.0%})")
    return reasons


def _z(hits_a: int, n_a: int, hits_b: int, n_b: int) -> float:
    pooled = (hits_a + hits_b) / (n_a + n_b)
    spread = math.sqrt(pooled * (1 - pooled) * (1 / n_a + 1 / n_b))
    return abs(hits_a / n_a - hits_b / n_b) / spread if spread else 0.0


def _report(source: str, total: SourceCounts, flags: list[str]) -> SourceReport:
    return SourceReport(
        source_domain=source,
        pages=total.pages,
        outcomes=dict(total.outcomes),
        reasons=dict(total.reasons),
        missing={name: _rounded(total.missing_share(name)) for name in QUALITY_FIELDS},
        mean_words=_rounded(total.words / total.articles if total.articles else None, 1),
        layout_change=flags,
    )


def _rounded(value: float | None, digits: int = 4) -> float | None:
    return None if value is None else round(value, digits)


def _sum_by_source(counts: DayCounts, days: list[date]) -> dict[str, SourceCounts]:
    sums: dict[str, SourceCounts] = {}
    for day in days:
        for source, day_counts in counts.get(day, {}).items():
            sums[source] = sums.get(source, SourceCounts()) + day_counts
    return sums


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]
