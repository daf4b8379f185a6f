"""docs/openapi.json is generated from the routes; a stale copy fails here."""

from __future__ import annotations

import json
from pathlib import Path

from article_ingest.handlers.query import openapi_document

OPENAPI = Path(__file__).resolve().parents[3] / "docs" / "openapi.json"
REGENERATE = "python -m article_ingest.handlers.query > docs/openapi.json"


def test_openapi_document_matches_the_code() -> None:
    assert OPENAPI.exists(), f"{OPENAPI} missing: run `{REGENERATE}`"
    assert OPENAPI.read_text(encoding="utf-8").strip() == openapi_document().strip(), (
        f"docs/openapi.json is stale: run `{REGENERATE}`"
    )


def test_openapi_document_declares_iam_auth_and_every_route() -> None:
    document = json.loads(openapi_document())
    assert set(document["paths"]) == {"/articles", "/articles/{article_id}", "/stories/{story_id}"}
    assert document["security"] == [{"sigv4": []}]
    assert document["components"]["securitySchemes"]["sigv4"]["x-amazon-apigateway-authtype"] == "awsSigv4"
    parameters = {p["name"] for p in document["paths"]["/articles"]["get"]["parameters"]}
    assert parameters == {"url", "site", "tag", "author", "day", "since", "until", "limit", "cursor", "include"}
