"""Where the benchmark pages are: the shared bench folder beside the checkout (read at run time, never copied).

Override with ARTICLE_INGEST_BENCH=/path/to/bench.
"""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BENCH_ROOT = Path(os.environ.get("ARTICLE_INGEST_BENCH", REPO.parent / "shared" / "bench"))
