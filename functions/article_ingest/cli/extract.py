"""`article-ingest extract PATH... [--url URL] | --manifest FILE`: one JSON line per file.

Each line is the Article (with `source.path`) or `{"source": {"path": ...}, "error": {"code": ..., "message": ...}}`,
with `"found": {url, title, site_name, language, published_at, modified_at, words}` when a page was refused.
Exit status 1 if any file failed, 2 on a usage error. Gzip files (`.html.gz`) are detected by their magic bytes.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from article_ingest.domain.article import FoundMetadata, SourceRef
from article_ingest.domain.errors import ExtractionRefused
from article_ingest.extraction import ExtractionHints, extract_article
from article_ingest.settings import ExtractionSettings


@dataclass(frozen=True)
class _Job:
    path: Path
    url: str | None = None
    problem: str | None = None  # a manifest line we could not read


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("extract", help="extract Articles from local HTML files (.html, .html.gz)")
    parser.add_argument("paths", nargs="*", type=Path, help="HTML files (gzip is detected by its magic bytes)")
    parser.add_argument("--url", help="the URL the page(s) were fetched from")
    parser.add_argument(
        "--manifest", type=Path, help='JSON Lines of {"path": ..., "url": ...}; relative paths are relative to it'
    )
    parser.set_defaults(func=run)


def _manifest_jobs(manifest: Path) -> Iterator[_Job]:
    base = manifest.parent
    with manifest.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            where = Path(f"{manifest}:{number}")
            try:
                entry = json.loads(line)
            except ValueError as exc:
                yield _Job(where, problem=f"not a JSON line: {exc}")
                continue
            if not isinstance(entry, dict) or not isinstance(entry.get("path"), str):
                yield _Job(where, problem='a manifest line needs a "path" string')
                continue
            url = entry.get("url")
            yield _Job(base / entry["path"], url if isinstance(url, str) else None)


def _jobs(args: argparse.Namespace) -> Iterator[_Job]:
    for path in args.paths:
        yield _Job(path, args.url)
    if args.manifest:
        yield from _manifest_jobs(args.manifest)


def _error_line(path: Path, code: str, message: str, found: FoundMetadata | None = None) -> str:
    line: dict[str, object] = {"source": {"path": str(path)}, "error": {"code": code, "message": message}}
    if found is not None:
        line["found"] = found.model_dump(mode="json")
    return json.dumps(line, ensure_ascii=False)


def _extract_one(job: _Job, settings: ExtractionSettings) -> tuple[str, bool]:
    """One output line for the job, and whether it succeeded."""
    if job.problem:
        return _error_line(job.path, "bad_manifest_line", job.problem), False
    try:
        data = job.path.read_bytes()
    except OSError as exc:
        return _error_line(job.path, "unreadable", str(exc)), False
    source = SourceRef(path=str(job.path), size=len(data))
    try:
        article = extract_article(data, ExtractionHints(url=job.url), source=source, settings=settings)
    except ExtractionRefused as refused:
        return _error_line(job.path, refused.reason.value, refused.message, refused.found), False
    except Exception as exc:  # noqa: BLE001 - a bug on one page must not end a batch of thousands
        return _error_line(job.path, "internal_error", f"{type(exc).__name__}: {exc}"), False
    return article.model_dump_json(), True


def run(args: argparse.Namespace, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    if not args.paths and not args.manifest:
        print("article-ingest extract: give PATH... or --manifest FILE", file=sys.stderr)
        return 2
    if args.manifest and not args.manifest.is_file():
        print(f"article-ingest extract: no manifest at {args.manifest}", file=sys.stderr)
        return 2
    settings = ExtractionSettings()
    failed = False
    for job in _jobs(args):
        line, succeeded = _extract_one(job, settings)
        failed = failed or not succeeded
        out.write(line + "\n")
    return 1 if failed else 0
