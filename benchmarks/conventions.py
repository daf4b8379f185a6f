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

from product import BODY_SETS, Prediction, groups_of, load_pages, score_body


def _opened_with(prediction: Prediction, *, byline: bool) -> str:
    """The emitted body with the Article's title (and, if asked, a "By A and B" line) before it, as such truths
    open; a refused page stays empty."""
    body = prediction.get("body") or ""
    if not body:
        return body
    authors = [name for name in prediction.get("authors") or [] if name]
    opening = [prediction.get("title") or "", "By " + " and ".join(authors) if byline and authors else ""]
    return "\n\n".join(part for part in (*opening, body) if part)


VARIANTS: dict[str, Callable[[Prediction], str]] = {
    "as emitted": lambda prediction: prediction.get("body") or "",
    "+ title": lambda prediction: _opened_with(prediction, byline=False),
    "+ title + byline": lambda prediction: _opened_with(prediction, byline=True),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("predictions", type=Path, help="a file written by product.py --save")
    args = parser.parse_args()
    saved = json.loads(args.predictions.read_text(encoding="utf-8"))
    for set_name in BODY_SETS:
        if set_name not in saved:
            continue
        truth, pages = load_pages(set_name, None)
        predictions: dict[str, Prediction] = saved[set_name]
        print(f"## {set_name}\n\n| group | pages | " + " | ".join(VARIANTS) + " |")
        print("|---|---|" + "---|" * len(VARIANTS))
        for group, ids in groups_of(set_name, pages).items():
            cells = []
            for variant in VARIANTS.values():
                emitted = {i: {**predictions.get(i, {}), "body": variant(predictions.get(i, {}))} for i in ids}
                cells.append(f"{score_body(truth, emitted, ids)['f1']:.4f}")
            print(f"| {group} | {len(ids)} | " + " | ".join(cells) + " |")
        print()


if __name__ == "__main__":
    main()
