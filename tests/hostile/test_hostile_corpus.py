"""Every hostile or broken input ends as a safe Article or a refusal with its specific reason; never a crash."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from article_ingest.domain.errors import ExtractionRefused
from article_ingest.extraction import extract_article
from tests.hostile.corpus import ARTICLE, CASES, HostileCase
from tests.hostile.limits import parse_function_limits
from tests.hostile.safety import assert_safe

REPO = Path(__file__).resolve().parents[2]
LIGHT = [pytest.param(case, id=case.name) for case in CASES if not case.heavy]
HEAVY = [pytest.param(case, id=case.name) for case in CASES if case.heavy]


def test_corpus_covers_the_issue_with_forty_cases_or_more() -> None:
    assert len(CASES) >= 40
    assert len({case.name for case in CASES}) == len(CASES)
    assert {case.expected for case in CASES} >= {ARTICLE, *{"empty", "too_large", "not_html", "too_complex"}}


@pytest.mark.parametrize("case", LIGHT)
def test_hostile_input_ends_in_its_expected_outcome(case: HostileCase) -> None:
    data = case.build()
    if case.expected == ARTICLE:
        article = extract_article(data, case.hints)
        assert_safe(article)
        missing = [marker for marker in case.markers if marker not in article.body]
        assert not missing, f"story text lost: {missing}"
        if case.check is not None:
            case.check(article)
    else:
        with pytest.raises(ExtractionRefused) as refused:
            extract_article(data, case.hints)
        assert refused.value.reason == case.expected, refused.value.message


@pytest.mark.parametrize("case", HEAVY)
def test_big_hostile_input_stays_within_the_parse_function_memory(case: HostileCase) -> None:
    limits = parse_function_limits()
    # The timeout only stops a hang from stalling the suite; the function's own timeout is the bound we mean.
    completed = subprocess.run(
        [sys.executable, "-m", "tests.hostile.measure", case.name],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=limits.timeout_s,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    result = json.loads(completed.stdout)
    assert result["outcome"] == case.expected, result
    assert result["peak_rss_mb"] < limits.memory_mb, result
    if case.expected == ARTICLE:
        assert result["violations"] == [], result
        assert result["markers_missing"] == [], result
        assert "check_failed" not in result, result
