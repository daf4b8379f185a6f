"""Pipeline throughput through `article-ingest run`'s harness, per stage, and how time grows with the page count.

    .venv/bin/python benchmarks/throughput.py [--counts 200 1000] [--json]
    .venv/bin/python benchmarks/throughput.py --counts 10000 --progress /tmp/10k.jsonl --json > /tmp/10k.json  # hours

Pages are generated: variants of the sample pages in `functions/article_ingest/samples/` (each with its own
canonical URL and one numbered sentence, so every page is a new article; the PNG and the menu-only page stay
rejections) interleaved with pages from an article template (seeded paragraphs of varying length). They are
written to a temporary folder and fed to `EmbeddedPipeline.ingest`, the API `article-ingest run` uses: uploads to
the raw bucket, the parse and index queues drained through the real handlers, outcomes read from the bus.

Each count runs in a fresh child process (fresh moto state), after a 10-page warm-up in the same pipeline (cold
start, language model) that is not counted. Stages are timed in CPU time by wrapping, in that child only: the
uploads, each function's invocations (and, inside them, the extractor and their AWS calls), the harness's SQS
receives and deletes, and the outcome reads. Every AWS call is counted per page, the harness's own too: a constant
count per page at every page count is what shows that nothing re-lists or re-reads what is done. DynamoDB
write units are estimated from the request items (DynamoDB's item-size rules; 1 unit per started KB, x2 in
transactions; an UpdateItem counted as 1) for `docs/scale.md`.
"""

from __future__ import annotations

import argparse
import collections
import functools
import gzip
import json
import math
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "functions" / "article_ingest" / "samples"
RESULT_PREFIX = "THROUGHPUT_RESULT "
# Stages are timed in CPU time of this (single-threaded) process: the machine's other load cannot inflate them.
_clock = time.process_time
WARM_UP_PAGES = 10

