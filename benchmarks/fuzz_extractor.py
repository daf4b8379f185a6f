"""Bounded-time fuzzing of the pure extractor: every input ends as a safe Article or a typed refusal.

    .venv/bin/python benchmarks/fuzz_extractor.py [--seconds 60] [--engine hypothesis|atheris|both]

hypothesis generates structured HTML (tags, attributes, JSON-LD, odd text), mutations of a realistic page and raw
bytes; atheris (coverage-guided, x86_64 only, optional) mutates a seed corpus of the sample pages. Anything other
than an `Article` that passes the output-safety checks or an `ExtractionRefused` is a crash: its input is written to
`benchmarks/out/fuzz/` and belongs in `tests/hostile/corpus.py` as a fixture.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
import subprocess
import sys
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # `tests.hostile` holds the page builder and the safety checks we share

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from tests.hostile.pages import PARAGRAPHS, article_page, jsonld  # noqa: E402
from tests.hostile.safety import safety_violations  # noqa: E402

from article_ingest.domain.errors import ExtractionRefused  # noqa: E402
from article_ingest.extraction import ExtractionHints, extract_article  # noqa: E402

OUT = REPO / "benchmarks" / "out" / "fuzz"
SAMPLES = REPO / "functions" / "article_ingest" / "samples"


class Crash(Exception):  # noqa: N818 - the fuzzer's finding
    pass


@dataclass
class FuzzStats:
    runs: int = 0
    outcomes: Counter[str] = field(default_factory=Counter)
    crashes: list[dict[str, str]] = field(default_factory=list)


def check_one(data: bytes, hints: ExtractionHints, stats: FuzzStats) -> None:
    """The property: a safe Article or a typed refusal. Raises `Crash` otherwise."""
    stats.runs += 1
    try:
        article = extract_article(data, hints)
    except ExtractionRefused as refused:
        stats.outcomes[refused.reason.value] += 1
        return
    except Exception as exc:  # the finding itself
        raise Crash(f"{type(exc).__name__}: {exc}\n{traceback.format_exc(limit=6)}") from exc
    problems = safety_violations(article)
    if problems:
        raise Crash("unsafe Article: " + "; ".join(problems))
    stats.outcomes["article"] += 1


# --- hypothesis strategies -----------------------------------------------------------------------------------

_TAGS = (
    "p", "div", "span", "a", "article", "main", "section", "h1", "h2", "title", "meta", "link", "script", "style",
    "time", "img", "figure", "figcaption", "iframe", "svg", "math", "table", "td", "ul", "li", "br", "noscript",
    "template", "frameset", "frame", "head", "body", "html", "header", "footer", "nav", "aside", "base", "textarea",
)  # fmt: skip
_ATTRS = (
    "class", "id", "href", "src", "content", "property", "name", "rel", "datetime", "charset", "type", "itemprop",
    "itemtype", "itemscope", "lang", "srcdoc", "onerror", "style", "http-equiv",
)  # fmt: skip
_ATTR_VALUES = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        [
            "application/ld+json", "og:title", "og:image", "author", "canonical", "article:published_time",
            "javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "//evil.example/x.jpg", "utf-16",
            "x-unknown", "2026-02-30T25:61:00+00:00", "99999-01-01", "1066-10-14", "https://example.com/a",
            "NewsArticle", "text/html; charset=shift_jis", " ", "\x00", "&#0;", "&amp;lt;script&amp;gt;",
        ]
    ),
)  # fmt: skip
_TEXT = st.one_of(
    st.text(max_size=80), st.sampled_from(PARAGRAPHS), st.sampled_from(["&", "&#x0;", "&lol;", "<", "]]>"])
)

_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=30),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=20,
)
_JSONLD_FIELDS = st.fixed_dictionaries(
    {},
    optional={
        "headline": _JSON,
        "author": _JSON,
        "datePublished": _JSON | st.sampled_from(["99999-01-01", "0000-00-00", "1e308", "2026-02-27T21:40:00+05:30"]),
        "image": _JSON | st.just({"url": "javascript:alert(1)"}),
        "articleBody": _JSON | st.just("<p>" + "</p><p>".join(PARAGRAPHS) + "</p>"),
        "@graph": _JSON,
        "keywords": _JSON,
        "inLanguage": _JSON,
    },
)


@st.composite
def _element(draw: st.DrawFn, depth: int = 0) -> str:
    tag = draw(st.sampled_from(_TAGS))
    attrs = draw(st.lists(st.tuples(st.sampled_from(_ATTRS), _ATTR_VALUES), max_size=3))
    attr_text = "".join(f' {name}="{value.replace(chr(34), "&quot;")}"' for name, value in attrs)
    if tag == "script" and draw(st.booleans()):
        return f'<script type="application/ld+json">{json.dumps(draw(_JSONLD_FIELDS))}</script>'
    children = (
        draw(st.lists(_TEXT, max_size=2)) if depth > 3 else draw(st.lists(_TEXT | _element(depth + 1), max_size=4))
    )
    closing = draw(st.sampled_from([f"</{tag}>", "", f"</{tag}", "</div>"]))
    return f"<{tag}{attr_text}>{''.join(children)}{closing}"


@st.composite
def _structured_page(draw: st.DrawFn) -> bytes:
    prefix = draw(st.sampled_from(["", "<!DOCTYPE html>", '<?xml version="1.0" encoding="utf-8"?>', "\ufeff"]))
    text = prefix + "".join(draw(st.lists(_element(), min_size=1, max_size=8)))
    encoding = draw(st.sampled_from(["utf-8", "utf-16-le", "utf-16", "cp1252", "latin-1"]))
    data = text.encode(encoding, errors="replace")
    return gzip.compress(data, mtime=0) if draw(st.integers(0, 9)) == 0 else data


@st.composite
def _mutated_article(draw: st.DrawFn) -> bytes:
    page = article_page(jsonld_text=jsonld(**draw(_JSONLD_FIELDS))).encode("utf-8")
    for _ in range(draw(st.integers(0, 6))):
        at = draw(st.integers(0, len(page)))
        kind = draw(st.sampled_from(["insert", "delete", "flip", "truncate", "duplicate"]))
        if kind == "insert":
            page = (
                page[:at]
                + draw(st.binary(max_size=16) | st.sampled_from([b"<", b">", b"<!--", b"\x00", b"<div>"]))
                + page[at:]
            )
        elif kind == "delete":
            page = page[:at] + page[at + draw(st.integers(1, 64)) :]
        elif kind == "flip" and at < len(page):
            page = page[:at] + bytes([page[at] ^ draw(st.integers(1, 255))]) + page[at + 1 :]
        elif kind == "truncate":
            page = page[:at]
        else:
            page = page[:at] + page[at : at + 200] * draw(st.integers(2, 50)) + page[at:]
    return page


_HINTS = st.builds(
    ExtractionHints,
    url=st.none() | st.text(max_size=60) | st.sampled_from(["javascript:alert(1)", "https://example.com/a?b=c#d"]),
    content_type=st.none() | st.text(max_size=40) | st.sampled_from(["text/html; charset=utf-16", "charset=../x"]),
)
_INPUTS = st.one_of(_structured_page(), _mutated_article(), st.binary(max_size=2048))


def run_hypothesis(seconds: float, stats: FuzzStats) -> None:
    deadline = time.monotonic() + seconds
    last: dict[str, object] = {}

    @settings(
        max_examples=300,
        deadline=None,
        database=None,
        report_multiple_bugs=False,  # one shrunk example per batch: `last` then holds exactly that input
        suppress_health_check=list(HealthCheck),
    )
    @given(data=_INPUTS, hints=_HINTS)
    def prop(data: bytes, hints: ExtractionHints) -> None:
        if time.monotonic() > deadline:
            return  # out of time: let the batch finish without more work
        last.update(data=data, hints=hints)
        check_one(data, hints, stats)

    while time.monotonic() < deadline:
        try:
            prop()
        except Crash as crash:  # hypothesis has shrunk it: `last` holds the minimal failing input
            _record(stats, "hypothesis", last["data"], last["hints"], str(crash))  # type: ignore[arg-type]


def _record(stats: FuzzStats, engine: str, data: bytes, hints: ExtractionHints, message: str) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256(data).hexdigest()[:16]
    (OUT / f"crash-{digest}.bin").write_bytes(data)
    (OUT / f"crash-{digest}.txt").write_text(f"hints: {hints!r}\n{message}\n", encoding="utf-8")
    stats.crashes.append({"engine": engine, "input": str(OUT / f"crash-{digest}.bin"), "error": message[:500]})


# --- atheris (optional) ----------------------------------------------------------------------------------------


def run_atheris(seconds: float, stats: FuzzStats) -> None:
    """libFuzzer exits the process on a crash, so it runs in a child that reports back."""
    # Only our package is instrumented for coverage: it must be imported inside atheris' import hook.
    bootstrap = (
        "import sys, atheris\n"
        f"sys.path.insert(0, {str(Path(__file__).parent)!r})\n"
        "with atheris.instrument_imports(include=['article_ingest']):\n"
        "    import fuzz_extractor\n"
        f"fuzz_extractor.atheris_child({int(seconds)})\n"
    )
    command = [sys.executable, "-c", bootstrap]
    started = time.monotonic()
    child = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 120, check=False)
    log = child.stderr
    executed = re.search(r"stat::number_of_executed_units:\s*(\d+)", log)
    stats.outcomes["atheris_inputs"] = int(executed.group(1)) if executed else 0
    stats.outcomes["atheris_seconds"] = round(time.monotonic() - started)
    # libFuzzer also reports its own end at -max_total_time as "fuzz target exited" and writes a unit: only an
    # artifact that reproduces here (or a timeout/out-of-memory unit) is a finding.
    for artifact in sorted(OUT.glob("atheris-crash-*")):
        data = artifact.read_bytes()
        if "timeout" in artifact.name or "oom" in artifact.name:
            stats.crashes.append({"engine": "atheris", "input": str(artifact), "error": artifact.name})
            continue
        try:
            check_one(data, ExtractionHints(), FuzzStats())
        except Crash as crash:
            _record(stats, "atheris", data, ExtractionHints(), str(crash))
        artifact.unlink()
    if child.returncode != 0 and "fuzz target exited" not in log:
        stats.crashes.append({"engine": "atheris", "input": "?", "error": log[-1500:]})


def atheris_child(seconds: int) -> None:
    import atheris  # type: ignore[import-not-found]  # optional, x86_64 only

    corpus = OUT / "atheris-corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    seeds = [article_page().encode(), *(p.read_bytes() for p in sorted(SAMPLES.glob("*.htm*")))]
    for seed in seeds:
        (corpus / hashlib.sha256(seed).hexdigest()[:16]).write_bytes(seed)
    stats = FuzzStats()

    def one_input(data: bytes) -> None:
        check_one(data, ExtractionHints(), stats)

    atheris.Setup(
        [sys.argv[0], str(corpus), f"-max_total_time={seconds}", f"-artifact_prefix={OUT}/atheris-crash-",
         "-rss_limit_mb=1024", "-timeout=30", "-print_final_stats=1"],
        one_input,
    )  # fmt: skip
    atheris.Fuzz()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=60.0, help="time budget per engine")
    parser.add_argument("--engine", choices=["hypothesis", "atheris", "both"], default="both")
    args = parser.parse_args()

    stats = FuzzStats()
    started = time.monotonic()
    if args.engine in ("hypothesis", "both"):
        run_hypothesis(args.seconds, stats)
    if args.engine in ("atheris", "both"):
        try:
            import atheris  # type: ignore[import-not-found]  # noqa: F401
        except ImportError:
            print("atheris is not installed (x86_64 only): skipped", file=sys.stderr)
        else:
            run_atheris(args.seconds, stats)
    summary = {
        "seconds": round(time.monotonic() - started, 1),
        "hypothesis_inputs": stats.runs,
        "outcomes": dict(stats.outcomes),
        "crashes": stats.crashes,
    }
    print(json.dumps(summary, indent=2))
    return 1 if stats.crashes else 0


if __name__ == "__main__":
    sys.exit(main())
