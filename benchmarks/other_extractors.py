"""The product's body beside the maintained extractors a user could call instead, on the body sets, side by side.

    .venv/bin/python benchmarks/product.py --no-trafilatura --jobs 2 --save /tmp/now.json
    .venv/bin/python benchmarks/other_extractors.py /tmp/now.json            # every library installed
    .venv/bin/python benchmarks/other_extractors.py /tmp/now.json --vote     # and the paragraph vote below

The libraries (the `bench` extra pins them; one that is not installed is skipped) each read the page as our decoder
decoded it, so charset detection is not what is compared: trafilatura 2.3.1 (`extract`, comments off),
readability-lxml (`Document.summary`, its text), Resiliparse (`extract_plain_text(main_content=True)`), BoilerPy3
(`ArticleExtractor`), goose3 (`cleaned_text`) and jusText (English stoplist). Each body is scored with the shared
scorer as `product.py` scores ours, per half and per wceb dataset; then, on half A only (the protocol), the pages
where a library beats ours, or ours beats it, by more than 0.1 page F1. A library that returns nothing scores as an
empty body.

`--vote` measures an ensemble: a paragraph of ours under N words is kept only when at least K libraries keep it
(its words found in their text, or half of its 4-gram shingles); a library that found nothing does not vote.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from product import BODY_SETS, Page, Prediction, body_page_f1, groups_of, load_pages, score_body

_TOKEN_RE = re.compile(r"\w+")
_BETTER_BY = 0.1
Bodies = dict[str, dict[str, tuple[str, float]]]  # library -> page id -> (body, seconds)


def _trafilatura(text: str, url: str | None) -> str:
    import trafilatura

    return trafilatura.extract(text, url=url, include_comments=False) or ""


def _readability(text: str, url: str | None) -> str:
    import lxml.html
    from readability import Document

    summary = Document(text, url=url).summary(html_partial=True)
    return "\n".join(part.strip() for part in lxml.html.fromstring(summary).itertext() if part.strip())


def _resiliparse(text: str, url: str | None) -> str:
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.html import HTMLTree

    return str(extract_plain_text(HTMLTree.parse(text), main_content=True, alt_texts=False, list_bullets=False))


def _boilerpy3(text: str, url: str | None) -> str:
    from boilerpy3 import extractors

    return str(extractors.ArticleExtractor(raise_on_failure=False).get_content(text))


def _goose3(text: str, url: str | None) -> str:
    from goose3 import Goose

    with Goose({"enable_image_fetching": False}) as goose:
        return str(goose.extract(raw_html=text).cleaned_text)


def _justext(text: str, url: str | None) -> str:
    import justext

    paragraphs = justext.justext(text.encode("utf-8"), justext.get_stoplist("English"), encoding="utf-8")
    return "\n\n".join(paragraph.text for paragraph in paragraphs if not paragraph.is_boilerplate)


LIBRARIES: dict[str, tuple[str, Callable[[str, str | None], str]]] = {
    "trafilatura": ("trafilatura", _trafilatura),
    "readability-lxml": ("readability", _readability),
    "resiliparse": ("resiliparse", _resiliparse),
    "boilerpy3": ("boilerpy3", _boilerpy3),
    "goose3": ("goose3", _goose3),
    "justext": ("justext", _justext),
}


def installed() -> list[str]:
    import importlib.util

    return [name for name, (module, _) in LIBRARIES.items() if importlib.util.find_spec(module) is not None]


def _decoded(path: str, url: str | None) -> str:
    from article_ingest.extraction.decode import decode_html
    from article_ingest.extraction.hints import ExtractionHints
    from article_ingest.settings import ExtractionSettings

    return decode_html(gzip.decompress(Path(path).read_bytes()), ExtractionHints(url=url), ExtractionSettings()).text


def _run_page(job: tuple[str, str | None, tuple[str, ...]]) -> dict[str, tuple[str, float]]:
    """Every library on one page: (body, seconds); a crash is an empty body, not the end of the run."""
    import logging

    logging.disable(logging.CRITICAL)  # goose3 and boilerpy3 log every page they cannot date or parse
    path, url, names = job
    text = _decoded(path, url)
    out: dict[str, tuple[str, float]] = {}
    for name in names:
        start = time.perf_counter()
        try:
            body = LIBRARIES[name][1](text, url)
        except Exception:
            body = ""
        out[name] = (body, time.perf_counter() - start)
    return out


def run_libraries(pages: list[Page], names: list[str], jobs: int) -> Bodies:
    work = [(str(page.path), page.url, tuple(names)) for page in pages]
    with ProcessPoolExecutor(jobs) as pool:
        results = list(pool.map(_run_page, work, chunksize=4))
    return {name: {page.page_id: result[name] for page, result in zip(pages, results, strict=True)} for name in names}


# --- the ensemble ----------------------------------------------------------------------------------------------


def _words(text: str) -> list[str]:
    return _TOKEN_RE.findall(text.lower())


def _shingles(words: list[str]) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + 4]) for i in range(len(words) - 3)}


class LibraryText:
    """A library's text on one page, as the vote compares it: its words joined, and its 4-gram shingles."""

    def __init__(self, text: str) -> None:
        words = _words(text)
        self.joined = " ".join(words)
        self.shingles = _shingles(words)

    def keeps(self, paragraph: str) -> bool:
        """Whether it holds one of our paragraphs: a short one word for word, a longer one by half of its 4-gram
        shingles (the libraries break lines and join words their own way)."""
        words = _words(paragraph)
        if len(words) < 8:
            return " ".join(words) in self.joined
        own = _shingles(words)
        return len(own & self.shingles) >= 0.5 * len(own)


