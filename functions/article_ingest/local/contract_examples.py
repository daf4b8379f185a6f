"""Render the README's contract examples from a real run, so that they are never hand-typed.

    .venv/bin/python -m article_ingest.local.contract_examples README.md

Deploys the template into in-process moto, ingests a sample page, an edited copy of it under the same key and a
PNG named `.html`, and writes, between `<!-- example:NAME -->` and `<!-- /example:NAME -->` markers in the given
Markdown file: the clean Article JSON (`article`), and the EventBridge events a subscriber's queue received
(`article-ready`, `article-updated`, `article-rejected`). Each is validated against its model first.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

import boto3
from moto import mock_aws

from article_ingest.domain.article import Article
from article_ingest.domain.events import ArticleReady, ArticleRejected, ArticleUpdated
from article_ingest.local.moto_patches import item_level_transaction_rollback
from article_ingest.local.quiet import quiet_moto, unset_env
from article_ingest.local.stack import LocalStack
from article_ingest.local.subscriber import subscribe
from article_ingest.local.wrapped import quiet_environment, wrap_mapping

SAMPLE = "worldwire-niger-solar-pumps.html"
REJECTED_SAMPLE = "truncated-menu-only.html"  # a page with no story: the reason and what it declared
EDIT = ("cut the cost of a cubic metre of water by more than half", "cut the cost of a cubic metre of water by 60%")
MODELS: dict[str, type[ArticleReady] | type[ArticleRejected]] = {
    "article-ready": ArticleReady,
    "article-updated": ArticleUpdated,
    "article-rejected": ArticleRejected,
}


def _sample(name: str) -> bytes:
    return resources.files("article_ingest").joinpath("samples", name).read_bytes()


def collect_examples() -> dict[str, dict[str, Any]]:
    """name -> JSON document, from a pipeline run on moto."""
    with (
        unset_env("AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_ENDPOINT_URL"),
        quiet_moto(),
        mock_aws(config={"lambda": {"use_docker": False}}),
        item_level_transaction_rollback(),
    ):
        session = boto3.session.Session(region_name="us-east-1")
        deployed = LocalStack.deploy(session, stack_name="article-ingest-examples")
        quiet = quiet_environment(verbose=False)
        mappings = [wrap_mapping(m, environment=quiet) for m in deployed.mappings]
        stack = LocalStack(session, deployed.resources, mappings)
        subscription = subscribe(stack, "readme-examples")
        s3 = stack.client("s3")
        bucket = stack.resources.raw_bucket
        page = _sample(SAMPLE)
        examples: dict[str, dict[str, Any]] = {}

        def ingest(key: str, body: bytes) -> dict[str, Any]:
            s3.put_object(Bucket=bucket, Key=key, Body=body, ContentType="text/html")
            stack.drain()
            [event] = list(subscription.receive_all())
            return event

        ready = ingest(f"2026/03/14/{SAMPLE}", page)
        examples["article-ready"] = ready
        clean = ready["detail"]["clean"]
        document = s3.get_object(Bucket=clean["bucket"], Key=clean["key"])["Body"].read()
        examples["article"] = json.loads(document)
        edited = page.replace(EDIT[0].encode(), EDIT[1].encode())
        examples["article-updated"] = ingest(f"2026/03/14/{SAMPLE}", edited)
        examples["article-rejected"] = ingest(f"2026/03/14/{REJECTED_SAMPLE}", _sample(REJECTED_SAMPLE))
    Article.model_validate(examples["article"])
    for name, model in MODELS.items():
        model.model_validate(examples[name]["detail"])
        if examples[name]["detail-type"] != model.DETAIL_TYPE:
            raise ValueError(f"{name}: expected {model.DETAIL_TYPE}, got {examples[name]['detail-type']}")
    return examples


def _replacement(block: str) -> Callable[[re.Match[str]], str]:
    def replace(match: re.Match[str]) -> str:
        return f"{match[1]}```json\n{block}\n```\n{match[2]}"

    return replace


def render(markdown: str, examples: dict[str, dict[str, Any]]) -> str:
    for name, document in examples.items():
        block = json.dumps(document, indent=2, ensure_ascii=False)
        pattern = re.compile(rf"(<!-- example:{name} -->\n).*?(<!-- /example:{name} -->)", re.DOTALL)
        if not pattern.search(markdown):
            raise ValueError(f"no <!-- example:{name} --> ... <!-- /example:{name} --> markers")
        markdown = pattern.sub(_replacement(block), markdown)
    return markdown


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("markdown", type=Path, help="the file whose example blocks are rewritten")
    args = parser.parse_args(argv)
    examples = collect_examples()
    args.markdown.write_text(render(args.markdown.read_text(encoding="utf-8"), examples), encoding="utf-8")
    print(f"{args.markdown}: {', '.join(sorted(examples))}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
