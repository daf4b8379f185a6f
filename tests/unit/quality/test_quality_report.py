"""The per-source report: sums over the window, and the layout-change flag against a source's own baseline."""

from __future__ import annotations

import io
import json
from datetime import UTC, date, datetime, timedelta

import pytest

from article_ingest.domain.quality import QUALITY_FIELDS, SourceCounts
from article_ingest.ops.report import since_day, write_json, write_table
from article_ingest.services.quality_report import ReportWindow, ShiftPolicy, build_report, layout_change

TODAY = date(2026, 3, 14)
ALL_FOUND = dict.fromkeys(QUALITY_FIELDS, True)
NO_DATE = {**ALL_FOUND, "published_at": False, "published_time": False}


def _pages(ready: int = 0, rejected: int = 0, undated: int = 0) -> SourceCounts:
    total = SourceCounts()
    for _ in range(ready):
        total += SourceCounts.of_record("ready", None, ALL_FOUND, 100)
    for _ in range(undated):
        total += SourceCounts.of_record("ready", None, NO_DATE, 100)
    for _ in range(rejected):
        total += SourceCounts.of_record("rejected", "no_text", None, None)
    return total


def _history(today: SourceCounts, per_day: SourceCounts, days: int = 14) -> dict[date, dict[str, SourceCounts]]:
    counts = {TODAY - timedelta(days=n): {"a.example": per_day} for n in range(1, days + 1)}
    counts[TODAY] = {"a.example": today}
    return counts


def test_the_report_sums_the_window_per_source_most_pages_first() -> None:
    counts = {
        TODAY: {"a.example": _pages(ready=2, rejected=1), "b.example": _pages(ready=4, undated=1)},
        TODAY - timedelta(days=1): {"a.example": _pages(ready=3)},
        TODAY - timedelta(days=9): {"a.example": _pages(ready=50)},  # outside a 7-day window
    }

    reports = build_report(counts, ReportWindow(today=TODAY, since=TODAY - timedelta(days=6)))

    assert [(r.source_domain, r.pages) for r in reports] == [("a.example", 6), ("b.example", 5)]
    a, b = reports
    assert (a.outcomes, a.reasons) == ({"ready": 5, "rejected": 1}, {"no_text": 1})
    assert a.missing == dict.fromkeys(QUALITY_FIELDS, 0.0)
    assert (b.missing["published_at"], b.missing["authors"], b.mean_words) == (0.2, 0.0, 100.0)
    assert set(json.loads(a.model_dump_json())) >= {"source_domain", "pages", "outcomes", "reasons", "missing"}


def test_a_jump_in_rejections_against_the_sources_own_baseline_is_flagged() -> None:
    counts = _history(today=_pages(ready=10, rejected=20), per_day=_pages(ready=19, rejected=1))

    [report] = build_report(counts, ReportWindow(today=TODAY, since=TODAY))

    assert report.layout_change == ["rejections 67% (baseline 5%)"]


def test_dates_suddenly_missing_are_flagged() -> None:
    counts = _history(today=_pages(ready=5, undated=25), per_day=_pages(ready=20))

    [report] = build_report(counts, ReportWindow(today=TODAY, since=TODAY))

    assert report.layout_change == ["missing date 83% (baseline 0%)"]


@pytest.mark.parametrize(
    ("today", "per_day", "days"),
    [
        (_pages(ready=19, rejected=1), _pages(ready=19, rejected=1), 14),  # as usual
        (_pages(ready=4, rejected=6), _pages(ready=19, rejected=1), 14),  # too few pages today to judge
        (_pages(ready=10, rejected=20), _pages(ready=19, rejected=1), 2),  # too little history to judge
        (_pages(ready=60, rejected=40), _pages(ready=60, rejected=40), 14),  # always refuses many: its normal
        (_pages(ready=85, rejected=15), _pages(ready=95, rejected=5), 14),  # a shift below min_shift
    ],
)
def test_ordinary_variation_and_thin_evidence_are_not_flagged(
    today: SourceCounts, per_day: SourceCounts, days: int
) -> None:
    [report] = build_report(_history(today, per_day, days), ReportWindow(today=TODAY, since=TODAY))
    assert report.layout_change == []


def test_a_source_new_today_has_no_baseline_and_no_flag() -> None:
    assert layout_change(_pages(rejected=50), None, ShiftPolicy()) == []


def test_the_window_covers_whole_utc_days_and_the_baseline_precedes_today() -> None:
    window = ReportWindow(today=TODAY, since=TODAY - timedelta(days=2), baseline_days=3)
    assert window.days == [date(2026, 3, 12), date(2026, 3, 13), TODAY]
    assert window.baseline == [date(2026, 3, 11), date(2026, 3, 12), date(2026, 3, 13)]
    assert window.to_read == [date(2026, 3, 11), date(2026, 3, 12), date(2026, 3, 13), TODAY]
    with pytest.raises(ValueError, match="after today"):
        ReportWindow(today=TODAY, since=TODAY + timedelta(days=1))


NOW = datetime(2026, 3, 14, 1, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("24h", date(2026, 3, 13)),
        ("7d", date(2026, 3, 7)),
        ("0d", TODAY),
        ("2026-03-01", date(2026, 3, 1)),
        ("2026-03-01T23:30:00-02:00", date(2026, 3, 2)),  # an offset: its UTC day
    ],
)
def test_since_takes_a_duration_or_a_date(text: str, day: date) -> None:
    assert since_day(text, NOW) == day


@pytest.mark.parametrize("text", ["yesterday", "7w", "2026-03-01T10:00:00"])
def test_since_refuses_what_it_cannot_place_in_utc(text: str) -> None:
    with pytest.raises(ValueError, match=r"duration|offset"):
        since_day(text, NOW)


def test_json_lines_are_one_per_source_and_wrapped_for_run() -> None:
    reports = build_report(
        {TODAY: {"a.example": _pages(ready=1), "b.example": _pages(rejected=1)}}, ReportWindow(TODAY, TODAY)
    )
    plain, wrapped = io.StringIO(), io.StringIO()

    write_json(reports, plain)
    write_json(reports, wrapped, wrapped=True)

    lines = [json.loads(line) for line in plain.getvalue().splitlines()]
    assert [line["source_domain"] for line in lines] == ["a.example", "b.example"]
    assert lines[1]["missing"] == dict.fromkeys(QUALITY_FIELDS)  # no article: no share
    assert [json.loads(line) for line in wrapped.getvalue().splitlines()] == [{"report": line} for line in lines]


def test_the_table_shows_reasons_and_the_flag_beside_the_source() -> None:
    counts = _history(today=_pages(ready=10, rejected=20), per_day=_pages(ready=19, rejected=1))
    window = ReportWindow(today=TODAY, since=TODAY - timedelta(days=1))
    out = io.StringIO()

    write_table(build_report(counts, window), window, out)

    header, row, _, footer = out.getvalue().splitlines()
    assert header.split()[:7] == ["source", "pages", "ready", "updated", "unchanged", "stale", "rejected"]
    assert row.split()[:7] == ["a.example", "50", "29", "0", "0", "0", "21"]
    assert row.endswith("no_text 21; LAYOUT CHANGE? rejections 67% (baseline 5%)")
    assert footer.startswith("1 source(s), 50 page(s) on 2026-03-13..2026-03-14 (UTC)")


def test_an_empty_window_says_so() -> None:
    out = io.StringIO()
    write_table([], ReportWindow(TODAY, TODAY), out)
    assert out.getvalue() == "no pages processed on 2026-03-14 (UTC)\n"
