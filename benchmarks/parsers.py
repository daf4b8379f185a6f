"""Which HTML parser is on the hot path: lxml against BeautifulSoup, measured on the dev pages.

    .venv/bin/python benchmarks/parsers.py

1. Parse time per page (interleaved, same bytes) for lxml.html, BeautifulSoup with the lxml builder and
   BeautifulSoup with `html.parser`.
2. Whether BeautifulSoup earns a place as a fallback: every metadata-dev page our extractor refuses is repaired with
   BeautifulSoup's `html.parser` and extracted again; a rescued page would be a reason to keep it on that path.

Pages are read from the shared bench folders at run time; nothing from them is copied into the repo.
"""

from __future__ import annotations

import gzip
import json
import statistics
import time
import warnings

import lxml.html
from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning, XMLParsedAsHTMLWarning

from article_ingest.domain.errors import ExtractionRefused
from article_ingest.extraction import ExtractionHints, extract_article
from bench_data import BENCH_ROOT


def _pages() -> list[tuple[str, bytes, str | None]]:
    metadata = BENCH_ROOT / "metadata-dev"
    truth = json.loads((metadata / "ground_truth.json").read_text(encoding="utf-8"))
    pages = [
        (path.name.removesuffix(".html.gz"), gzip.decompress(path.read_bytes()), None)
        for path in sorted((BENCH_ROOT / "scrapinghub-dev").glob("*.html.gz"))
    ]
    for path in sorted((metadata / "html").glob("*.html.gz")):
        page_id = path.name.removesuffix(".html.gz")
        pages.append((page_id, gzip.decompress(path.read_bytes()), truth[page_id].get("url")))
    return pages


def _ms(parse: object, data: bytes) -> float:
    started = time.perf_counter()
    parse(data)  # type: ignore[operator]
    return (time.perf_counter() - started) * 1000


def parse_times(pages: list[tuple[str, bytes, str | None]]) -> dict[str, list[float]]:
    parsers = {
        "lxml.html": lambda data: lxml.html.document_fromstring(data),
        "bs4 + lxml": lambda data: BeautifulSoup(data, "lxml"),
        "bs4 + html.parser": lambda data: BeautifulSoup(data, "html.parser"),
    }
    times: dict[str, list[float]] = {name: [] for name in parsers}
    for _, data, _ in pages:
        for name, parse in parsers.items():
            times[name].append(_ms(parse, data))
    return times


def fallback_rescues(pages: list[tuple[str, bytes, str | None]]) -> tuple[int, list[str]]:
    refused, rescued = 0, []
    for page_id, data, url in pages:
        try:
            extract_article(data, ExtractionHints(url=url))
            continue
        except ExtractionRefused:
            refused += 1
        repaired = str(BeautifulSoup(data, "html.parser")).encode("utf-8")
        try:
            extract_article(repaired, ExtractionHints(url=url, content_type="text/html; charset=utf-8"))
            rescued.append(page_id)
        except ExtractionRefused:
            pass
    return refused, rescued


def main() -> None:
    warnings.filterwarnings("ignore", category=XMLParsedAsHTMLWarning)
    warnings.filterwarnings("ignore", category=MarkupResemblesLocatorWarning)
    pages = _pages()
    times = parse_times(pages)
    base = statistics.median(times["lxml.html"])
    print(f"{len(pages)} pages; median parse ms (ratio to lxml.html):")
    for name, values in times.items():
        median = statistics.median(values)
        print(f"  {name:<18} {median:7.2f} ms  x{median / base:5.1f}")
    refused, rescued = fallback_rescues(pages)
    print(f"refused by our extractor: {refused}; rescued by a BeautifulSoup html.parser repair: {len(rescued)}")
    for page_id in rescued:
        print(f"  rescued {page_id}")


if __name__ == "__main__":
    main()
