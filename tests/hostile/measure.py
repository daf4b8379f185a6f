"""Run one corpus case in this process and print its outcome and peak RSS as JSON.

`python -m tests.hostile.measure CASE_NAME` (from the repository root). The peak is reset after the input is
built, so it counts what the parse function would hold: the raw bytes plus everything extraction allocates.
"""

from __future__ import annotations

import gc
import json
import resource
import sys
import time
from pathlib import Path

from article_ingest.domain.errors import ExtractionRefused
from article_ingest.extraction import extract_article
from tests.hostile.corpus import CASES_BY_NAME
from tests.hostile.safety import safety_violations


def _status_kb(field: str) -> int | None:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return None


def _reset_peak() -> bool:
    """Linux lets a process reset its own RSS high-water mark (VmHWM) by writing 5 to clear_refs."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def measure(name: str) -> dict[str, object]:
    case = CASES_BY_NAME[name]
    data = case.build()
    gc.collect()
    reset = _reset_peak()
    started = time.monotonic()
    result: dict[str, object] = {"case": name, "input_bytes": len(data)}
    try:
        article = extract_article(data, case.hints)
    except ExtractionRefused as refused:
        result.update(outcome=refused.reason.value, message=refused.message)
    else:
        result.update(outcome="article", violations=safety_violations(article), body_chars=len(article.body))
        result["markers_missing"] = [m for m in case.markers if m not in article.body]
        if case.check is not None:
            try:
                case.check(article)
            except AssertionError as failed:
                result["check_failed"] = str(failed)
    result["seconds"] = round(time.monotonic() - started, 3)
    peak_kb = _status_kb("VmHWM") if reset else None
    result["peak_rss_mb"] = round((peak_kb or resource.getrusage(resource.RUSAGE_SELF).ru_maxrss) / 1024, 1)
    result["peak_is_since_input"] = reset and peak_kb is not None
    return result


if __name__ == "__main__":
    print(json.dumps(measure(sys.argv[1])))