_WORDS = [
    "council",
    "harbour",
    "minister",
    "drought",
    "farmers",
    "river",
    "budget",
    "vote",
    "coalition",
    "port",
    "strike",
    "wages",
    "solar",
    "pumps",
    "village",
    "diesel",
    "cost",
    "water",
    "district",
    "court",
    "ruling",
    "police",
    "inquiry",
    "hospital",
    "nurses",
    "school",
    "teachers",
    "rail",
    "line",
    "bridge",
    "storm",
    "damage",
    "election",
    "turnout",
    "mayor",
    "tender",
    "contract",
    "factory",
    "jobs",
    "exports",
    "grain",
    "price",
    "market",
    "trade",
    "union",
    "talks",
    "deal",
    "agreement",
    "week",
    "month",
    "year",
    "officials",
    "residents",
    "spokesperson",
    "report",
    "figures",
    "data",
    "survey",
]
_TEMPLATE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>{title} | The Daily Ledger</title>
<link rel="canonical" href="{url}">
<meta property="og:title" content="{title}">
<meta property="og:site_name" content="The Daily Ledger">
<meta name="author" content="{author}">
<meta property="article:published_time" content="2026-03-{day:02d}T{hour:02d}:15:00+00:00">
<meta property="article:tag" content="{tag}">
</head><body>
<header><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/business">Business</a>
<a href="/sport">Sport</a> <a href="/opinion">Opinion</a></nav></header>
<main><article>
<h1>{title}</h1>
<p class="byline">By {author} | {day} March 2026</p>
{paragraphs}
</article>
<aside><h2>Most read</h2><ul><li><a href="/a">Markets close higher</a></li><li><a href="/b">Weather warning
issued</a></li><li><a href="/c">Cup final tickets</a></li></ul></aside></main>
<footer><p>&copy; 2026 The Daily Ledger. All rights reserved.</p><a href="/privacy">Privacy</a></footer>
</body></html>
"""


# --- page generation --------------------------------------------------------------------------------------------


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(_WORDS) for _ in range(rng.randint(8, 22))]
    return " ".join(words).capitalize() + "."


def template_page(number: int) -> bytes:
    rng = random.Random(number)
    title = " ".join(rng.choice(_WORDS) for _ in range(7)).capitalize() + f" ({number})"
    paragraphs = "\n".join(
        "<p>" + " ".join(_sentence(rng) for _ in range(rng.randint(2, 6))) + "</p>" for _ in range(rng.randint(3, 14))
    )
    return _TEMPLATE.format(
        title=title,
        url=f"https://www.dailyledger.example/news/2026/03/{number}-story",
        author=rng.choice(["Ana Ruiz", "Tom Becker", "Priya Nair", "Kofi Mensah"]),
        day=1 + number % 28,
        hour=number % 24,
        tag=rng.choice(["Politics", "Business", "Climate", "Transport"]),
        paragraphs=paragraphs,
    ).encode("utf-8")


def sample_variant(path: Path, number: int) -> tuple[str, bytes]:
    """A sample page as a new article: its canonical URL made unique, one numbered sentence added."""
    data = path.read_bytes()
    gzipped = path.name.endswith(".gz")
    if gzipped:
        data = gzip.decompress(data)
    for marker, attribute in ((b'<link rel="canonical"', b'href="'), (b'<meta property="og:url"', b'content="')):
        if marker in data:
            start = data.index(attribute, data.index(marker)) + len(attribute)
            url = data[start : data.index(b'"', start)]
            data = data.replace(url, url + b"-v" + str(number).encode())
            data = data.replace(b"</p>", f" (Report {number}.)</p>".encode(), 1)
            break
    if gzipped:
        data = gzip.compress(data, mtime=0)
    name = path.name.replace(".html", f"-{number}.html")
    return name, data


def write_pages(folder: Path, count: int, start: int = 0) -> list[Path]:
    samples = sorted(p for p in SAMPLES.iterdir() if p.name.endswith((".html", ".html.gz")))
    written = []
    for number in range(start, start + count):
        if number % 2:
            name, data = sample_variant(samples[(number // 2) % len(samples)], number)
        else:
            name, data = f"ledger-{number}.html", template_page(number)
        path = folder / f"{number // 1000:03d}" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written.append(path)
    return written


# --- instrumentation (child only) -------------------------------------------------------------------------------


class Stages:
    def __init__(self) -> None:
        self.seconds: collections.Counter[str] = collections.Counter()
        self.calls: collections.Counter[str] = collections.Counter()
        self.write_units: collections.Counter[str] = collections.Counter()
        self.call_seconds: collections.Counter[str] = collections.Counter()
        self.index_items: collections.Counter[str] = collections.Counter()
        self.index_item_kb: collections.Counter[str] = collections.Counter()
        self.function: str | None = None  # the function being invoked, if any

    def timed(self, stage: str, call: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(call)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            started = _clock()
            try:
                return call(*args, **kwargs)
            finally:
                self.seconds[stage] += _clock() - started

        return wrapper

    def reset(self) -> None:
        self.seconds.clear()
        self.calls.clear()
        self.write_units.clear()
        self.call_seconds.clear()
        self.index_items.clear()
        self.index_item_kb.clear()


def _value_bytes(value: dict[str, Any]) -> float:
    """DynamoDB's size of one typed attribute value, by the rules of its developer guide ("item sizes")."""
    [(kind, body)] = value.items()
    if kind == "S":
        return len(body.encode("utf-8"))
    if kind == "N":
        return len(body.strip("-").replace(".", "")) / 2 + 1
    if kind == "B":
        return len(body)
    if kind in ("BOOL", "NULL"):
        return 1
    if kind == "L":
        return 3 + sum(1 + _value_bytes(v) for v in body)
    if kind == "M":
        return 3 + sum(1 + len(k.encode("utf-8")) + _value_bytes(v) for k, v in body.items())
    if kind in ("SS", "NS", "BS"):
        return sum(_value_bytes({kind[0]: v}) for v in body)
    raise ValueError(kind)


def item_bytes(item: dict[str, Any]) -> float:
    """Attribute names plus values: what DynamoDB bills a write by (per started KB)."""
    return sum(len(name.encode("utf-8")) + _value_bytes(value) for name, value in item.items())


def _item_kb(item: dict[str, Any]) -> int:
    return max(1, math.ceil(item_bytes(item) / 1024))


def _index_items(params: dict[str, Any], kinds: collections.Counter[str], kilobytes: collections.Counter[str]) -> None:
    """Items per partition kind (`DAY`, `SITE`, ... from the pk's first field) and their sizes."""
    for entry in params["TransactItems"]:
        item = entry.get("Put", {}).get("Item")
        if item:
            kind = str(item.get("pk", {}).get("S", "?")).split("#", 1)[0]
            kinds[kind] += 1
            kilobytes[kind] += item_bytes(item) / 1024


