"""The JSON Schemas in events/ are generated from the models; a stale file fails here."""

from __future__ import annotations

from pathlib import Path

import pytest

from article_ingest.contracts import SCHEMA_MODELS, schema_text

EVENTS_DIR = Path(__file__).resolve().parents[2] / "events"


@pytest.mark.parametrize("name", sorted(SCHEMA_MODELS))
def test_schema_file_matches_the_model(name: str) -> None:
    path = EVENTS_DIR / f"{name}.schema.json"
    assert path.exists(), f"{path} missing: run `make schemas`"
    assert path.read_text(encoding="utf-8") == schema_text(SCHEMA_MODELS[name]), (
        f"{path.name} is stale: run `make schemas`"
    )
