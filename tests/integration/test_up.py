"""`article-ingest up` as a user runs it: a subprocess on loopback, a page in through S3, the article out of the API."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import boto3
import pytest

from article_ingest.client import ArticleIndexClient
from article_ingest.domain.article import SourceRef
from article_ingest.domain.identity import article_id
from article_ingest.domain.index import ArticleDetail

SAMPLES = Path(__file__).resolve().parents[2] / "functions" / "article_ingest" / "samples"
PAGE = SAMPLES / "harbourline-port-strike-jsonld.html"
PAGE_URL = "https://www.harbourline.example/business/2026/apr/02/harwick-dock-strike-ends-pay-deal"
GERMAN_PAGE = SAMPLES / "morgenblatt-radwege-de.html"
GERMAN_URL = "https://www.morgenblatt.example/lokales/lindenau/stadtrat-beschliesst-radwegenetz-innenstadt-a-88231"
CLI = (sys.executable, "-c", "import sys; from article_ingest.cli import main; sys.exit(main())")
STARTUP_TIMEOUT_S = 90
INGEST_TIMEOUT_S = 30

pytestmark = pytest.mark.integration


class RunningStack:
    def __init__(self, process: subprocess.Popen[str], info: dict[str, str]) -> None:
        self.process = process
        self.info = info

    @property
    def ports(self) -> list[int]:
        return [int(self.info[name].rsplit(":", 1)[1]) for name in ("moto endpoint", "query API")]

    def session(self) -> boto3.session.Session:
        return boto3.session.Session(
            region_name=self.info["region"], aws_access_key_id="testing", aws_secret_access_key="testing"
        )


def _read_until_ready(process: subprocess.Popen[str]) -> dict[str, str]:
    assert process.stdout is not None
    info: dict[str, str] = {}
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    for line in process.stdout:
        if line.strip() == "ready":
            return info
        name, _, value = line.partition(":")
        if value.strip() and name.strip():
            info.setdefault(name.strip(), value.strip())
        assert time.monotonic() < deadline, "up did not print `ready` in time"
    raise AssertionError(f"up exited before `ready` (status {process.wait()}): {info}")


@pytest.fixture
def running_stack(tmp_path: Path) -> Iterator[RunningStack]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    stderr_path = tmp_path / "up.stderr"
    with stderr_path.open("w") as stderr:
        process = subprocess.Popen(
            [*CLI, "up", "--port", "0", "--api-port", "0"],
            stdout=subprocess.PIPE,
            stderr=stderr,  # a file, not a pipe: nobody reads it while the stack runs
            text=True,
            env=env,
        )
    try:
        try:
            info = _read_until_ready(process)
        except AssertionError as failure:
            raise AssertionError(f"{failure}\n--- stderr ---\n{stderr_path.read_text()[-3000:]}") from None
        yield RunningStack(process, info)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)


def _wait_for_article(client: ArticleIndexClient, identifier: str) -> ArticleDetail:
    deadline = time.monotonic() + INGEST_TIMEOUT_S
    while time.monotonic() < deadline:
        found = client.article(identifier)
        if found is not None:
            return found
        time.sleep(0.25)
    raise AssertionError(f"{identifier} never reached the index")


def _port_is_free(port: int) -> bool:
    """Free for a new server: nothing listens (closed connections may linger in TIME_WAIT, as servers allow)."""
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def test_up_ingests_pages_put_through_s3_and_put_serves_them_signed_and_stops_cleanly(
    running_stack: RunningStack,
) -> None:
    info = running_stack.info
    assert info["moto endpoint"].startswith("http://127.0.0.1:")
    assert info["query API"].startswith("http://127.0.0.1:")
    session = running_stack.session()

    s3 = session.client("s3", endpoint_url=info["moto endpoint"])
    s3.put_object(Bucket=info["raw bucket"], Key="inbox/port strike.html", Body=PAGE.read_bytes())
    client = ArticleIndexClient(info["query API"], session=session)
    article = _wait_for_article(client, article_id(PAGE_URL, SourceRef()))

    assert article.title == "Dock workers end three-day strike after pay deal at Harwick port"
    assert article.clean.bucket == info["clean bucket"]
    unsigned = ArticleIndexClient(
        info["query API"],
        session=boto3.session.Session(region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="y"),
        max_attempts=1,
    )
    with pytest.raises(Exception, match="403"):
        unsigned.article(article.id)

    put = subprocess.run(
        [*CLI, "put", str(GERMAN_PAGE), "--port", str(running_stack.ports[0])],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert put.returncode == 0, put.stderr
    assert put.stdout.strip() == f"s3://{info['raw bucket']}/{GERMAN_PAGE.name}"
    german = _wait_for_article(client, article_id(GERMAN_URL, SourceRef()))
    assert german.language == "de"

    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "ARTICLE_INGEST_"))}
    report = subprocess.run(
        [*CLI, "report", "--local", "--port", str(running_stack.ports[0]), "--json", "--since", "1d"],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        check=False,
    )
    assert report.returncode == 0, report.stderr
    pages = {line["source_domain"]: line["pages"] for line in map(json.loads, report.stdout.splitlines())}
    assert pages == {"harbourline.example": 1, "morgenblatt.example": 1}

    process = running_stack.process
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=30) == 0
    assert process.stdout is not None
    assert "stopped" in process.stdout.read()
    assert all(_port_is_free(port) for port in running_stack.ports)
