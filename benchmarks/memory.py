"""Peak RSS of the parse function on the largest dev page and on every hostile-corpus case, against its MemorySize.

    .venv/bin/python benchmarks/memory.py [--json] [--cases NAME ...]

Each measurement runs in a child process shaped like a warm parse container: it imports the parse handler
module (everything the function loads at cold start), then parses one ordinary page so the lazily loaded state
(lxml, regex tables) is resident, as after a container's first invocation, and loads the language model (which
only pages whose declared language a cheap check cannot confirm need: a container keeps it once one has), so each
figure is the worst a warm container can show. Then the input
is built, the process's RSS high-water mark (VmHWM) is reset (`/proc/self/clear_refs`), `ParseService.process`
runs on in-memory ports, and VmHWM is read: the peak of the whole container while that input was parsed.

The largest dev page and each `heavy` hostile case get a fresh child (a freed 50 MB does not always go back to
the OS and would inflate the next case's figure); the light cases share one child, reset before each.
The raw bytes count in the figure (a real GET holds them too). The 50 MB cases are rejected from the GET's size
header in Lambda before their body is read, so their figure includes 50 MB that Lambda would never hold.
"""

from __future__ import annotations

import argparse
import gc
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESULT_PREFIX = "MEMORY_RESULT "
WARM_UP_PAGE = ROOT / "tests" / "fixtures" / "pages" / "seed_devdiscourse.html"
LARGEST_DEV_PAGE = "largest-dev-page"


def memory_size_mb(template: dict[str, Any], logical_id: str) -> int:
    """A function's MemorySize in the SAM template: its own, else the one in `Globals`."""
    own = template["Resources"][logical_id]["Properties"].get("MemorySize")
    return int(own if own is not None else template["Globals"]["Function"]["MemorySize"])


# --- child side ---------------------------------------------------------------------------------------------


def _status_kb(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise RuntimeError(f"no {field} in /proc/self/status")


def _reset_peak() -> None:
    Path("/proc/self/clear_refs").write_text("5")


def child(names: list[str]) -> list[dict[str, Any]]:
    sys.path.insert(0, str(ROOT))
    import article_ingest.handlers.parse  # noqa: F401 - the container's cold-start imports
    from perf_support import InMemoryParse, largest_dev_page

    parse = InMemoryParse()
    parse.process("warm-up.html", WARM_UP_PAGE.read_bytes())
    from article_ingest.extraction.metadata.language import detect_language

    if detect_language(" ".join(["Le conseil municipal a voté hier soir le budget de la ville."] * 10)) != "fr":
        raise RuntimeError("the language model did not load")
    warm_rss_kb = _status_kb("VmRSS")
    results = []
    for name in names:
        if name == LARGEST_DEV_PAGE:
            page = largest_dev_page()
            label, url, build = f"{LARGEST_DEV_PAGE} ({page.name})", page.url, lambda page=page: page.html
        else:
            from tests.hostile.corpus import CASES_BY_NAME

            case = CASES_BY_NAME[name]
            label, url, build = name, case.hints.url, case.build
        data = build()
        gc.collect()
        before_kb = _status_kb("VmRSS")
        _reset_peak()
        cpu_started = time.process_time()
        outcome = parse.process(f"{name}.html", data, url)
        cpu_s = time.process_time() - cpu_started
        peak_kb = _status_kb("VmHWM")
        results.append(
            {
                "case": label,
                "input_mb": round(len(data) / 2**20, 2),
                "outcome": outcome.reason.value if outcome.reason else outcome.status.value,
                "warm_rss_mb": round(warm_rss_kb / 1024, 1),
                "rss_before_mb": round(before_kb / 1024, 1),
                "peak_rss_mb": round(peak_kb / 1024, 1),
                "growth_mb": round((peak_kb - before_kb) / 1024, 1),
                "cpu_s": round(cpu_s, 3),  # for the timeout arithmetic in docs/scale.md
            }
        )
        del data
    return results


# --- parent side --------------------------------------------------------------------------------------------


def _run_child(names: list[str]) -> list[dict[str, Any]]:
    completed = subprocess.run(
        [sys.executable, __file__, "--child", *names], capture_output=True, text=True, check=False, cwd=ROOT
    )
    for line in reversed(completed.stdout.splitlines()):
        if line.startswith(RESULT_PREFIX):
            results: list[dict[str, Any]] = json.loads(line[len(RESULT_PREFIX) :])
            return results
    raise RuntimeError(f"memory child failed ({completed.returncode}) on {names}:\n{completed.stderr[-3000:]}")


def measure(only: list[str] | None) -> dict[str, Any]:
    sys.path.insert(0, str(ROOT))
    from tests.hostile.corpus import CASES

    from article_ingest.local.template import load_template

    memory_mb = memory_size_mb(load_template(), "ParseFunction")
    heavy = [case.name for case in CASES if case.heavy]
    light = [case.name for case in CASES if not case.heavy]
    if only:
        heavy = [name for name in [LARGEST_DEV_PAGE, *heavy] if name in only]
        light = [name for name in light if name in only]
    else:
        heavy = [LARGEST_DEV_PAGE, *heavy]
    rows = [row for name in heavy for row in _run_child([name])]
    if light:
        rows.extend(_run_child(light))
    worst = max(rows, key=lambda row: row["peak_rss_mb"])
    return {
        "parse_memory_size_mb": memory_mb,
        "cases": rows,
        "worst": worst,
        "worst_share_of_memory": round(worst["peak_rss_mb"] / memory_mb, 2),
        "fits": worst["peak_rss_mb"] < memory_mb,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--cases", nargs="+", help=f"only these cases ({LARGEST_DEV_PAGE} or hostile case names)")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        results = child(args.child)
        sys.stdout.flush()
        print(RESULT_PREFIX + json.dumps(results))
        return
    report = measure(args.cases)
    if args.json:
        print(json.dumps(report, indent=2))
        return
    rows = sorted(report["cases"], key=lambda row: -row["peak_rss_mb"])
    print(f"parse function peak RSS (MemorySize {report['parse_memory_size_mb']} MB); top cases:")
    print(f"{'case':<58} {'input MB':>9} {'warm':>7} {'peak':>7} {'growth':>7} {'CPU s':>7}  outcome")
    for row in rows[:15]:
        print(
            f"{row['case'][:58]:<58} {row['input_mb']:>9} {row['warm_rss_mb']:>7} {row['peak_rss_mb']:>7} "
            f"{row['growth_mb']:>7} {row['cpu_s']:>7}  {row['outcome']}"
        )
    slowest = max(report["cases"], key=lambda row: row["cpu_s"])
    print(f"slowest case: {slowest['case']} at {slowest['cpu_s']} CPU s")
    print(
        f"{len(rows)} cases; worst {report['worst']['case']} at {report['worst']['peak_rss_mb']} MB = "
        f"{report['worst_share_of_memory']:.0%} of {report['parse_memory_size_mb']} MB"
    )


if __name__ == "__main__":
    main()
