"""A bounded schemathesis run of `docs/openapi.json` against the local query API (deployed query function, SigV4).

Valid and invalid requests generated from the document: the API never answers 5xx, answers only with status codes,
content types and bodies the document declares, accepts what the schema allows and refuses what it does not.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import boto3
import pytest
import requests
import schemathesis
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from hypothesis import HealthCheck, Phase, given, settings
from moto import mock_aws
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

from article_ingest.local.api_server import QueryApiServer, serve_stack_query_api
from article_ingest.local.moto_patches import item_level_transaction_rollback
from article_ingest.local.stack import LocalStack
from tests.integration.query_stack import corpus, publish

pytestmark = pytest.mark.integration
OPENAPI = Path(__file__).resolve().parents[2] / "docs" / "openapi.json"
EXAMPLES_PER_OPERATION = 40  # per generation mode: bounded, so the run stays a few seconds
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


class SigV4(requests.auth.AuthBase):
    """Signs requests as API Gateway's IAM authorizer expects (the local API checks the same signature).

    The document declares the scheme as an `Authorization` header: a generated case that carries one is signed for
    real; a negative case that drops it goes out unsigned, and must be refused.
    """

    def __init__(self, session: boto3.session.Session, region: str) -> None:
        credentials = session.get_credentials()
        assert credentials is not None
        self._credentials = credentials.get_frozen_credentials()
        self._region = region

    def __call__(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        if "Authorization" not in request.headers:
            return request
        signed = AWSRequest(method=request.method, url=request.url, data=request.body or b"")
        SigV4Auth(self._credentials, "execute-api", self._region).add_auth(signed)
        request.headers.update(dict(signed.headers.items()))
        return request


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[QueryApiServer, requests.Session]]:
    with (
        mock_aws(config={"lambda": {"use_docker": False}}),
        item_level_transaction_rollback(),
    ):  # else moto copies the whole table per transaction item
        session = boto3.session.Session(region_name="us-east-1")
        stack = LocalStack.deploy(session, stack_name="api-schemathesis")
        publish(stack, corpus(stack.resources.clean_bucket, count=8))
        with serve_stack_query_api(stack) as server:
            http = requests.Session()
            http.auth = SigV4(session, "us-east-1")
            yield server, http


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=lambda m: m.value)
def test_generated_requests_get_only_documented_non_5xx_answers(
    served: tuple[QueryApiServer, requests.Session], mode: GenerationMode
) -> None:
    server, http = served
    schema = schemathesis.openapi.from_path(OPENAPI)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert {op.path for op in operations} == {"/articles", "/articles/{article_id}", "/stories/{story_id}"}
    checks = [*CHECKS, negative_data_rejection] if mode is GenerationMode.NEGATIVE else CHECKS

    for operation in operations:

        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            database=None,
            derandomize=True,  # the same cases on every run
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy(generation_mode=mode))
        def call(case: schemathesis.Case) -> None:
            response = case.call(base_url=server.url, session=http)
            if "Authorization" not in (case.headers or {}):
                # Refused by the gateway before the function: API Gateway's 403, which the generated document
                # (the function's routes) does not describe.
                assert response.status_code == 403, response.text
                return
            case.validate_response(response, checks=checks)

        call()
