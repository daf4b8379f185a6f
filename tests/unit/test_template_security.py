"""Security of `infra/template.yaml`, asserted on the CloudFormation the SAM translator produces.

Least privilege is checked as an exact access matrix per function: every (action, resource) pair a role grants is
listed here, so a new grant fails until it is added on purpose, and a function can reach no bucket, table, queue
or secret it does not use. Then: encryption at rest everywhere data rests, TLS-only resource policies, public
access blocked, IAM (SigV4) on every API route, and resource policies that let in only the intended services.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from article_ingest.local.template import load_template, to_cloudformation

LOGS = ("logs:CreateLogStream", "logs:PutLogEvents")
XRAY = ("xray:PutTraceSegments", "xray:PutTelemetryRecords")
SQS_CONSUMER = ("sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ChangeMessageVisibility")


def _grants(actions: tuple[str, ...], *resources: str) -> set[tuple[str, str]]:
    return {(action, resource) for action in actions for resource in resources}


# Role -> every (action, resource) it may hold. Resources are logical ids, with an object path where one applies.
ACCESS = {
    "ParseFunctionRole": (
        _grants(LOGS, "ParseLogGroup")
        | _grants(XRAY, "*")
        | _grants(SQS_CONSUMER, "ParseQueue")
        | _grants(("s3:GetObject", "s3:GetObjectVersion"), "RawBucket/*")  # read-only: the raw bucket is never written
        | _grants(("s3:ListBucket",), "RawBucket")  # so a raw object deleted before its parse is a 404, not a 403
        | _grants(("s3:PutObject", "s3:GetObject"), "CleanBucket/articles/*", "CleanBucket/rejected/*")
        | _grants(("s3:PutObject",), "CleanBucket/stale/*")  # records of stale copies, written once, never read
        | _grants(("events:PutEvents",), "ArticleBus")
        | _grants(("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"), "ArticleRegistryTable")
        # band keys read in one BatchGetItem; TransactWriteItems of conditional Puts needs exactly PutItem
        | _grants(("dynamodb:BatchGetItem", "dynamodb:PutItem"), "StoryIndexTable")
        # powertools deletes an idempotency record when the work failed, so SQS's retry runs again
        | _grants(
            ("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem"), "IdempotencyTable"
        )
        | _grants(("dynamodb:UpdateItem",), "SourceStatsTable")  # atomic ADDs to the per-source counts, no read
    ),
    "IndexFunctionRole": (
        _grants(LOGS, "IndexLogGroup")
        | _grants(XRAY, "*")
        | _grants(SQS_CONSUMER, "IndexQueue")
        # GetItem/Query to read; TransactWriteItems of Put and Delete needs exactly PutItem and DeleteItem
        | _grants(("dynamodb:GetItem", "dynamodb:Query", "dynamodb:PutItem", "dynamodb:DeleteItem"), "IndexTable")
    ),
    "QueryFunctionRole": (
        _grants(LOGS, "QueryLogGroup")
        | _grants(XRAY, "*")
        | _grants(("dynamodb:GetItem", "dynamodb:Query"), "IndexTable")
        | _grants(("s3:GetObject",), "CleanBucket/articles/*")  # article bodies, never rejection records
        | _grants(("secretsmanager:GetSecretValue",), "CursorKeySecret")
    ),
}
# What each function may touch at all: buckets, tables, queues, the bus, secrets.
DATA_STORES = {
    "ParseFunctionRole": {
        "RawBucket",
        "CleanBucket",
        "ArticleRegistryTable",
        "StoryIndexTable",
        "IdempotencyTable",
        "SourceStatsTable",
        "ParseQueue",
        "ArticleBus",
    },
    "IndexFunctionRole": {"IndexTable", "IndexQueue"},
    "QueryFunctionRole": {"IndexTable", "CleanBucket", "CursorKeySecret"},
}
_STORE_TYPES = {
    "AWS::S3::Bucket",
    "AWS::DynamoDB::Table",
    "AWS::SQS::Queue",
    "AWS::Events::EventBus",
    "AWS::SecretsManager::Secret",
}


@pytest.fixture(scope="module")
def cfn() -> dict[str, Any]:
    return to_cloudformation(load_template(), code_uri="s3://artifacts/functions.zip", region="eu-west-1")


def _of_type(cfn: dict[str, Any], kind: str) -> dict[str, dict[str, Any]]:
    return {name: r for name, r in cfn["Resources"].items() if r["Type"] == kind}


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _statements(role: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for policy in role["Properties"].get("Policies", []):
        yield from policy["PolicyDocument"]["Statement"]


def _resource(value: Any) -> str:
    """A resource reference as `Logical` or `Logical/path`; anything unrecognised stays visible as its repr."""
    if value == "*":
        return "*"
    if isinstance(value, dict) and "Fn::GetAtt" in value:
        return str(value["Fn::GetAtt"][0])
    if isinstance(value, dict) and "Ref" in value:
        return str(value["Ref"])
    if isinstance(value, dict) and isinstance(value.get("Fn::Sub"), str):
        match = re.fullmatch(r"\$\{(\w+)\.Arn\}(/.*)?", value["Fn::Sub"])
        if match:
            return match.group(1) + (match.group(2) or "")
    return repr(value)


def _granted(role: dict[str, Any]) -> set[tuple[str, str]]:
    pairs: set[tuple[str, str]] = set()
    for statement in _statements(role):
        assert statement["Effect"] == "Allow"
        assert not {"NotAction", "NotResource", "NotPrincipal"} & statement.keys(), statement
        for action in _as_list(statement["Action"]):
            pairs.update((action, _resource(resource)) for resource in _as_list(statement["Resource"]))
    return pairs


def test_each_function_has_its_own_role_trusted_by_lambda_only(cfn: dict[str, Any]) -> None:
    functions = _of_type(cfn, "AWS::Lambda::Function")
    roles = [f["Properties"]["Role"]["Fn::GetAtt"][0] for f in functions.values()]
    assert sorted(roles) == sorted(ACCESS), "one role per function, and every role is accounted for"
    for name in ACCESS:
        role = cfn["Resources"][name]["Properties"]
        [trust] = role["AssumeRolePolicyDocument"]["Statement"]
        assert (trust["Effect"], trust["Principal"], trust["Action"]) == (
            "Allow",
            {"Service": "lambda.amazonaws.com"},
            "sts:AssumeRole",
        ), name
        assert not role.get("ManagedPolicyArns"), f"{name}: managed policies grant on '*'"
        assert "PermissionsBoundary" not in role or role["PermissionsBoundary"], name


@pytest.mark.parametrize("role", sorted(ACCESS))
def test_a_role_grants_exactly_the_actions_and_resources_its_function_uses(cfn: dict[str, Any], role: str) -> None:
    granted = _granted(cfn["Resources"][role])
    assert granted - ACCESS[role] == set(), f"{role} grants more than its function uses"
    assert ACCESS[role] - granted == set(), f"{role} lacks what its function needs"


@pytest.mark.parametrize("role", sorted(ACCESS))
def test_no_action_is_a_wildcard_and_only_xray_is_granted_on_every_resource(cfn: dict[str, Any], role: str) -> None:
    for action, resource in _granted(cfn["Resources"][role]):
        assert "*" not in action, f"{role}: wildcard action {action}"
        if resource == "*":
            assert action.startswith("xray:"), f"{role}: {action} on every resource"  # X-Ray has no resource ARNs


@pytest.mark.parametrize("role", sorted(DATA_STORES))
def test_a_function_reaches_no_data_store_it_does_not_use(cfn: dict[str, Any], role: str) -> None:
    stores = {name for kind in _STORE_TYPES for name in _of_type(cfn, kind)}
    reached = {resource.split("/")[0] for _, resource in _granted(cfn["Resources"][role])} & stores
    assert reached == DATA_STORES[role]


def test_data_rests_encrypted_in_buckets_tables_and_every_queue_dead_letters_included(cfn: dict[str, Any]) -> None:
    for name, bucket in _of_type(cfn, "AWS::S3::Bucket").items():
        [rule] = bucket["Properties"]["BucketEncryption"]["ServerSideEncryptionConfiguration"]
        assert rule["ServerSideEncryptionByDefault"]["SSEAlgorithm"] in {"AES256", "aws:kms", "aws:kms:dsse"}, name
    for name, table in _of_type(cfn, "AWS::DynamoDB::Table").items():
        assert table["Properties"]["SSESpecification"]["SSEEnabled"] is True, name
    queues = _of_type(cfn, "AWS::SQS::Queue")
    assert {"ParseDeadLetterQueue", "IndexDeadLetterQueue"} <= set(queues)
    for name, queue in queues.items():
        props = queue["Properties"]
        assert props.get("SqsManagedSseEnabled") is True or "KmsMasterKeyId" in props, f"{name} is not encrypted"


def test_buckets_block_public_access_and_enforce_bucket_ownership(cfn: dict[str, Any]) -> None:
    for name, bucket in _of_type(cfn, "AWS::S3::Bucket").items():
        props = bucket["Properties"]
        assert props["PublicAccessBlockConfiguration"] == {
            "BlockPublicAcls": True,
            "BlockPublicPolicy": True,
            "IgnorePublicAcls": True,
            "RestrictPublicBuckets": True,
        }, name
        assert props["OwnershipControls"]["Rules"] == [{"ObjectOwnership": "BucketOwnerEnforced"}], name
        assert "AccessControl" not in props, f"{name}: canned ACLs are how buckets go public"


def _policy_targets(policy: dict[str, Any], key: str) -> set[str]:
    return {_resource(ref) for ref in _as_list(policy["Properties"][key])}


def _denies_plain_http(statements: list[dict[str, Any]], service: str) -> set[str]:
    """Resources a statement denies every principal when the request did not come over TLS."""
    denied: set[str] = set()
    for statement in statements:
        if (
            statement["Effect"] == "Deny"
            and statement["Principal"] == "*"
            and _as_list(statement["Action"]) == [f"{service}:*"]
            and statement.get("Condition") == {"Bool": {"aws:SecureTransport": "false"}}
        ):
            denied.update(_resource(r) for r in _as_list(statement["Resource"]))
    return denied


def test_every_bucket_and_its_objects_refuse_plain_http(cfn: dict[str, Any]) -> None:
    policies = _of_type(cfn, "AWS::S3::BucketPolicy")
    for name in _of_type(cfn, "AWS::S3::Bucket"):
        [policy] = [p for p in policies.values() if _policy_targets(p, "Bucket") == {name}]
        denied = _denies_plain_http(policy["Properties"]["PolicyDocument"]["Statement"], "s3")
        assert {name, f"{name}/*"} <= denied, name


def test_every_queue_dead_letters_included_refuses_plain_http(cfn: dict[str, Any]) -> None:
    covered: set[str] = set()
    for policy in _of_type(cfn, "AWS::SQS::QueuePolicy").values():
        queues = _policy_targets(policy, "Queues")
        covered |= queues & _denies_plain_http(policy["Properties"]["PolicyDocument"]["Statement"], "sqs")
    assert covered == set(_of_type(cfn, "AWS::SQS::Queue"))


def test_resource_policies_let_in_only_the_intended_service_from_the_intended_source(cfn: dict[str, Any]) -> None:
    for kind in ("AWS::S3::BucketPolicy", "AWS::SQS::QueuePolicy"):
        for name, policy in _of_type(cfn, kind).items():
            for statement in policy["Properties"]["PolicyDocument"]["Statement"]:
                if statement["Effect"] != "Allow":
                    continue
                principal = statement["Principal"]
                assert isinstance(principal, dict), f"{name}: allows {principal}"
                assert set(principal) == {"Service"}, f"{name}: allows {principal}"
                assert "aws:SourceArn" in str(statement.get("Condition")), f"{name}: no source condition"


def test_every_api_route_requires_iam_authorization(cfn: dict[str, Any]) -> None:
    [api] = _of_type(cfn, "AWS::ApiGatewayV2::Api").values()
    body = api["Properties"]["Body"]
    schemes = body["components"]["securitySchemes"]
    operations = [(path, method, op) for path, item in body["paths"].items() for method, op in item.items()]
    assert operations, "the API has no routes"
    for path, method, operation in operations:
        [requirement] = operation["security"]
        [scheme] = requirement
        assert schemes[scheme]["x-amazon-apigateway-authtype"] == "awsSigv4", f"{method.upper()} {path}"
    assert not _of_type(cfn, "AWS::ApiGatewayV2::Route"), "routes outside the OpenAPI body escape this check"
    assert not _of_type(cfn, "AWS::ApiGatewayV2::Authorizer"), "IAM needs no custom authorizer"


def test_functions_are_invoked_only_by_their_api_and_have_no_public_url(cfn: dict[str, Any]) -> None:
    assert not _of_type(cfn, "AWS::Lambda::Url"), "function URLs bypass the API's IAM authorization"
    for name, permission in _of_type(cfn, "AWS::Lambda::Permission").items():
        props = permission["Properties"]
        assert props["Principal"] == "apigateway.amazonaws.com", name
        source = props["SourceArn"]["Fn::Sub"]
        assert source[1]["__ApiId__"] == {"Ref": "QueryApi"}, f"{name}: invocable from any API"


def test_no_long_lived_credentials_or_users_are_created(cfn: dict[str, Any]) -> None:
    forbidden = {"AWS::IAM::User", "AWS::IAM::AccessKey", "AWS::IAM::Group", "AWS::IAM::ManagedPolicy"}
    assert not {r["Type"] for r in cfn["Resources"].values()} & forbidden
