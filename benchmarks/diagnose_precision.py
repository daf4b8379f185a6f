"""Where a body's surplus comes from: per page, the emitted blocks that are not in the truth, and their source.

    PYTHONPATH=functions .venv/bin/python benchmarks/diagnose_precision.py wceb-dev ID [ID ...]
    PYTHONPATH=functions .venv/bin/python benchmarks/diagnose_precision.py wceb-dev --half A --below 0.8

For each page: the chosen container (its path, class, id), the siblings taken with it, whether the fallback or
JSON-LD produced the body, and each kept block with the share of its 4-gram shingles found in the truth, under the
nearest ancestor that has a class or id. Half A pages only (the protocol): `--half A` filters the listed ids.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from pathlib import Path

import bench_data
from article_ingest.extraction import ExtractionHints, ExtractionRefused, extract_article
from article_ingest.extraction.body import story_pass
from article_ingest.extraction.body.filters import keep_story_blocks
from article_ingest.extraction.body.jsonld import jsonld_article_body
from article_ingest.extraction.decode import decode_html
from article_ingest.extraction.metadata import extract_metadata
from article_ingest.extraction.tree import HtmlElement, parse_tree
from article_ingest.settings import ExtractionSettings
from body_loss import shingles
from splits import half_of


def describe(element: HtmlElement | None) -> str:
    if element is None:
        return "-"
    parts = []
    node: HtmlElement | None = element
    while node is not None and len(parts) < 4:
        label = str(node.tag)
        if node.get("id"):
            label += "#" + node.get("id", "")[:30]
        if node.get("class"):
            label += "." + ".".join(node.get("class", "").split())[:40]
        parts.append(label)
        node = node.getparent()
    return " < ".join(parts)


def _marked_ancestor(element: HtmlElement | None, stop: list[HtmlElement]) -> HtmlElement | None:
    node = element
    while node is not None:
        if node.get("class") or node.get("id") or node in stop:
            return node
        node = node.getparent()
    return None


def diagnose(page_id: str, html: bytes, truth_text: str, url: str | None) -> None:
    settings = ExtractionSettings()
    hints = ExtractionHints(url=url)
    try:
        article = extract_article(html, hints)
        product = article.body
        provenance = str(article.provenance.get("body", "?"))
    except ExtractionRefused as exc:
        product, provenance = "", f"refused {exc}"
    page = decode_html(html, hints, settings)
    root = parse_tree(page.text, settings)
    metadata = extract_metadata(root, hints)
    jsonld = jsonld_article_body(root)
    chosen = story_pass(root)
    candidate, containers, blocks = chosen.candidate, chosen.containers, chosen.blocks
    kept = set(keep_story_blocks(blocks, metadata))
    truth = shingles(truth_text)
    ours_text = "\n".join(b.text for b in blocks if b.text in kept)
    ours = shingles(ours_text)
    tp = sum(min(c, truth[k]) for k, c in ours.items())
    print(
        f"=== {page_id}  truth {len(truth_text.split())} w, heuristic {len(ours_text.split())} w, "
        f"precision {tp / max(1, sum(ours.values())):.2f}, recall {tp / max(1, sum(truth.values())):.2f}"
    )
    print(f"    product {len(product.split())} w ({provenance}); jsonld {sum(len(p.split()) for p in jsonld)} w")
    if candidate is not None:
        print(f"    candidate {describe(candidate.element)} score {candidate.score:.1f}")
    for container in containers:
        if candidate is None or container is not candidate.element:
            print(f"    + sibling {describe(container)}")
    last_group = None
    for block in blocks:
        if block.text not in kept:
            continue
        block_shingles = shingles(block.text)
        inside = sum(min(c, truth[k]) for k, c in block_shingles.items()) / max(1, sum(block_shingles.values()))
        group = _marked_ancestor(block.opened_by, containers)
        if group is not last_group:
            print(f"  [{describe(group)}]")
            last_group = group
        mark = " " if inside >= 0.5 else "X"
        print(f"   {mark} {inside:.2f} {block.tag:5} {block.text[:110]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("set_name")
    parser.add_argument("ids", nargs="*")
    parser.add_argument("--half", default="A")
    args = parser.parse_args(argv)
    folder = bench_data.BENCH_ROOT / args.set_name
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    for page_id in args.ids:
        url = truth[page_id].get("url")
        if half_of(page_id, url) != args.half:
            print(f"=== {page_id}: not in half {args.half}, skipped")
            continue
        html = gzip.decompress(Path(folder, f"{page_id}.html.gz").read_bytes())
        diagnose(page_id, html, truth[page_id]["articleBody"], url)
    return 0


if __name__ == "__main__":
    sys.exit(main())
