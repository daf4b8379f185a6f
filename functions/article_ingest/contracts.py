"""JSON Schemas of the public contracts, generated from the models into `events/`."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from article_ingest.domain.article import Article
from article_ingest.domain.events import ArticleReady, ArticleRejected, ArticleUpdated

SCHEMA_MODELS: dict[str, type[BaseModel]] = {
    "article": Article,
    "article-ready": ArticleReady,
    "article-updated": ArticleUpdated,
    "article-rejected": ArticleRejected,
}


def schema_text(model: type[BaseModel]) -> str:
    schema = model.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def write_schemas(out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, model in SCHEMA_MODELS.items():
        path = out_dir / f"{name}.schema.json"
        path.write_text(schema_text(model), encoding="utf-8")
        written.append(path)
    return written
