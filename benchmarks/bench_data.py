"""Where the benchmark pages are: the shared bench folder beside the checkout (read at run time, never copied).

Default `../shared/bench` relative to the checkout; override with `--data DIR` (the scripts that take it) or
ARTICLE_INGEST_BENCH=DIR.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parents[1]
BENCH_ROOT = Path(os.environ.get("ARTICLE_INGEST_BENCH", REPO.parent / "shared" / "bench"))


def set_bench_root(path: Path) -> None:
    """Point every reader (this process and its workers) at another bench folder."""
    global BENCH_ROOT
    BENCH_ROOT = path.resolve()
    os.environ["ARTICLE_INGEST_BENCH"] = str(BENCH_ROOT)


def body_scorer() -> ModuleType:
    """The shared body scorer (`score.py` in the bench folder: 4-gram shingle precision, recall, F1 per page)."""
    spec = importlib.util.spec_from_file_location("body_score", BENCH_ROOT / "score.py")
    if spec is None or spec.loader is None:
        raise ImportError(BENCH_ROOT / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
