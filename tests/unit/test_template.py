"""The SAM template, asserted on after the offline transform: security, operations, and what the harness needs."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from article_ingest.local.template import load_template, to_cloudformation

PIPELINE_FUNCTIONS = ("ParseFunction", "IndexFunction")


@pytest.fixture(scope="module")
def sam() -> dict[str, Any]:
    return load_template()


@pytest.fixture(scope="module")
def cfn(sam: dict[str, Any]) -> dict[str, Any]:
    return to_cloudformation(sam, code_uri="s3://artifacts/functions.zip", region="eu-west-1")


def _of_type(cfn: dict[str, Any], kind: str) -> dict[str, dict[str, Any]]:
    return {name: r for name, r in cfn["Resources"].items() if r["Type"] == kind}


def _statements(role: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for policy in role["Properties"].get("Policies", []):
        yield from policy["PolicyDocument"]["Statement"]


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def test_functions_are_arm64_python312_traced_with_retained_logs(cfn: dict[str, Any]) -> None:
    functions = _of_type(cfn, "AWS::Lambda::Function")
    assert set(PIPELINE_FUNCTIONS) <= set(functions)
    log_groups = _of_type(cfn, "AWS::Logs::LogGroup")
    for name, function in functions.items():
        props = function["Properties"]
        assert props["Architectures"] == ["arm64"], name
        assert props["Runtime"] == "python3.12", name
        assert props["TracingConfig"] == {"Mode": "Active"}, name
        group = props["LoggingConfig"]["LogGroup"]["Ref"]
        assert "RetentionInDays" in log_groups[group]["Properties"], name
        assert "Fn::GetAtt" in props.get("Role", {}), f"{name} needs its own least-privilege role"


def test_pipeline_functions_have_reserved_concurrency_from_parameters(cfn: dict[str, Any]) -> None:
    for name, parameter in (
        ("ParseFunction", "ParseReservedConcurrency"),
        ("IndexFunction", "IndexReservedConcurrency"),
    ):
        reserved = cfn["Resources"][name]["Properties"]["ReservedConcurrentExecutions"]
        assert {"Ref": parameter} in reserved["Fn::If"], name
        assert parameter in cfn["Parameters"]


def test_no_wildcard_resource_except_xray(cfn: dict[str, Any]) -> None:
    for name, role in _of_type(cfn, "AWS::IAM::Role").items():
        assert not role["Properties"].get("ManagedPolicyArns"), f"{name}: managed policies are broader than needed"
        for statement in _statements(role):
            actions = _as_list(statement["Action"])
            for resource in _as_list(statement["Resource"]):
                if resource == "*" or (isinstance(resource, str) and resource.endswith(":*")):
                    assert all(a.startswith("xray:") for a in actions), f"{name}: {actions} on *"
            assert all(not a.endswith(":*") and a != "*" for a in actions), f"{name}: wildcard action {actions}"


def test_the_parse_role_cannot_write_the_raw_bucket(cfn: dict[str, Any]) -> None:
    for statement in _statements(cfn["Resources"]["ParseFunctionRole"]):
        if any(a in {"s3:PutObject", "s3:DeleteObject"} for a in _as_list(statement["Action"])):
            resources = str(statement["Resource"])
            assert "CleanBucket" in resources
            assert "RawBucket" not in resources


def test_buckets_are_encrypted_private_and_tls_only(cfn: dict[str, Any]) -> None:
    buckets = _of_type(cfn, "AWS::S3::Bucket")
    policies = {p["Properties"]["Bucket"]["Ref"]: p for p in _of_type(cfn, "AWS::S3::BucketPolicy").values()}
    assert {"RawBucket", "CleanBucket"} <= set(buckets)
    for name, bucket in buckets.items():
        props = bucket["Properties"]
        assert props["BucketEncryption"]["ServerSideEncryptionConfiguration"], name
        assert all(props["PublicAccessBlockConfiguration"].values()), name
        assert len(props["PublicAccessBlockConfiguration"]) == 4, name
        [deny] = [s for s in policies[name]["Properties"]["PolicyDocument"]["Statement"] if s["Effect"] == "Deny"]
        assert deny["Condition"] == {"Bool": {"aws:SecureTransport": "false"}}, name


def test_only_the_raw_bucket_notifies_and_it_notifies_the_parse_queue(cfn: dict[str, Any]) -> None:
    buckets = _of_type(cfn, "AWS::S3::Bucket")
    notifying = {name for name, b in buckets.items() if "NotificationConfiguration" in b["Properties"]}
    assert notifying == {"RawBucket"}
    [target] = buckets["RawBucket"]["Properties"]["NotificationConfiguration"]["QueueConfigurations"]
    assert target["Queue"] == {"Fn::GetAtt": ["ParseQueue", "Arn"]}
    # The parse function writes only to the clean bucket, so its output can never come back as input.
    assert "CleanBucket" in str(cfn["Resources"]["ParseFunction"]["Properties"]["Environment"])


def test_queues_are_encrypted_and_work_queues_have_a_dlq_with_an_alarm(cfn: dict[str, Any]) -> None:
    queues = _of_type(cfn, "AWS::SQS::Queue")
    alarms = _of_type(cfn, "AWS::CloudWatch::Alarm").values()
    alarmed = {str(a["Properties"].get("Dimensions")) for a in alarms}
    for name, queue in queues.items():
        props = queue["Properties"]
        assert props.get("SqsManagedSseEnabled") or props.get("KmsMasterKeyId"), name
        if "DeadLetterQueue" in name:
            assert any(name in dimensions for dimensions in alarmed), f"{name} has no depth alarm"
        else:
            dlq = props["RedrivePolicy"]["deadLetterTargetArn"]["Fn::GetAtt"][0]
            assert dlq in queues
            assert props["RedrivePolicy"]["maxReceiveCount"] >= 2


def test_every_pipeline_function_has_an_errors_alarm(cfn: dict[str, Any]) -> None:
    alarms = _of_type(cfn, "AWS::CloudWatch::Alarm").values()
    errors = [a["Properties"] for a in alarms if a["Properties"].get("MetricName") == "Errors"]
    watched = {props["Dimensions"][0]["Value"]["Ref"] for props in errors}
    assert set(PIPELINE_FUNCTIONS) <= watched


def test_queue_consumers_report_batch_item_failures_and_outlive_their_function(cfn: dict[str, Any]) -> None:
    mappings = _of_type(cfn, "AWS::Lambda::EventSourceMapping")
    consumers = {m["Properties"]["FunctionName"]["Ref"]: m["Properties"] for m in mappings.values()}
    assert set(PIPELINE_FUNCTIONS) <= set(consumers)
    for function, props in consumers.items():
        assert props["FunctionResponseTypes"] == ["ReportBatchItemFailures"], function
        queue = props["EventSourceArn"]["Fn::GetAtt"][0]
        timeout = cfn["Resources"][function]["Properties"]["Timeout"]
        assert cfn["Resources"][queue]["Properties"]["VisibilityTimeout"] >= 6 * timeout, function


def test_events_reach_the_index_through_a_queue_never_a_function(cfn: dict[str, Any]) -> None:
    rules = _of_type(cfn, "AWS::Events::Rule")
    for name, rule in rules.items():
        for target in rule["Properties"]["Targets"]:
            arn = target["Arn"]["Fn::GetAtt"][0]
            assert cfn["Resources"][arn]["Type"] == "AWS::SQS::Queue", name
    [index_rule] = [r for r in rules.values() if r["Properties"]["Targets"][0]["Arn"]["Fn::GetAtt"][0] == "IndexQueue"]
    assert index_rule["Properties"]["EventPattern"]["detail-type"] == ["ArticleReady", "ArticleUpdated"]


def test_tables_are_on_demand_encrypted_and_idempotency_expires(cfn: dict[str, Any]) -> None:
    tables = _of_type(cfn, "AWS::DynamoDB::Table")
    for name, table in tables.items():
        assert table["Properties"]["BillingMode"] == "PAY_PER_REQUEST", name
        assert table["Properties"]["SSESpecification"] == {"SSEEnabled": True}, name
    index_keys = {k["AttributeName"]: k["KeyType"] for k in tables["IndexTable"]["Properties"]["KeySchema"]}
    assert index_keys == {"pk": "HASH", "sk": "RANGE"}
    story_keys = {k["AttributeName"]: k["KeyType"] for k in tables["StoryIndexTable"]["Properties"]["KeySchema"]}
    assert story_keys == {"band": "HASH"}  # read by key only: no listing of stories or articles
    for name in ("IndexTable", "ArticleRegistryTable", "StoryIndexTable"):
        assert tables[name]["Properties"]["PointInTimeRecoverySpecification"]["PointInTimeRecoveryEnabled"]
    assert tables["IdempotencyTable"]["Properties"]["TimeToLiveSpecification"]["Enabled"]


def test_no_resource_name_is_hard_coded(sam: dict[str, Any]) -> None:
    name_properties = ("BucketName", "QueueName", "TableName", "FunctionName", "Name", "RoleName", "LogGroupName")
    for logical, resource in sam["Resources"].items():
        for prop in name_properties:
            value = resource.get("Properties", {}).get(prop)
            if value is not None and resource["Type"] not in {"AWS::Serverless::Function"}:
                assert "AWS::StackName" in str(value), f"{logical}.{prop} = {value!r}: derive it from the stack"


def test_outputs_name_everything_the_harness_reads(cfn: dict[str, Any]) -> None:
    expected = {
        "RawBucketName",
        "CleanBucketName",
        "EventBusName",
        "EventBusArn",
        "ParseQueueUrl",
        "ParseDeadLetterQueueUrl",
        "IndexQueueUrl",
        "IndexDeadLetterQueueUrl",
        "IndexTableName",
        "ArticleRegistryTableName",
        "StoryIndexTableName",
        "IdempotencyTableName",
        "ParseFunctionName",
        "IndexFunctionName",
    }
    assert expected <= set(cfn["Outputs"])


def test_a_parse_backlog_raises_an_alarm(cfn: dict[str, Any]) -> None:
    alarms = _of_type(cfn, "AWS::CloudWatch::Alarm").values()
    backlog = [a for a in alarms if a["Properties"].get("MetricName") == "ApproximateAgeOfOldestMessage"]
    assert [a["Properties"]["Dimensions"][0]["Value"]["Fn::GetAtt"][0] for a in backlog] == ["ParseQueue"]
