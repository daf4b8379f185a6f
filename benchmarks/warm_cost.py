"""Warm CPU ms per page: the parse function's work (download excluded) beside trafilatura's `extract`, one run.

    .venv/bin/python benchmarks/warm_cost.py [--limit N] [--json]

Pages: every dev page of ../shared/bench/scrapinghub-dev and ../shared/bench/metadata-dev/html, read at
run time and gunzipped first (both tools get the same HTML bytes and the page URL).

- `parse`: `ParseService.process` as the parse function wires it, on in-memory ports (perf_support.InMemoryParse):
  HEAD/GET return bytes already in memory, so it is decode + extraction + version decision + the Article's and
  the event's JSON. Each page is new to the registry, so every page takes the full path.
- `extract`: `extract_article` alone, to show what the service adds around it.
- `trafilatura`: `trafilatura.extract(html, url=..., include_comments=False)`.

CPU time of this process (`time.process_time`), so that other load on the machine costs wall time, not these
figures. Per page the three run back to back, in an order that rotates from page to page. One warm-up page per
tool first (imports, the language model, lazy tables): this is the warm cost.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Callable

import trafilatura

from article_ingest.domain.errors import ExtractionRefused
from article_ingest.extraction import ExtractionHints, extract_article
from perf_support import DevPage, InMemoryParse, dev_pages

Tool = Callable[[DevPage], object]


def build_tools(parse: InMemoryParse) -> dict[str, Tool]:

    def run_parse(page: DevPage) -> object:
        return parse.process(page.name, page.html, page.url).status

    def run_extract(page: DevPage) -> object:
        try:
            return extract_article(page.html, ExtractionHints(url=page.url))
        except ExtractionRefused as refused:
            return refused.reason

    def run_trafilatura(page: DevPage) -> object:
        return trafilatura.extract(page.html, url=page.url, include_comments=False)

    return {"parse": run_parse, "extract": run_extract, "trafilatura": run_trafilatura}


def _summary(millis: list[float]) -> dict[str, float]:
    ordered = sorted(millis)
    return {
        "mean_ms": round(statistics.fmean(ordered), 2),
        "median_ms": round(statistics.median(ordered), 2),
        "p90_ms": round(ordered[int(0.9 * (len(ordered) - 1))], 2),
        "max_ms": round(ordered[-1], 2),
        "total_s": round(sum(ordered) / 1000, 2),
    }


def measure(limit: int | None) -> dict[str, object]:
    pages = dev_pages(limit)
    parse = InMemoryParse()
    tools = build_tools(parse)
    for tool in tools.values():
        tool(pages[0])
    written, sent, detail_bytes = parse.clean.bytes_written, parse.publisher.sent, parse.publisher.detail_bytes
    names = list(tools)
    millis: dict[str, list[float]] = {name: [] for name in names}
    statuses: dict[str, int] = {}
    for index, page in enumerate(pages):
        shift = index % len(names)
        for name in names[shift:] + names[:shift]:
            started = time.process_time()
            result = tools[name](page)
            millis[name].append((time.process_time() - started) * 1000)
            if name == "parse":
                statuses[str(result)] = statuses.get(str(result), 0) + 1
    summaries = {name: _summary(values) for name, values in millis.items()}
    ratio_mean = summaries["parse"]["mean_ms"] / summaries["trafilatura"]["mean_ms"]
    ratio_median = summaries["parse"]["median_ms"] / summaries["trafilatura"]["median_ms"]
    return {
        "pages": len(pages),
        "html_mb": round(sum(len(p.html) for p in pages) / 1e6, 1),
        "parse_outcomes": statuses,
        "cpu_ms_per_page": summaries,
        "parse_over_trafilatura_mean": round(ratio_mean, 2),
        "parse_over_trafilatura_median": round(ratio_median, 2),
        "service_overhead_mean_ms": round(summaries["parse"]["mean_ms"] - summaries["extract"]["mean_ms"], 2),
        "meets_target": ratio_mean <= 1.0,
        # sizes for docs/scale.md: the clean JSON written per page, the event detail put on the bus per page
        "clean_json_bytes_mean": round((parse.clean.bytes_written - written) / len(pages)),
        "event_detail_bytes_mean": round((parse.publisher.detail_bytes - detail_bytes) / (parse.publisher.sent - sent)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, help="only the first N pages (default: all dev pages)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    report = measure(args.limit)
    if args.json:
        print(json.dumps(report, indent=2))
        return
    print(f"warm CPU ms per page over {report['pages']} dev pages ({report['html_mb']} MB of HTML)")
    summaries = report["cpu_ms_per_page"]
    assert isinstance(summaries, dict)
    print(f"{'tool':<12} {'mean':>8} {'median':>8} {'p90':>8} {'max':>8} {'total s':>8}")
    for name, row in summaries.items():
        print(
            f"{name:<12} {row['mean_ms']:>8} {row['median_ms']:>8} {row['p90_ms']:>8} {row['max_ms']:>8} "
            f"{row['total_s']:>8}"
        )
    verdict = "met" if report["meets_target"] else "MISSED"
    print(
        f"parse / trafilatura: {report['parse_over_trafilatura_mean']}x mean, "
        f"{report['parse_over_trafilatura_median']}x median (target <= 1x: {verdict}); "
        f"outcomes {report['parse_outcomes']}"
    )


if __name__ == "__main__":
    main()