def _write_units(operation: str, params: dict[str, Any]) -> int:
    if operation == "PutItem":
        return _item_kb(params["Item"])
    if operation in ("UpdateItem", "DeleteItem"):
        return 1
    if operation == "TransactWriteItems":
        units = 0
        for entry in params["TransactItems"]:
            body = entry.get("Put", {}).get("Item")
            units += 2 * (_item_kb(body) if body else 1)
        return units
    return 0


@contextmanager
def instrumented(stages: Stages, parse_function: Callable[[], str]) -> Iterator[None]:
    """Wrap what the run does, in this process only (no file changes); undone on exit."""
    import botocore.client
    import botocore.exceptions

    from article_ingest.local import embedded, queues
    from article_ingest.local.lambda_runtime import LocalFunction
    from article_ingest.local.subscriber import Subscription
    from article_ingest.services.parse_service import ParseService

    saved: list[tuple[Any, str, Any]] = []

    def patch(owner: Any, name: str, value: Any) -> None:
        saved.append((owner, name, getattr(owner, name)))
        setattr(owner, name, value)

    original_invoke = LocalFunction.invoke

    def invoke(self: LocalFunction, event: dict[str, Any], runtime_environment: Any) -> Any:
        role = "parse" if self.name == parse_function() else "index"
        stages.function = role
        started = _clock()
        try:
            return original_invoke(self, event, runtime_environment)
        finally:
            stages.seconds[f"{role} function"] += _clock() - started
            stages.function = None

    original_call = botocore.client.BaseClient._make_api_call

    def make_api_call(self: Any, operation: str, params: dict[str, Any]) -> Any:
        role = stages.function or "harness"
        service = self.meta.service_model.service_name
        stages.calls[f"{role}: {service}.{operation}"] += 1
        if service == "dynamodb":
            stages.write_units[role] += _write_units(operation, params)
            if operation == "TransactWriteItems":
                _index_items(params, stages.index_items, stages.index_item_kb)
        started = _clock()
        try:
            return original_call(self, operation, params)
        except botocore.exceptions.ClientError:
            stages.calls[f"{role}: FAILED {service}.{operation}"] += 1
            raise
        finally:
            elapsed = _clock() - started
            if role != "harness":
                stages.seconds[f"{role}: AWS calls (in-process moto)"] += elapsed
            stages.call_seconds[f"{role}: {service}.{operation}"] += elapsed

    def receive_all(self: Subscription) -> Iterator[dict[str, Any]]:
        started = _clock()
        items = list(original_receive_all(self))
        stages.seconds["outcome reads (bus subscriber queue)"] += _clock() - started
        return iter(items)

    original_receive_all = Subscription.receive_all
    defaults = ParseService.__init__.__kwdefaults__
    patch(LocalFunction, "invoke", invoke)
    patch(botocore.client.BaseClient, "_make_api_call", make_api_call)
    patch(Subscription, "receive_all", receive_all)
    patch(embedded, "upload", stages.timed("uploads (S3 PutObject)", embedded.upload))
    patch(queues.QueueDriver, "receive_batch", stages.timed("harness SQS receive", queues.QueueDriver.receive_batch))
    patch(queues.QueueDriver, "_delete", stages.timed("harness SQS delete", queues.QueueDriver._delete))
    saved_extract = defaults["extract"]
    defaults["extract"] = stages.timed("parse: extraction (inside the parse function)", saved_extract)
    try:
        yield
    finally:
        defaults["extract"] = saved_extract
        for owner, name, value in reversed(saved):
            setattr(owner, name, value)


class ProgressLog:
    """Appends (pages with an outcome, wall s, CPU s) as JSON lines every `every` pages: a run too long to finish
    still shows whether the cost per page stays flat as the queues and tables fill."""

    def __init__(self, path: Path | None, every: int = 250) -> None:
        self._path = path
        self._every = every
        self._next = every
        self._wall = time.perf_counter()
        self._cpu = time.process_time()

    def __call__(self, done: int, counts: collections.Counter[Any]) -> None:
        if self._path is None or done < self._next:
            return
        self._next = done + self._every
        line = {
            "done": done,
            "wall_s": round(time.perf_counter() - self._wall, 2),
            "cpu_s": round(time.process_time() - self._cpu, 2),
        }
        with self._path.open("a", encoding="utf-8") as out:
            out.write(json.dumps(line) + "\n")


