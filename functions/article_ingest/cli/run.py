"""`article-ingest run PATH... [--json] [--report]`: the whole pipeline on this machine, on moto, from the template.

One line per input (key, status, article id or reason, title), then a summary. Exit 0 when every input ended with
an outcome (ready, updated, unchanged, stale or rejected), 1 if any was left undelivered, 2 on bad arguments.
With --report, the per-source quality table of `article-ingest report` follows (with --json, one
`{"report": {...}}` line per source, before the summary line).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

from article_ingest.local.inputs import InputError, collect_inputs
from article_ingest.local.outcomes import Outcome, Status
from article_ingest.local.progress import ProgressBar

_KEY_COLUMN_MAX = 48


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "run",
        help="run the whole pipeline locally (in-process moto) on HTML files or folders",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("paths", nargs="+", type=Path, help="files, or folders of .html / .html.gz files")
    parser.add_argument("--json", action="store_true", help="JSON Lines: one object per input, the summary last")
    parser.add_argument("--verbose", action="store_true", help="the functions' logs and moto's warnings, on stderr")
    parser.add_argument("--report", action="store_true", help="then the per-source quality report of this run")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        inputs = collect_inputs(args.paths)
    except InputError as error:
        print(f"article-ingest run: {error}", file=sys.stderr)
        return 2
    if not inputs:
        print("article-ingest run: no .html or .html.gz files in the paths given", file=sys.stderr)
        return 2

    # Imported here: moto and the deploy harness are heavy, and only this command needs them.
    from article_ingest.local.embedded import EmbeddedPipeline

    err = sys.stderr
    bar = ProgressBar(len(inputs), err, enabled=err.isatty())
    if err.isatty():
        err.write(f"deploying infra/template.yaml into moto, then ingesting {len(inputs)} file(s)...\n")

    def progress(done: int, counts: Counter[Status]) -> None:
        bar.update(done, ", ".join(f"{n} {status.value}" for status, n in sorted(counts.items())))

    from article_ingest.ops.report import write_json, write_table
    from article_ingest.services.quality_report import ReportWindow

    started = datetime.now(UTC).date()
    with EmbeddedPipeline(verbose=args.verbose) as pipeline:
        report = pipeline.ingest(inputs, progress)
        window = ReportWindow(today=datetime.now(UTC).date(), since=started)
        sources = pipeline.source_report(window) if args.report else []
    bar.close()

    out = sys.stdout
    if args.json:
        for outcome in report.outcomes:
            out.write(json.dumps(outcome.as_json(), ensure_ascii=False) + "\n")
        write_json(sources, out, wrapped=True)
        out.write(json.dumps({"summary": report.summary()}) + "\n")
    else:
        _print_table(report.outcomes, out)
        summary = report.summary()
        always = {Status.READY, Status.REJECTED, Status.UNDELIVERED}
        counts = ", ".join(f"{summary[s.value]} {s.value}" for s in Status if summary[s.value] or s in always)
        out.write(
            f"\n{summary['inputs']} input(s): {counts} in {summary['seconds']:.2f} s "
            f"({summary['articles_per_s']:.1f} articles/s; deploy {summary['deploy_seconds']:.1f} s)\n"
        )
        if report.duplicate_events:
            out.write(f"warning: {report.duplicate_events} duplicate event(s) for the same key\n")
        if args.report:
            out.write("\n")
            write_table(sources, window, out)
    return 0 if report.complete else 1


def _print_table(outcomes: list[Outcome], out: TextIO) -> None:
    key_width = min(_KEY_COLUMN_MAX, max(len(o.key) for o in outcomes))
    status_width = max(len(o.status.value) for o in outcomes)
    for outcome in outcomes:
        key = outcome.key if len(outcome.key) <= key_width else "..." + outcome.key[-(key_width - 3) :]
        detail = outcome.article_id or outcome.reason or ""
        title = outcome.title or ""
        out.write(f"{key:<{key_width}}  {outcome.status.value:<{status_width}}  {detail:<35}  {title}".rstrip() + "\n")
        if outcome.duplicate_of:  # a syndicated copy: say which story it joined, under its line
            story = f"copy of {outcome.duplicate_of}, story {outcome.story_id}"
            out.write(f"{'':<{key_width}}  {'':<{status_width}}  {story}\n")
