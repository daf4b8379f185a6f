"""The stack from `infra/template.yaml`, deployed into an in-process moto for each test that asks for it."""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from pathlib import Path

import boto3
import pytest
from moto import mock_aws

from article_ingest.local import LocalStack

PAGES = Path(__file__).resolve().parents[1] / "fixtures" / "pages"
SEED_PAGE = PAGES / "seed_devdiscourse.html"
SEED_URL = "https://www.devdiscourse.com/article/politics/3812345-us-lifts-sanctions-amid-sahel-re-engagement-with-mali"
REGION = "eu-west-1"


@pytest.fixture
def aws(monkeypatch: pytest.MonkeyPatch) -> Iterator[boto3.session.Session]:
    for name in ("AWS_PROFILE", "AWS_ENDPOINT_URL"):
        monkeypatch.delenv(name, raising=False)
    with mock_aws(config={"lambda": {"use_docker": False}}):
        yield boto3.session.Session(region_name=REGION)


@pytest.fixture
def stack_parameters() -> dict[str, str | int]:
    """Override in a test module (or with `pytest.mark.parametrize(..., indirect=True)`) to deploy other values."""
    return {}


@pytest.fixture
def stack(aws: boto3.session.Session, stack_parameters: dict[str, str | int]) -> LocalStack:
    return LocalStack.deploy(aws, stack_name="ai-test", parameters=stack_parameters)


def seed_html() -> bytes:
    return SEED_PAGE.read_bytes()


def seed_variant(n: int) -> bytes:
    """The seed page as another article: its own canonical URL (so its own id) and a slightly different story."""
    html = seed_html().decode("utf-8")
    html = html.replace(SEED_URL, f"{SEED_URL}-part-{n}")
    html = html.replace("three senior Malian officials", f"{n + 3} senior Malian officials")
    return html.encode("utf-8")


def gzipped(data: bytes) -> bytes:
    return gzip.compress(data, mtime=0)
