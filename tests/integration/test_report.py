"""`article-ingest report` on a stack deployed from the template into moto: counts the parse function wrote.

The command runs in its AWS mode (`--stack`, `--region`): inside `mock_aws` its boto3 calls reach moto.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from aws_lambda_powertools.logging.formatter import LambdaPowertoolsFormatter

from article_ingest.adapters.dynamodb_source_stats import DynamoDBSourceStats
from article_ingest.cli import main
from article_ingest.domain.quality import QUALITY_FIELDS, SourceCounts
from article_ingest.local import LocalStack
from tests.integration.conftest import REGION, seed_html

pytestmark = pytest.mark.integration
EVENTS = Path(__file__).resolve().parents[2] / "events"
SEED_DOMAIN = "devdiscourse.com"
NEWER = seed_html().replace(b"three senior Malian officials", b"four senior Malian officials")
APP_SHELL = b"<html><head><title>App</title></head><body><div id='root'></div></body></html>"


def _put(stack: LocalStack, key: str, body: bytes, **metadata: str) -> None:
    stack.client("s3").put_object(Bucket=stack.resources.raw_bucket, Key=key, Body=body, Metadata=metadata)


def _report(capsys: pytest.CaptureFixture[str], *args: str) -> list[dict[str, Any]]:
    capsys.readouterr()
    assert main(["report", "--stack", "ai-test", "--region", REGION, "--json", *args]) == 0
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_the_report_counts_each_sources_outcomes_reasons_and_missing_fields(
    stack: LocalStack, capsys: pytest.CaptureFixture[str]
) -> None:
    _put(stack, "seed.html", NEWER, **{"fetched-at": "2026-02-28T12:00:00+00:00"})
    stack.drain()
    _put(stack, "seed-again.html", NEWER)  # identical: unchanged
    _put(stack, "seed-old.html", seed_html(), **{"fetched-at": "2026-02-28T10:00:00+00:00"})  # stale
    _put(stack, "shell.html", APP_SHELL, url="https://www.apps.example/home")  # refused, domain from the uploader
    _put(stack, "nothing.html", b"")  # refused, no URL at all
    stack.drain()

    lines = _report(capsys, "--since", "24h")

    by_source = {line["source_domain"]: line for line in lines}
    assert set(by_source) == {SEED_DOMAIN, "apps.example", "(unknown)"}
    seed = by_source[SEED_DOMAIN]
    assert (seed["pages"], seed["outcomes"], seed["reasons"]) == (3, {"ready": 1, "stale": 1, "unchanged": 1}, {})
    assert set(seed["missing"]) == set(QUALITY_FIELDS)
    assert seed["missing"]["published_at"] == 0.0
    assert seed["layout_change"] == []
    assert (by_source["apps.example"]["outcomes"], by_source["apps.example"]["reasons"]) == (
        {"rejected": 1},
        {"needs_javascript": 1},
    )
    assert by_source["(unknown)"]["reasons"] == {"empty": 1}
    assert by_source["(unknown)"]["missing"] == dict.fromkeys(QUALITY_FIELDS)
    assert lines[0]["source_domain"] == SEED_DOMAIN  # most pages first


def test_a_source_that_suddenly_refuses_its_pages_is_flagged_against_its_own_history(
    stack: LocalStack, capsys: pytest.CaptureFixture[str]
) -> None:
    # Two weeks of an ordinary source: 40 pages a day, one refused, every field found.
    stats = DynamoDBSourceStats(stack.client("dynamodb"), stack.resources.source_stats_table)
    usual = SourceCounts.of_record("ready", None, dict.fromkeys(QUALITY_FIELDS, True), 300)
    refused = SourceCounts.of_record("rejected", "no_article", None, None)
    today = datetime.now(UTC).date()
    for days_ago in range(1, 15):
        for _ in range(39):
            stats.add(today - timedelta(days=days_ago), "apps.example", usual)
        stats.add(today - timedelta(days=days_ago), "apps.example", refused)
    # Today its pages come as app shells: the parse function refuses every one.
    for n in range(20):
        _put(stack, f"apps/{n}.html", APP_SHELL + f"<!-- {n} -->".encode(), url=f"https://apps.example/{n}")
    stack.drain()

    [line] = _report(capsys, "--since", "0d")
    history = _report(capsys, "--since", "3d")

    assert (line["pages"], line["outcomes"]) == (20, {"rejected": 20})
    assert line["layout_change"] == ["rejections 100% (baseline 2%)"]
    assert history[0]["pages"] == 20 + 3 * 40
    capsys.readouterr()
    assert main(["report", "--stack", "ai-test", "--region", REGION, "--since", "0d"]) == 0
    assert "LAYOUT CHANGE? rejections 100% (baseline 2%)" in capsys.readouterr().out


def test_a_bad_since_is_a_usage_error_and_a_missing_stack_an_error(
    stack: LocalStack, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", "--stack", "ai-test", "--region", REGION, "--since", "last week"]) == 2
    assert "--since" in capsys.readouterr().err
    assert main(["report", "--stack", "no-such-stack", "--region", REGION]) == 1
    assert "no stack 'no-such-stack'" in capsys.readouterr().err


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextmanager
def _parse_log_lines(stack: LocalStack) -> Iterator[list[dict[str, Any]]]:
    """The parse function's log lines meanwhile, as its powertools JSON formatter writes them. Taken at the logger:
    its stream and level were fixed when the handler module was first imported, maybe by another test."""
    # S3's test event loads the handler as Lambda would, in the function's environment (never import it bare: its
    # module-level powertools objects read their settings from that environment once).
    test_event = json.loads((EVENTS / "sqs-s3-test-event.json").read_text(encoding="utf-8"))
    stack.function(stack.resources.parse_function).invoke(test_event, stack.runtime_environment())
    parse_logger = logging.getLogger(sys.modules["article_ingest.handlers.parse"].logger.name)
    captured, level = _Records(), parse_logger.level
    parse_logger.addHandler(captured)
    parse_logger.setLevel(logging.INFO)
    lines: list[dict[str, Any]] = []
    try:
        yield lines
    finally:
        parse_logger.removeHandler(captured)
        parse_logger.setLevel(level)
        formatter = LambdaPowertoolsFormatter()
        lines.extend(json.loads(formatter.format(record)) for record in captured.records)


def test_each_record_logs_one_structured_line_with_its_source_and_the_fields_found(
    stack: LocalStack,
) -> None:
    _put(stack, "seed.html", seed_html())
    _put(stack, "shell.html", APP_SHELL, url="https://apps.example/home")
    with _parse_log_lines(stack) as logged:
        stack.drain()

    by_key = {line["raw"]["key"]: line for line in logged if line["message"] == "raw object processed"}
    assert len(by_key) == 2
    article, refused = by_key["seed.html"], by_key["shell.html"]
    # powertools leaves out keys whose value is None: what a record does not have is absent from its line.
    assert (article["status"], article.get("reason"), article["source_domain"]) == ("ready", None, SEED_DOMAIN)
    assert set(article["fields_found"]) == set(QUALITY_FIELDS)
    assert article["fields_found"]["published_at"] == 1
    assert article["word_count"] > 100
    assert (refused["status"], refused["reason"], refused["source_domain"]) == (
        "rejected",
        "needs_javascript",
        "apps.example",
    )
    assert "fields_found" not in refused
    assert "word_count" not in refused
