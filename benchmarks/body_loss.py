"""Where the body stage loses story text: each truth shingle a page misses, attributed to the stage that lost it.

    .venv/bin/python benchmarks/body_loss.py                 # wceb-dev half A, losses summed over pages
    .venv/bin/python benchmarks/body_loss.py --pages 20      # also the pages that lose most, stage by stage

Stages: `clean_tree` (by rule: junk tag, furniture tag, role, hidden, the class/id word that matched), the
container choice (`best_candidate` + `with_siblings`), `prune_inside`, rendering + `keep_story_blocks`. A page's
loss at a stage is the share of its truth 4-gram shingles present before the stage and gone after it, so the
summed losses over the pages add up to the recall the stage costs (corpus recall is the mean page recall).
Our own pass only: a page the JSON-LD body or the second extractor rescues shows as lost. "not in page": truth text
the page's rendered text does not hold (a headline only in <title>, text in scripts). Half A only (the protocol):
half B's pages are never looked at.
"""

from __future__ import annotations

import argparse
import copy
import gzip
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

import bench_data
from article_ingest.extraction.body import clean, patterns
from article_ingest.extraction.body.filters import keep_story_blocks, prune_inside
from article_ingest.extraction.body.render import Block, render_blocks
from article_ingest.extraction.body.score import best_candidate, score_candidates, with_siblings
from article_ingest.extraction.decode import decode_html
from article_ingest.extraction.hints import ExtractionHints
from article_ingest.extraction.metadata import extract_metadata
from article_ingest.extraction.page import PageMetadata
from article_ingest.extraction.tree import HtmlElement, parse_tree
from article_ingest.settings import ExtractionSettings
from splits import half_of

_TOKEN_RE = re.compile(r"\w+")


def shingles(text: str) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN_RE.findall(text)
    if len(tokens) < 4:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i : i + 4]) for i in range(len(tokens) - 3))


def covered(truth: Counter[tuple[str, ...]], text: str) -> Counter[tuple[str, ...]]:
    found = shingles(text)
    return Counter({key: min(count, found[key]) for key, count in truth.items() if key in found})


def rendered(elements: list[HtmlElement]) -> str:
    """The text as the body stage would render it (inline tags join words, blocks part them), on copies."""
    return "\n".join(block.text for block in render_blocks([copy.deepcopy(element) for element in elements]))


def _rule(element: HtmlElement) -> str:
    """Why clean_tree removed an element (the first test that fires, as clean_tree checks them)."""
    tag = element.tag
    if tag in patterns.JUNK_TAGS:
        return f"junk:{tag}"
    if tag == "noscript":
        return "noscript"
    if tag in patterns.FURNITURE_TAGS:
        return f"tag:{tag}"
    role = element.get("role")
    if role:
        return f"role:{role}"
    for value in (element.get("class"), element.get("id")):
        if value:
            words = value.lower()
            found = patterns.NEGATIVE_RE.search(words)
            if found and not patterns.PROTECTING_RE.search(words):
                return f"class:{found.group(0)}"
    if clean.is_hidden(element):
        return "hidden"
    return "other"


def _filter_rule(block: Block, metadata: PageMetadata) -> str:
    """Which of keep_story_blocks' tests drops a block on its own ("context" when none does: the trailer pop)."""
    text = block.text
    if block.tag == "h1":
        return "h1"
    if len(text) <= patterns.STOCK_LINE_MAX and patterns.STOCK_LINE_RE.match(text):
        return "stock line"
    if len(text) <= patterns.CREDIT_LINE_MAX and patterns.CREDIT_LINE_RE.search(text):
        return "credit line"
    if len(text) <= 100 and (patterns.DATE_LINE_RE.match(text) or patterns.TIME_LINE_RE.match(text)):
        return "date line"
    if keep_story_blocks([block, Block("p", text="x " * 30)], PageMetadata()) == ["x " * 30]:
        return "date stamp / byline / link line"
    if not keep_story_blocks([block, Block("p", text="x " * 30)], metadata)[:-1]:
        return "title / standfirst / caption"
    return "trailer at the end"