def _ingest_in_chunks(pipeline: Any, inputs: list[Any], chunk: int, progress_path: Path | None) -> dict[str, Any]:
    """`ingest` one chunk after another through the same pipeline: the tables, buckets and registry keep growing,
    while the queues never hold more than one chunk (moto's ReceiveMessage costs O(queue length) per call)."""
    totals: collections.Counter[str] = collections.Counter()
    seconds = 0.0
    for start in range(0, len(inputs), chunk):
        cpu_started = time.process_time()
        report = pipeline.ingest(inputs[start : start + chunk])
        chunk_cpu = time.process_time() - cpu_started
        seconds += report.seconds
        summary = report.summary()
        totals.update({k: v for k, v in summary.items() if isinstance(v, int)})
        if progress_path is not None:
            line = {
                "done": start + len(report.outcomes),
                "chunk_cpu_s": round(chunk_cpu, 2),
                "chunk_wall_s": round(report.seconds, 2),
                "chunk_cpu_ms_per_page": round(1000 * chunk_cpu / len(report.outcomes), 2),
            }
            with progress_path.open("a", encoding="utf-8") as out:
                out.write(json.dumps(line) + "\n")
    return {**totals, "seconds": round(seconds, 3), "chunk": chunk}


def child(count: int, progress_path: Path | None = None, chunk: int | None = None) -> dict[str, Any]:
    from article_ingest.local.embedded import EmbeddedPipeline
    from article_ingest.local.inputs import collect_inputs

    stages = Stages()
    with tempfile.TemporaryDirectory(prefix="throughput-") as scratch:
        folder = Path(scratch)
        write_pages(folder / "warm-up", WARM_UP_PAGES, start=10**7)
        write_pages(folder / "pages", count)
        with EmbeddedPipeline() as pipeline:  # it patches moto's transaction rollback (`local/moto_patches.py`)
            parse_name = pipeline.stack.resources.parse_function
            with instrumented(stages, lambda: parse_name):
                pipeline.ingest(collect_inputs([folder / "warm-up"]))
                stages.reset()
                inputs = collect_inputs([folder / "pages"])
                cpu_started = time.process_time()
                if chunk:
                    summary = _ingest_in_chunks(pipeline, inputs, chunk, progress_path)
                else:
                    summary = pipeline.ingest(inputs, ProgressLog(progress_path)).summary()
                cpu_seconds = time.process_time() - cpu_started
    wall_seconds = float(summary["seconds"])
    accounted = sum(v for k, v in stages.seconds.items() if not k.startswith(("parse: ", "index: ")))
    stage_seconds = dict(stages.seconds.most_common())
    stage_seconds["other (moto event delivery, bookkeeping)"] = cpu_seconds - accounted
    return {
        "count": count,
        "summary": summary,
        "seconds": round(wall_seconds, 2),
        "articles_per_s": round(count / wall_seconds, 2),
        "ms_per_page": round(1000 * wall_seconds / count, 2),
        "cpu_seconds": round(cpu_seconds, 2),  # this process's CPU: what other load on the machine cannot inflate
        "cpu_ms_per_page": round(1000 * cpu_seconds / count, 2),
        "stage_cpu_seconds": {k: round(v, 2) for k, v in stage_seconds.items()},
        "stage_cpu_ms_per_page": {k: round(1000 * v / count, 2) for k, v in stage_seconds.items()},
        "api_calls_per_page": {k: round(v / count, 3) for k, v in sorted(stages.calls.items())},
        "api_cpu_ms_per_call": _per_call(stages),
        "index_items_per_page": {k: round(v / count, 3) for k, v in stages.index_items.most_common()},
        "index_item_kb_mean": {k: round(stages.index_item_kb[k] / v, 2) for k, v in stages.index_items.most_common()},
        "dynamodb_write_units_per_page": {k: round(v / count, 2) for k, v in stages.write_units.items()},
    }


# --- parent side ------------------------------------------------------------------------------------------------


def _per_call(stages: Stages) -> dict[str, float]:
    return {k: round(1000 * v / stages.calls[k], 3) for k, v in sorted(stages.call_seconds.items())}


