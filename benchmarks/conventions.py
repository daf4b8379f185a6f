"""What the body sets' truth conventions are worth: the product's own output, scored as shipped and as a truth
that keeps the headline and byline would read it. A diagnostic, never a headline figure.

    .venv/bin/python benchmarks/product.py --no-trafilatura --jobs 2 --save /tmp/now.json
    .venv/bin/python benchmarks/conventions.py /tmp/now.json

Dragnet, L3S-GN1 and CleanEval truths open with the headline (and Dragnet's and L3S's keep the byline);
scrapinghub's and Readability's do not. The Article carries the headline and authors in fields of their own, so
its body leaves them out on purpose. This prints, per set, half and wceb dataset, body F1 (the shared scorer, as
`product.py` scores it) for the body as emitted, with the Article's title put before it, and with the title and an
author line ("By A and B") before it: how much of a gap to a target is that convention, not a story lost. Nothing
here changes what the product emits.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import bench_data
from product import Prediction, load_pages, score_body
from splits import half_of

BODY_SETS = ("scrapinghub-dev", "wceb-dev")


def _with_title(prediction: Prediction) -> str:
    body = prediction.get("body") or ""
    title = prediction.get("title") or ""
    return f"{title}\n\n{body}" if body and title else body


def _with_title_and_byline(prediction: Prediction) -> str:
    body = _with_title(prediction)
    authors = [name for name in prediction.get("authors") or [] if name]
    if not body or not authors:
        return body
    title, _, rest = body.partition("\n\n") if prediction.get("title") else ("", "", body)
    byline = "By " + " and ".join(authors)
    return "\n\n".join(part for part in (title, byline, rest) if part)


VARIANTS: dict[str, Callable[[Prediction], str]] = {
    "as emitted": lambda prediction: prediction.get("body") or "",
    "+ title": _with_title,
    "+ title + byline": _with_title_and_byline,
}


def groups_of(set_name: str, truth: dict[str, Any]) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = {"A": [], "B": [], "all": []}
    for page_id in sorted(truth):
        groups[half_of(page_id, truth[page_id].get("url"))].append(page_id)
        groups["all"].append(page_id)
    if set_name == "wceb-dev":
        sources = json.loads((bench_data.BENCH_ROOT / set_name / "ids-by-source.json").read_text(encoding="utf-8"))
        groups.update({source: sorted(ids) for source, ids in sources.items()})
    return groups


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("predictions", type=Path, help="a file written by product.py --save")
    args = parser.parse_args()
    saved = json.loads(args.predictions.read_text(encoding="utf-8"))
    for set_name in BODY_SETS:
        if set_name not in saved:
            continue
        truth, _pages = load_pages(set_name, None)
        predictions: dict[str, Prediction] = saved[set_name]
        print(f"## {set_name}\n\n| group | pages | " + " | ".join(VARIANTS) + " |")
        print("|---|---|" + "---|" * len(VARIANTS))
        for group, ids in groups_of(set_name, truth).items():
            cells = []
            for variant in VARIANTS.values():
                emitted = {i: {**predictions.get(i, {}), "body": variant(predictions.get(i, {}))} for i in ids}
                cells.append(f"{score_body(truth, emitted, ids)['f1']:.4f}")
            print(f"| {group} | {len(ids)} | " + " | ".join(cells) + " |")
        print()


if __name__ == "__main__":
    main()
