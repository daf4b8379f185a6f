"""The README's promises that code can check: the two commands, `.ci/run`, and contract examples that validate."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from pydantic import BaseModel

from article_ingest.domain.article import Article
from article_ingest.domain.events import ArticleReady, ArticleRejected, ArticleUpdated
from article_ingest.local.contract_examples import render

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")
EVENT_MODELS: dict[str, type[BaseModel]] = {
    "article-ready": ArticleReady,
    "article-updated": ArticleUpdated,
    "article-rejected": ArticleRejected,
}


def _example(name: str) -> dict[str, object]:
    match = re.search(rf"<!-- example:{name} -->\n```json\n(.*?)\n```\n<!-- /example:{name} -->", README, re.DOTALL)
    assert match, f"README has no rendered example {name!r}: run python -m article_ingest.local.contract_examples"
    document: dict[str, object] = json.loads(match[1])
    return document


def test_readme_keeps_the_two_commands_and_ci_runs_the_test_one() -> None:
    assert "make demo" in README
    assert "make test" in README
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert ci.strip().splitlines()[-1] == "exec make test"
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "article-ingest run functions/article_ingest/samples" in makefile


def test_the_article_example_is_a_valid_article() -> None:
    Article.model_validate(_example("article"))


@pytest.mark.parametrize("name", sorted(EVENT_MODELS))
def test_each_event_example_is_an_envelope_whose_detail_validates(name: str) -> None:
    envelope = _example(name)
    model = EVENT_MODELS[name]
    assert envelope["source"] == "article-ingest"
    assert envelope["detail-type"] == getattr(model, "DETAIL_TYPE")  # noqa: B009
    model.model_validate(envelope["detail"])


def test_render_replaces_only_the_marked_blocks() -> None:
    text = "intro\n<!-- example:article -->\nold\n<!-- /example:article -->\noutro\n"
    assert render(text, {"article": {"id": "x"}}) == (
        'intro\n<!-- example:article -->\n```json\n{\n  "id": "x"\n}\n```\n<!-- /example:article -->\noutro\n'
    )
    with pytest.raises(ValueError, match="markers"):
        render("no markers", {"article": {}})
