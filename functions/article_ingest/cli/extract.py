"""`article-ingest extract PATH... [--url URL] | --manifest FILE`: one JSON line per file."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from article_ingest.domain.article import SourceRef
from article_ingest.domain.errors import ExtractionRefused
from article_ingest.extraction import ExtractionHints, extract_article
from article_ingest.settings import ExtractionSettings


@dataclass(frozen=True)
class _Job:
    path: Path
    url: str | None


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("extract", help="extract Articles from local HTML files (.html, .html.gz)")
    parser.add_argument("paths", nargs="*", type=Path, help="HTML files (gzip is detected by its magic bytes)")
    parser.add_argument("--url", help="the URL the page(s) were fetched from")
    parser.add_argument("--manifest", type=Path, help='JSON Lines of {"path": ..., "url": ...}')
    parser.set_defaults(func=run)


def _jobs(args: argparse.Namespace) -> Iterator[_Job]:
    for path in args.paths:
        yield _Job(path, args.url)
    if args.manifest:
        base = args.manifest.parent
        with args.manifest.open(encoding="utf-8") as lines:
            for line in lines:
                if line.strip():
                    entry = json.loads(line)
                    yield _Job(base / entry["path"], entry.get("url"))


def run(args: argparse.Namespace) -> int:
    if not args.paths and not args.manifest:
        print("article-ingest extract: give PATH... or --manifest FILE", file=sys.stderr)
        return 2
    settings = ExtractionSettings()
    failed = False
    out = sys.stdout
    for job in _jobs(args):
        source = SourceRef(path=str(job.path))
        try:
            data = job.path.read_bytes()
            article = extract_article(
                data,
                ExtractionHints(url=job.url),
                source=source.model_copy(update={"size": len(data)}),
                settings=settings,
            )
            out.write(article.model_dump_json() + "\n")
        except ExtractionRefused as refused:
            failed = True
            error = {"code": refused.reason.value, "message": refused.message}
            out.write(json.dumps({"source": {"path": str(job.path)}, "error": error}, ensure_ascii=False) + "\n")
        except OSError as exc:
            failed = True
            error = {"code": "unreadable", "message": str(exc)}
            out.write(json.dumps({"source": {"path": str(job.path)}, "error": error}, ensure_ascii=False) + "\n")
    return 1 if failed else 0