def voted(body: str, libraries: Iterable[str], *, max_words: int, needed: int) -> str:
    """Our body with each paragraph under `max_words` words kept only if `needed` libraries keep it; a library that
    found nothing on the page does not vote."""
    return _voted(body, _prepared(libraries), max_words=max_words, needed=needed)


def _prepared(libraries: Iterable[str]) -> list[LibraryText]:
    return [LibraryText(text) for text in libraries if text.strip()]


def _voted(body: str, texts: list[LibraryText], *, max_words: int, needed: int) -> str:
    if not body or not texts:
        return body
    kept = []
    for paragraph in body.split("\n\n"):
        short = len(_words(paragraph)) < max_words
        if not short or sum(text.keeps(paragraph) for text in texts) >= min(needed, len(texts)):
            kept.append(paragraph)
    return "\n\n".join(kept) if kept else body


# --- the report ------------------------------------------------------------------------------------------------


def _row(label: str, group: str, scores: dict[str, float], extra: str) -> str:
    return (
        f"| {label} | {group} | {scores['pages']} | {scores['f1']:.4f} | {scores['precision']:.4f} | "
        f"{scores['recall']:.4f} | {extra} |"
    )


@dataclass(frozen=True)
class BodySet:
    name: str
    truth: dict[str, Any]
    groups: dict[str, list[str]]


def report(body_set: BodySet, ours: dict[str, Prediction], bodies: Bodies) -> str:
    set_name, truth, groups = body_set.name, body_set.truth, body_set.groups
    lines = [
        f"## {set_name}",
        "",
        "| tool | group | pages | f1 | precision | recall | empty / median ms |",
        "|---|---|---|---|---|---|---|",
    ]
    predictions: dict[str, dict[str, Prediction]] = {"ours": ours}
    for name, per_page in bodies.items():
        predictions[name] = {page_id: {"body": body} for page_id, (body, _) in per_page.items()}
    for name, preds in predictions.items():
        for group, ids in groups.items():
            extra = ""
            if group == "all":
                empty = sum(1 for i in ids if not (preds[i].get("body") or "").strip())
                timing = f" / {1000 * statistics.median(bodies[name][i][1] for i in ids):.1f}" if name in bodies else ""
                extra = f"{empty}{timing}"
            lines.append(_row(name, group, score_body(truth, preds, ids), extra))
    half_a = groups["A"]
    ours_f1 = body_page_f1(truth, ours, half_a)
    lines += [
        "",
        f"Half A, pages where a library and ours differ by more than {_BETTER_BY} page F1 (count, summed difference):",
        "",
        "| library | library better | ours better |",
        "|---|---|---|",
    ]
    for name in bodies:
        theirs = body_page_f1(truth, predictions[name], half_a)
        gains = [theirs[i] - ours_f1[i] for i in half_a if theirs[i] - ours_f1[i] > _BETTER_BY]
        losses = [ours_f1[i] - theirs[i] for i in half_a if ours_f1[i] - theirs[i] > _BETTER_BY]
        lines.append(f"| {name} | {len(gains)} ({sum(gains):.1f}) | {len(losses)} ({sum(losses):.1f}) |")
    return "\n".join(lines)


def vote_report(body_set: BodySet, ours: dict[str, Prediction], bodies: Bodies) -> str:
    truth, groups = body_set.truth, body_set.groups
    base = {half: score_body(truth, ours, groups[half])["f1"] for half in ("A", "B")}
    libraries = {page_id: _prepared(per_page[page_id][0] for per_page in bodies.values()) for page_id in ours}
    lines = [f"## {body_set.name}: the paragraph vote (F1 change against ours, half A / half B)", ""]
    for max_words in (10, 30, 80, 10**6):
        for needed in sorted({1, 2, len(bodies)}):
            changed = {
                page_id: {
                    **prediction,
                    "body": _voted(
                        prediction.get("body") or "", libraries[page_id], max_words=max_words, needed=needed
                    ),
                }
                for page_id, prediction in ours.items()
            }
            moved = {half: score_body(truth, changed, groups[half])["f1"] - base[half] for half in ("A", "B")}
            under = "any length" if max_words == 10**6 else f"under {max_words} words"
            lines.append(f"- {under}, {needed} of {len(bodies)}: A {moved['A']:+.4f}, B {moved['B']:+.4f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("ours", type=Path, help="a file written by product.py --save")
    parser.add_argument("--libraries", nargs="+", help=f"a subset of {', '.join(LIBRARIES)} (default: installed)")
    parser.add_argument("--vote", action="store_true", help="also score the paragraph vote")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--save", type=Path, help="write every library's bodies as JSON")
    parser.add_argument("--load", type=Path, help="a file written by --save: its bodies instead of running again")
    args = parser.parse_args(argv)
    saved: dict[str, Any] = json.loads(args.ours.read_text(encoding="utf-8"))
    names = args.libraries or installed()
    print(f"libraries: {', '.join(names)}\n")
    loaded: dict[str, Any] = json.loads(args.load.read_text(encoding="utf-8")) if args.load else {}
    everything: dict[str, Any] = {}
    for set_name in BODY_SETS:
        truth, pages = load_pages(set_name)
        body_set = BodySet(set_name, truth, groups_of(set_name, pages))
        bodies = {name: loaded[set_name][name] for name in names} if loaded else run_libraries(pages, names, args.jobs)
        everything[set_name] = bodies
        if args.save:
            args.save.write_text(json.dumps(everything), encoding="utf-8")
        print(report(body_set, saved[set_name], bodies), "\n", flush=True)
        if args.vote:
            print(vote_report(body_set, saved[set_name], bodies), "\n", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