def _run_child(count: int, progress: Path | None = None, chunk: int | None = None) -> dict[str, Any]:
    command = [sys.executable, __file__, "--child", str(count)]
    if chunk:
        command += ["--chunk", str(chunk)]
    if progress is not None:
        command += ["--progress", str(progress)]
    completed = subprocess.run(command, capture_output=True, text=True, check=False, cwd=ROOT)
    for line in reversed(completed.stdout.splitlines()):
        if line.startswith(RESULT_PREFIX):
            result: dict[str, Any] = json.loads(line[len(RESULT_PREFIX) :])
            return result
    raise RuntimeError(f"throughput child ({count}) failed ({completed.returncode}):\n{completed.stderr[-3000:]}")


def own_cpu_ms_per_page(run: dict[str, Any]) -> float:
    """The functions' own CPU per page: their invocations minus the AWS calls they made (moto's work)."""
    stages = run["stage_cpu_ms_per_page"]
    own = 0.0
    for role in ("parse", "index"):
        own += stages.get(f"{role} function", 0.0) - stages.get(f"{role}: AWS calls (in-process moto)", 0.0)
    return round(own, 2)


def linearity(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Growth of the per-page cost from the smallest to the largest count (1.0 = linear total), split into what
    our code does (its own CPU, and how many AWS calls it makes per page) and what moto charges per call."""
    smallest, largest = runs[0], runs[-1]
    calls = set(smallest["api_calls_per_page"]) | set(largest["api_calls_per_page"])
    call_drift = max(
        abs(largest["api_calls_per_page"].get(k, 0.0) - smallest["api_calls_per_page"].get(k, 0.0))
        / max(smallest["api_calls_per_page"].get(k, 0.0), 1e-9)
        for k in calls
    )
    own_growth = own_cpu_ms_per_page(largest) / own_cpu_ms_per_page(smallest)
    return {
        "per_page_cpu_growth": round(largest["cpu_ms_per_page"] / smallest["cpu_ms_per_page"], 2),
        "per_page_wall_growth": round(largest["ms_per_page"] / smallest["ms_per_page"], 2),
        "own_cpu_ms_per_page": [own_cpu_ms_per_page(run) for run in runs],
        "own_cpu_growth": round(own_growth, 2),
        "api_calls_per_page_max_drift": round(call_drift, 3),
        # our part is linear when its CPU per page and its calls per page do not grow with the count
        "linear": own_growth <= 1.25 and call_drift <= 0.05,
    }


def measure(counts: list[int], progress: Path | None = None, chunk: int | None = None) -> dict[str, Any]:
    runs = [_run_child(count, progress, chunk) for count in counts]
    return {"runs": runs, **(linearity(runs) if len(runs) > 1 else {})}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--counts", type=int, nargs="+", default=[200, 1000], help="page counts (default 200 1000)")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--progress", type=Path, help="child: append progress JSON lines to this file")
    parser.add_argument("--chunk", type=int, help="ingest N pages at a time through the same pipeline")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        result = child(args.child, args.progress, args.chunk)
        sys.stdout.flush()
        print(RESULT_PREFIX + json.dumps(result))
        return
    report = measure(sorted(args.counts), args.progress, args.chunk)
    if args.json:
        print(json.dumps(report, indent=2))
        return
    for run in report["runs"]:
        s = run["summary"]
        print(
            f"{run['count']:>6} pages: {run['seconds']:>8} s, {run['articles_per_s']:>6} articles/s, "
            f"{run['ms_per_page']:>6} ms/page wall, {run['cpu_ms_per_page']:>6} CPU ms/page "
            f"(ready {s['ready']}, rejected {s['rejected']}, "
            f"undelivered {s['undelivered']})"
        )
        for stage, ms in run["stage_cpu_ms_per_page"].items():
            print(f"         {stage:<50} {ms:>8} CPU ms/page")
    if "linear" in report:
        print(
            f"per page, largest count / smallest: CPU {report['per_page_cpu_growth']}x (moto included), our code's "
            f"own CPU {report['own_cpu_growth']}x, AWS calls per page drift {report['api_calls_per_page_max_drift']}"
            f" -> linear: {report['linear']}"
        )


if __name__ == "__main__":
    main()
