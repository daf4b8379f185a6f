"""Where the benchmark pages are: the shared bench folder beside the checkout (read at run time, never copied).

Default `../shared/bench` relative to the checkout; override with `--data DIR` (the scripts that take it) or
ARTICLE_INGEST_BENCH=DIR.
"""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BENCH_ROOT = Path(os.environ.get("ARTICLE_INGEST_BENCH", REPO.parent / "shared" / "bench"))


def set_bench_root(path: Path) -> None:
    """Point every reader (this process and its workers) at another bench folder."""
    global BENCH_ROOT
    BENCH_ROOT = path.resolve()
    os.environ["ARTICLE_INGEST_BENCH"] = str(BENCH_ROOT)
