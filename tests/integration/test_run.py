"""`article-ingest run`: the whole pipeline on moto from `infra/template.yaml`, outcomes read from the bus."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from article_ingest.domain.events import ObjectRef
from article_ingest.local.embedded import EmbeddedPipeline
from article_ingest.local.inputs import collect_inputs
from article_ingest.local.outcomes import Status
from article_ingest.services.parse_service import ParseService

SAMPLES = Path(__file__).resolve().parents[2] / "functions" / "article_ingest" / "samples"
EXPECTED = {
    "worldwire-niger-solar-pumps.html": ("ready", None),
    "harbourline-port-strike-jsonld.html": ("ready", None),
    "morgenblatt-radwege-de.html": ("ready", None),
    "diariodelsur-sequia-riego-es.html.gz": ("ready", None),
    "hostile-png-named-html.html": ("rejected", "not_html"),
    "truncated-menu-only.html": ("rejected", "no_text"),
}

pytestmark = pytest.mark.integration


def _run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in {"AWS_PROFILE", "AWS_ENDPOINT_URL"}}
    return subprocess.run(
        [sys.executable, "-c", "import sys; from article_ingest.cli import main; sys.exit(main())", "run", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )


def test_run_on_the_samples_reports_one_outcome_per_file_and_exits_0() -> None:
    result = _run_cli("--json", str(SAMPLES))

    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    outcomes, summary = lines[:-1], lines[-1]["summary"]
    assert {o["key"]: (o["status"], o["reason"]) for o in outcomes} == EXPECTED
    assert len(outcomes) == len(EXPECTED)
    for outcome in outcomes:
        assert outcome["event_id"], outcome
        if outcome["status"] == "ready":
            assert outcome["article_id"].startswith("u-")
            assert outcome["title"]
    assert summary["inputs"] == 6
    assert summary["ready"] == 4
    assert summary["rejected"] == 2
    assert summary["undelivered"] == 0
    assert summary["duplicate_events"] == 0
    assert summary["articles_per_s"] > 0


def test_run_report_prints_one_line_per_source_between_the_outcomes_and_the_summary() -> None:
    result = _run_cli("--json", "--report", str(SAMPLES))

    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    outcomes, reports, summary = lines[:6], lines[6:-1], lines[-1]
    assert all("key" in line for line in outcomes)
    assert "summary" in summary
    by_source = {line["report"]["source_domain"]: line["report"] for line in reports}
    assert set(by_source) == {
        "worldwire.example",
        "harbourline.example",
        "morgenblatt.example",
        "diariodelsur.example",
        "(unknown)",  # the two refused samples carry no URL
    }
    assert by_source["(unknown)"]["reasons"] == {"not_html": 1, "no_text": 1}  # the menu-only page has no text
    assert by_source["worldwire.example"]["outcomes"] == {"ready": 1}
    assert set(by_source["worldwire.example"]["missing"]) == {
        "published_at",
        "published_time",
        "authors",
        "image",
        "description",
        "language",
    }


def test_an_older_copy_uploaded_after_a_newer_one_is_shown_stale(tmp_path: Path) -> None:
    page = (SAMPLES / "worldwire-niger-solar-pumps.html").read_text(encoding="utf-8")
    newer = tmp_path / "a-newer.html"
    older = tmp_path / "b-older.html"  # uploaded second (key order), but saved (fetched) first
    newer.write_text(page.replace("Tillaberi town", "Tillaberi city"), encoding="utf-8")
    older.write_text(page, encoding="utf-8")
    os.utime(newer, (1_773_489_600, 1_773_489_600))  # 2026-03-14 12:00 UTC
    os.utime(older, (1_773_478_800, 1_773_478_800))  # 2026-03-14 09:00 UTC

    with EmbeddedPipeline() as pipeline:
        report = pipeline.ingest(collect_inputs([tmp_path]))

    first, second = report.outcomes
    assert (first.key, first.status) == ("a-newer.html", Status.READY)
    assert (second.key, second.status, second.event_id) == ("b-older.html", Status.STALE, None)
    assert report.summary()["stale"] == 1
    assert report.complete


def test_an_identical_copy_under_another_key_is_unchanged_not_a_second_article(tmp_path: Path) -> None:
    page = SAMPLES / "harbourline-port-strike-jsonld.html"
    shutil.copy(page, tmp_path / "a-first.html")
    shutil.copy(page, tmp_path / "b-copy.html")

    with EmbeddedPipeline() as pipeline:
        report = pipeline.ingest(collect_inputs([tmp_path]))

    first, copy = report.outcomes
    assert (first.key, first.status) == ("a-first.html", Status.READY)
    assert (copy.key, copy.status, copy.event_id) == ("b-copy.html", Status.UNCHANGED, None)
    assert report.complete
    assert report.duplicate_events == 0


def test_a_page_the_parser_keeps_failing_on_is_undelivered_and_left_in_the_dlq(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copy(SAMPLES / "morgenblatt-radwege-de.html", tmp_path / "good.html")
    shutil.copy(SAMPLES / "worldwire-niger-solar-pumps.html", tmp_path / "poison.html")
    process = ParseService.process

    def fail_on_poison(self: ParseService, raw: ObjectRef, *args: Any, **kwargs: Any) -> Any:
        if raw.key == "poison.html":
            raise RuntimeError("injected failure")
        return process(self, raw, *args, **kwargs)

    monkeypatch.setattr(ParseService, "process", fail_on_poison)

    with EmbeddedPipeline() as pipeline:
        report = pipeline.ingest(collect_inputs([tmp_path]))

    by_key = {o.key: o for o in report.outcomes}
    assert by_key["good.html"].status is Status.READY
    assert by_key["poison.html"].status is Status.UNDELIVERED
    assert by_key["poison.html"].reason == "in the parse dead-letter queue"
    assert not report.complete