def diagnose(html: bytes, url: str | None, truth_text: str) -> tuple[dict[str, float], dict[str, float], str]:
    """Losses per stage and per clean rule, as shares of the page's truth shingles, and the container path."""
    truth = shingles(truth_text)
    total = sum(truth.values()) or 1
    settings = ExtractionSettings()
    hints = ExtractionHints(url=url)
    page = decode_html(html, hints, settings)
    root = parse_tree(page.text, settings)
    metadata = extract_metadata(root, hints)
    body = root.find("body")
    if body is None:
        body = root

    def text_of(elements: list[HtmlElement]) -> str:
        return rendered(elements)

    before = covered(truth, text_of([body]))
    dropped: list[tuple[str, str]] = []
    original_drop = clean.drop

    def logging_drop(element: HtmlElement) -> None:
        if any(ancestor is body for ancestor in element.iterancestors()):  # outermost removals only
            dropped.append((_rule(element), rendered([element])))
        original_drop(element)

    clean.drop = logging_drop  # type: ignore[assignment]
    try:
        clean.clean_tree(body)
    finally:
        clean.drop = original_drop  # type: ignore[assignment]
    after_clean = covered(truth, text_of([body]))
    by_rule: dict[str, float] = defaultdict(float)
    lost_clean = before - after_clean
    for rule, text in dropped:
        hit = covered(lost_clean, text)
        if hit:
            by_rule[rule] += sum(hit.values()) / total
            lost_clean -= hit

    scores = score_candidates(body)
    candidate = best_candidate(body, scores)
    containers = with_siblings(candidate, scores) if candidate else [body]
    after_choice = covered(truth, text_of(containers))
    for container in containers:
        prune_inside(container)
    after_prune = covered(truth, text_of(containers))
    blocks = render_blocks(containers)
    paragraphs = keep_story_blocks(blocks, metadata)
    after_filter = covered(truth, "\n".join(paragraphs))
    lost_filter = after_prune - after_filter
    output = Counter(paragraphs)
    for block in blocks:
        if output[block.text]:
            output[block.text] -= 1
            continue
        hit = covered(lost_filter, block.text)
        if hit:
            by_rule[f"filter: {_filter_rule(block, metadata)}"] += sum(hit.values()) / total
            lost_filter -= hit

    def lost(a: Counter[tuple[str, ...]], b: Counter[tuple[str, ...]]) -> float:
        return sum((a - b).values()) / total

    stages = {
        "not in page": 1 - sum(before.values()) / total,
        "clean_tree": lost(before, after_clean),
        "container": lost(after_clean, after_choice),
        "prune_inside": lost(after_choice, after_prune),
        "filters": lost(after_prune, after_filter),
    }
    where = "; ".join(f"{c.tag}.{(c.get('class') or '')[:30]}#{(c.get('id') or '')[:20]}" for c in containers[:3]) + (
        f" (+{len(containers) - 3})" if len(containers) > 3 else ""
    )
    return stages, dict(by_rule), where


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--set", default="wceb-dev")
    parser.add_argument("--pages", type=int, default=0, help="list the N pages that lose most")
    parser.add_argument("--ids", nargs="*", help="only these page ids (half A)")
    args = parser.parse_args()
    folder = bench_data.BENCH_ROOT / args.set
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    ids = [i for i in sorted(truth) if half_of(i, truth[i].get("url")) == "A"]
    if args.ids:
        ids = [i for i in ids if i in set(args.ids)]
    stage_sum: Counter[str] = Counter()
    rule_sum: Counter[str] = Counter()
    rule_pages: Counter[str] = Counter()
    rows = []
    for page_id in ids:
        html = gzip.decompress(Path(folder / f"{page_id}.html.gz").read_bytes())
        try:
            stages, rules, where = diagnose(html, truth[page_id].get("url"), truth[page_id]["articleBody"])
        except Exception as error:
            print(f"{page_id}: {error!r}", file=sys.stderr)
            continue
        stage_sum.update(stages)
        rule_sum.update(rules)
        rule_pages.update(rule for rule, share in rules.items() if share >= 0.05)
        rows.append((sum(v for k, v in stages.items() if k != "not in page"), page_id, stages, rules, where))
    print(f"{args.set} half A: {len(rows)} pages; summed recall lost per stage (divide by pages for the mean)")
    for stage, value in stage_sum.most_common():
        print(f"  {stage:14s} {value:7.2f}  ({value / max(len(rows), 1):.4f} of mean recall)")
    print("clean_tree and filters by rule (summed share; pages losing >= 5% to it):")
    for rule, value in rule_sum.most_common(30):
        print(f"  {rule:24s} {value:6.2f}  {rule_pages[rule]}")
    rows.sort(reverse=True)
    for loss, page_id, stages, rules, where in rows[: args.pages]:
        parts = " ".join(f"{k}={v:.2f}" for k, v in stages.items() if v >= 0.01)
        top = ", ".join(f"{k} {v:.2f}" for k, v in sorted(rules.items(), key=lambda kv: -kv[1])[:3])
        print(f"{page_id} lost {loss:.2f}: {parts} | {top} | {where}")


if __name__ == "__main__":
    main()
