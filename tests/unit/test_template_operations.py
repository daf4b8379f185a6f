"""The operations view in the template (issue 13): dashboard, saved Logs Insights queries, rejection-rate alarm.

Asserted against the code they describe: every parse outcome, every quality field and every key the queries read
must be what the parse function really emits, so a new status or field cannot silently miss the dashboard.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from article_ingest.domain.quality import QUALITY_FIELDS
from article_ingest.local.template import load_template, to_cloudformation
from article_ingest.services.parse_service import ParseOutcome, Status

PIPELINE_AND_QUERY_FUNCTIONS = ("ParseFunction", "IndexFunction", "QueryFunction")
# Outcomes that mean a page was read; `gone` (deleted before it was read) is not a page.
PAGE_STATUSES = {status.value for status in Status} - {Status.GONE.value}


@pytest.fixture(scope="module")
def cfn() -> dict[str, Any]:
    return to_cloudformation(load_template(), code_uri="s3://artifacts/functions.zip", region="eu-west-1")


@pytest.fixture(scope="module")
def dashboard(cfn: dict[str, Any]) -> dict[str, Any]:
    [resource] = [r for r in cfn["Resources"].values() if r["Type"] == "AWS::CloudWatch::Dashboard"]
    body = resource["Properties"]["DashboardBody"]["Fn::Sub"]
    # Placeholders stand for names, ARNs and the threshold: any one value keeps the JSON valid.
    document: dict[str, Any] = json.loads(re.sub(r"\$\{[^}]+\}", "0", body))
    return document


@pytest.fixture(scope="module")
def dashboard_text(cfn: dict[str, Any]) -> str:
    [resource] = [r for r in cfn["Resources"].values() if r["Type"] == "AWS::CloudWatch::Dashboard"]
    return str(resource["Properties"]["DashboardBody"]["Fn::Sub"])


def _widget(dashboard: dict[str, Any], title_start: str) -> dict[str, Any]:
    [widget] = [w for w in dashboard["widgets"] if w["properties"]["title"].startswith(title_start)]
    properties: dict[str, Any] = widget["properties"]
    return properties


def _metric_names(widget: dict[str, Any]) -> set[str]:
    return {line[1] for line in widget["metrics"] if isinstance(line[0], str)}


def _queries(cfn: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {n: r["Properties"] for n, r in cfn["Resources"].items() if r["Type"] == "AWS::Logs::QueryDefinition"}


def test_the_dashboard_shows_every_outcome_and_the_rejection_reasons_whatever_they_are(
    dashboard: dict[str, Any],
) -> None:
    outcomes = _widget(dashboard, "Outcomes")
    assert _metric_names(outcomes) == {f"Outcome_{status.value}" for status in Status}
    reasons = _widget(dashboard, "Rejection reasons")
    [[search]] = reasons["metrics"]
    # A search over the reason dimension: a reason added to RejectReason shows up without a template change.
    assert search["expression"].startswith('SEARCH(\'{ArticleIngest,reason,service} MetricName="Rejected"')


def test_the_dashboard_shows_the_coverage_of_every_quality_field(dashboard: dict[str, Any]) -> None:
    coverage = _widget(dashboard, "Field coverage")
    assert _metric_names(coverage) == {"Articles"} | {f"Missing_{field}" for field in QUALITY_FIELDS}
    expressions = [line[0]["expression"] for line in coverage["metrics"] if isinstance(line[0], dict)]
    assert len(expressions) == len(QUALITY_FIELDS)
    assert all(expression.endswith("/ articles)") for expression in expressions)


def test_the_dashboard_shows_dead_letters_errors_and_durations_of_each_function(
    dashboard: dict[str, Any], dashboard_text: str
) -> None:
    assert _metric_names(_widget(dashboard, "Dead-letter queue depth")) == {"ApproximateNumberOfMessagesVisible"}
    assert "${ParseDeadLetterQueue.QueueName}" in dashboard_text
    assert "${IndexDeadLetterQueue.QueueName}" in dashboard_text
    assert _metric_names(_widget(dashboard, "Function errors")) == {"Errors"}
    assert _metric_names(_widget(dashboard, "Function duration")) == {"Duration"}
    for function in PIPELINE_AND_QUERY_FUNCTIONS:
        assert f'"FunctionName", "${{{function}}}"' in dashboard_text, function


def test_no_metric_is_split_by_source_domain(cfn: dict[str, Any], dashboard_text: str) -> None:
    # Per-source views live in logs and the report: a metric dimension per domain is billed per domain.
    alarms = [r for r in cfn["Resources"].values() if r["Type"] == "AWS::CloudWatch::Alarm"]
    assert "source_domain" not in json.dumps(alarms)
    for match in re.finditer(r'\["ArticleIngest"[^\]]*\]', dashboard_text):
        assert "source_domain" not in match.group(0)


def test_the_rejection_rate_alarm_divides_rejections_by_every_kind_of_page(cfn: dict[str, Any]) -> None:
    [alarm] = [
        r["Properties"]
        for r in cfn["Resources"].values()
        if r["Type"] == "AWS::CloudWatch::Alarm" and "Metrics" in r["Properties"]
    ]
    queries = {query["Id"]: query for query in alarm["Metrics"]}
    counted = {
        q["MetricStat"]["Metric"]["MetricName"].removeprefix("Outcome_") for q in queries.values() if "MetricStat" in q
    }
    assert counted == PAGE_STATUSES
    assert all(
        q["MetricStat"]["Metric"]["Dimensions"] == [{"Name": "service", "Value": "parse"}]
        for q in queries.values()
        if "MetricStat" in q
    )
    assert all(f"FILL({status}, 0)" in queries["pages"]["Expression"] for status in PAGE_STATUSES)
    [returned] = [q for q in alarm["Metrics"] if q.get("ReturnData", True)]
    assert returned["Expression"] == "IF(pages >= 20, FILL(rejected, 0) / pages, 0)"
    assert alarm["Threshold"] == {"Ref": "RejectionRateThreshold"}
    assert alarm["ComparisonOperator"] == "GreaterThanThreshold"
    assert alarm["AlarmActions"]["Fn::If"][0] == "HasAlarmTopic"
    assert 0 < cfn["Parameters"]["RejectionRateThreshold"]["Default"] < 1


def test_saved_queries_give_the_per_source_views_from_the_parse_log(cfn: dict[str, Any]) -> None:
    queries = _queries(cfn)
    assert len(queries) >= 3
    for name, query in queries.items():
        assert query["LogGroupNames"] == [{"Ref": "ParseLogGroup"}], name
        assert "AWS::StackName" in query["Name"]["Fn::Sub"], name
        assert 'message = "raw object processed"' in query["QueryString"], name
    texts = {query["Name"]["Fn::Sub"].split("/")[-1]: query["QueryString"] for query in queries.values()}
    assert "by source_domain, status" in texts["outcomes-by-source"]
    assert "by source_domain, reason" in texts["rejections-by-source-and-reason"]
    coverage = texts["field-coverage-by-source"]
    assert all(f"avg(fields_found.{field})" in coverage for field in QUALITY_FIELDS)


def test_the_queries_read_keys_the_parse_function_logs(cfn: dict[str, Any], dashboard_text: str) -> None:
    logged = ParseOutcome(Status.READY, "u-1", 1, source_domain="a.example", fields_found={}, word_count=3).as_dict()
    text = " ".join(q["QueryString"] for q in _queries(cfn).values()) + dashboard_text
    for key in re.findall(r"\b(source_domain|status|reason|fields_found|word_count|article_id|version)\b", text):
        assert key in logged, key
    # The field flags are numbers, so Logs Insights can average them.
    full = ParseOutcome(Status.READY, fields_found=dict.fromkeys(QUALITY_FIELDS, True)).as_dict()
    assert full["fields_found"] == dict.fromkeys(QUALITY_FIELDS, 1)


def test_the_parse_function_counts_sources_into_its_own_table(cfn: dict[str, Any]) -> None:
    table = cfn["Resources"]["SourceStatsTable"]["Properties"]
    assert {k["AttributeName"]: k["KeyType"] for k in table["KeySchema"]} == {"pk": "HASH", "sk": "RANGE"}
    assert table["TimeToLiveSpecification"] == {"AttributeName": "expires_at", "Enabled": True}
    variables = cfn["Resources"]["ParseFunction"]["Properties"]["Environment"]["Variables"]
    assert variables["SOURCE_STATS_TABLE_NAME"] == {"Ref": "SourceStatsTable"}
    assert cfn["Outputs"]["SourceStatsTableName"]["Value"] == {"Ref": "SourceStatsTable"}
