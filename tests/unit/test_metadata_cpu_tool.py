"""benchmarks/metadata_cpu.py's arithmetic and its output diff (no timings: speed lives in benchmarks/)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

import metadata_cpu


def test_each_page_and_stage_keeps_its_fastest_round() -> None:
    rounds = [
        {"a": {"total": 5.0, "read_byline": 2.0}, "b": {"total": 9.0}},
        {"a": {"total": 4.0, "read_byline": 2.5}, "b": {"total": 8.0, "read_byline": 1.0}},
    ]

    assert metadata_cpu.best_of(rounds) == {
        "a": {"total": 4.0, "read_byline": 2.0},
        "b": {"total": 8.0, "read_byline": 1.0},
    }


def test_a_stage_that_did_not_run_on_a_page_counts_zero_in_its_median_and_mean() -> None:
    best = {"a": {"total": 4.0, "choose_image": 1.0}, "b": {"total": 8.0}, "c": {"total": 6.0, "choose_image": 3.0}}

    summary = metadata_cpu.stage_medians(best)

    assert list(summary) == ["total", "choose_image"]
    assert summary["total"] == (6.0, 6.0)
    assert summary["choose_image"] == (1.0, pytest.approx(4 / 3))


def test_the_diff_names_every_page_and_field_that_changed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = {"metadata": {"title": "Port reopens", "authors": ["Ana Ruiz"]}, "article": {"body": "Text."}}
    changed = {"metadata": {"title": "Port reopens", "authors": []}, "refused": ["no_text", "too little", None]}
    before, after = tmp_path / "before.json", tmp_path / "after.json"
    before.write_text(json.dumps({"set/1": page, "set/2": page}), encoding="utf-8")
    after.write_text(json.dumps({"set/1": page, "set/2": changed}), encoding="utf-8")

    assert metadata_cpu.diff_outputs(before, before) == 0
    assert metadata_cpu.diff_outputs(before, after) == 1
    assert "set/2: article.body, metadata.authors, refused.*" in capsys.readouterr().out
