"""The query API's part of the template: IAM auth on every route, and a function that can only read."""

from __future__ import annotations

from typing import Any

import pytest

from article_ingest.local.template import load_template, to_cloudformation


@pytest.fixture(scope="module")
def resources() -> dict[str, Any]:
    template = to_cloudformation(load_template(), code_uri="s3://artifacts/functions.zip", region="eu-west-1")
    resources: dict[str, Any] = template["Resources"]
    return resources


def _statements(resources: dict[str, Any], role: str) -> list[dict[str, Any]]:
    return [s for policy in resources[role]["Properties"]["Policies"] for s in policy["PolicyDocument"]["Statement"]]


def test_every_api_route_requires_iam_auth(resources: dict[str, Any]) -> None:
    body = resources["QueryApi"]["Properties"]["Body"]
    operations = [op for path in body["paths"].values() for op in path.values()]
    assert {(p, m) for p, ops in body["paths"].items() for m in ops} == {
        ("/articles", "get"),
        ("/articles/{id}", "get"),
        ("/stories/{id}", "get"),
    }
    assert all(op["security"] == [{"AWS_IAM": []}] for op in operations)
    assert body["components"]["securitySchemes"]["AWS_IAM"]["x-amazon-apigateway-authtype"] == "awsSigv4"


def test_the_query_function_reads_the_index_with_getitem_and_query_only(resources: dict[str, Any]) -> None:
    statements = {s["Sid"]: s for s in _statements(resources, "QueryFunctionRole")}
    assert statements["ReadIndex"]["Action"] == ["dynamodb:GetItem", "dynamodb:Query"]
    assert statements["ReadIndex"]["Resource"] == {"Fn::GetAtt": ["IndexTable", "Arn"]}
    assert statements["ReadArticleBodies"]["Action"] == "s3:GetObject"
    assert statements["ReadArticleBodies"]["Resource"] == {"Fn::Sub": "${CleanBucket.Arn}/articles/*"}
    assert statements["CursorKey"]["Resource"] == {"Ref": "CursorKeySecret"}
    actions = [a for s in statements.values() for a in ([s["Action"]] if isinstance(s["Action"], str) else s["Action"])]
    assert not [a for a in actions if a.endswith("*") or a in {"dynamodb:Scan", "s3:PutObject"}]
    wildcard = [sid for sid, s in statements.items() if s["Resource"] == "*"]
    assert wildcard == ["XRay"], "only X-Ray, which has no resource-level permissions"


def test_the_query_function_is_configured_from_the_stack(resources: dict[str, Any]) -> None:
    function = resources["QueryFunction"]["Properties"]
    assert function["Handler"] == "article_ingest.handlers.query.handler"
    variables = function["Environment"]["Variables"]
    assert variables["INDEX_TABLE_NAME"] == {"Ref": "IndexTable"}
    assert variables["CLEAN_BUCKET_NAME"] == {"Ref": "CleanBucket"}
    assert variables["CURSOR_KEY_SECRET_ARN"] == {"Ref": "CursorKeySecret"}
    assert variables["DAY_SHARDS"] == {"Ref": "DayShards"}
    secret = resources["CursorKeySecret"]["Properties"]
    assert "SecretString" not in secret, "the key is generated, never written in the template"
    assert secret["GenerateSecretString"]["PasswordLength"] >= 32
