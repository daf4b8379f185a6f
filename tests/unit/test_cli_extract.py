"""`article-ingest extract`: one JSON line per file, error lines, exit status, gzip files and manifests."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from article_ingest.cli import main

SEED = Path(__file__).resolve().parents[1] / "fixtures" / "pages" / "seed_devdiscourse.html"
EXPECTED_BODY = json.loads(SEED.with_name("seed_devdiscourse.expected.json").read_text(encoding="utf-8"))["body"]


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[dict[str, Any]]]:
    status = main(["extract", *argv])
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    return status, lines


def test_one_article_line_per_file_with_its_source_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "seed.html"
    shutil.copy(SEED, page)

    status, lines = _run(capsys, str(page))

    assert status == 0
    assert len(lines) == 1
    assert lines[0]["body"] == EXPECTED_BODY
    assert lines[0]["source"]["path"] == str(page)
    assert lines[0]["source"]["size"] == page.stat().st_size


def test_gzip_files_work_as_they_are(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "seed.html.gz"
    page.write_bytes(gzip.compress(SEED.read_bytes()))

    status, lines = _run(capsys, str(page))

    assert status == 0
    assert lines[0]["body"] == EXPECTED_BODY


def test_url_option_gives_the_id_when_the_page_has_no_canonical(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "plain.html"
    page.write_bytes(SEED.read_bytes().replace(b'rel="canonical"', b'rel="alternate"').replace(b"og:url", b"og:x"))

    _, with_url = _run(capsys, str(page), "--url", "https://example.org/story")
    _, without = _run(capsys, str(page))

    assert with_url[0]["url"] == "https://example.org/story"
    assert with_url[0]["id"].startswith("u-")
    assert without[0]["id"].startswith("s-")


def test_a_failing_file_gives_an_error_line_and_exit_status_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good, image, missing = tmp_path / "good.html", tmp_path / "image.html", tmp_path / "missing.html"
    shutil.copy(SEED, good)
    image.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))

    status, lines = _run(capsys, str(good), str(image), str(missing))

    assert status == 1
    assert [line.get("error", {}).get("code") for line in lines] == [None, "not_html", "unreadable"]
    assert lines[1] == {
        "source": {"path": str(image)},
        "error": {"code": "not_html", "message": lines[1]["error"]["message"]},
    }
    assert lines[1]["error"]["message"]


def test_manifest_paths_are_relative_to_the_manifest_and_carry_their_urls(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "pages").mkdir()
    shutil.copy(SEED, tmp_path / "pages" / "a.html")
    (tmp_path / "pages" / "b.html.gz").write_bytes(gzip.compress(b"<html><body><nav>Menu</nav></body></html>"))
    manifest = tmp_path / "manifest.jsonl"
    manifest.write_text(
        json.dumps({"path": "pages/a.html", "url": "https://example.org/a"})
        + "\n\n"
        + json.dumps({"path": "pages/b.html.gz", "url": "https://example.org/b"})
        + "\n{not json\n"
        + json.dumps({"url": "https://example.org/no-path"})
        + "\n",
        encoding="utf-8",
    )

    status, lines = _run(capsys, "--manifest", str(manifest))

    assert status == 1
    assert lines[0]["body"] == EXPECTED_BODY
    assert lines[0]["source"]["path"] == str(tmp_path / "pages" / "a.html")
    assert lines[1]["error"]["code"] == "no_text"
    assert lines[1]["found"]["url"] == "https://example.org/b"  # what the refused page declared
    assert [line["error"]["code"] for line in lines[2:]] == ["bad_manifest_line", "bad_manifest_line"]


def test_no_input_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract"]) == 2
    assert "PATH" in capsys.readouterr().err


def test_a_missing_manifest_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", "--manifest", str(tmp_path / "nope.jsonl")]) == 2
    assert "manifest" in capsys.readouterr().err
