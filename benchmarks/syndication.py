"""Syndicated copies: how well body signatures group copies of one story, and what they cost (issue 12).

Built at run time from the dev pages in ../shared/bench (never copied into the repository):

* every page with a ground-truth body of >= 5 paragraphs and >= 150 words is a **story**; its **original** is the
  real page, extracted by our extractor;
* each story gets three **copies**: its true body, edited as syndication does (rewritten headline and standfirst,
  a paragraph dropped or added at the end, paragraphs reordered, a few sentences reworded, an agency credit line),
  rendered under another site's template (menus, trending lists, related links, footer) and extracted again;
  every copy keeps >= 70% of the original's words;
* hard negatives: other stories rendered under the same templates, stories on the same topic (the pairs of
  different stories whose bodies share the most words are reported), and for every other story a **follow-up**
  that quotes two of its paragraphs (less than a third of its words) and adds six paragraphs of its own: a
  different story.

Scored: pair precision / recall across thresholds of the estimated similarity (every pair of documents; a pair is
positive when both are the same story), then the production path itself — documents arriving in a random order
through `decide_story` and the LSH band keys over an in-memory story index, exactly as the parse function does —
as pair precision / recall of the stories it forms. Also: CPU per signature on the dev pages' bodies, import
time and installed size of each method (our hashlib implementation, datasketch, rensa).

    .venv/bin/python benchmarks/syndication.py                      # scrapinghub-dev + wceb-dev, ~300 stories
    .venv/bin/python benchmarks/syndication.py --stories 100 --methods ours
    .venv/bin/python benchmarks/syndication.py --data DIR --sets wceb-holdout   # a held-out folder, same layout
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import html
import json
import random
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_data
from article_ingest.domain import story
from article_ingest.domain.errors import ExtractionRefused
from article_ingest.extraction import ExtractionHints, extract_article

DEFAULT_SETS = ("scrapinghub-dev", "wceb-dev")
STORY_SOURCES = {"dragnet", "l3s-gn1", "cleanportaleval", "readability", None}  # cleaneval: mostly not news
THRESHOLDS = (0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7)
MIN_KEPT = 0.70
MAX_QUOTED = 1 / 3
WITH_ORIGINAL = "copies in their original's story"

# --- the stories --------------------------------------------------------------------------------------------------


@dataclass
class Story:
    page_id: str
    path: Path
    url: str | None
    paragraphs: list[str]

    @property
    def words(self) -> int:
        return sum(len(p.split()) for p in self.paragraphs)


@dataclass
class Document:
    name: str
    story: str  # the story it belongs to: copies share their original's
    kind: str  # original | copy | follow-up
    html: bytes
    url: str | None = None
    kept: float = 1.0  # share of the original's words the copy keeps
    body: str = ""
    signatures: dict[str, Any] = field(default_factory=dict)


def load_stories(sets: Sequence[str], seed: int) -> list[Story]:
    """Every usable page, shuffled: the first ones are the stories, the rest lend follow-ups their new text."""
    stories: list[Story] = []
    for set_name in sets:
        folder = bench_data.BENCH_ROOT / set_name
        truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
        for page_id in sorted(truth):
            entry = truth[page_id]
            if entry.get("source") not in STORY_SOURCES:
                continue
            paragraphs = [" ".join(line.split()) for line in entry["articleBody"].split("\n") if line.strip()]
            while paragraphs and len(paragraphs[0].split()) < 12:  # a headline or byline the truth starts with
                paragraphs.pop(0)
            paragraphs = [p for p in paragraphs if len(p.split()) >= 4]
            candidate = Story(page_id, folder / f"{page_id}.html.gz", entry.get("url"), paragraphs)
            if len(paragraphs) >= 5 and candidate.words >= 150 and candidate.path.exists():
                stories.append(candidate)
    rng = random.Random(seed)
    rng.shuffle(stories)
    return stories


# --- what syndication does to a body ------------------------------------------------------------------------------

CREDITS = (
    "(Reuters) - ",
    "(AP) — ",
    "PARIS (AFP) - ",
    "NEW DELHI (PTI): ",
)
CLOSING_CREDITS = (
    "This story has not been edited by our staff and is auto-generated from a syndicated feed.",
    "With inputs from agencies.",
    "Copyright 2026 The Associated Press. All rights reserved. This material may not be published, broadcast, "
    "rewritten or redistributed without permission.",
    "Reporting by our correspondents; editing by the wire desk. Our standards: the Trust Principles.",
)
ADDED_ENDINGS = (
    "Readers can follow the latest developments on this story on our live page, which is updated throughout the day "
    "with reports from correspondents and agencies.",
    "Officials were expected to give further details later in the week, and the matter will be discussed again "
    "when the committee meets next month, according to people familiar with the plans.",
    "The company and the authorities involved did not respond to requests for comment by the time of publication, "
    "and it was not immediately clear what the next steps would be.",
)
SYNONYMS = {
    "said": "stated",
    "says": "states",
    "told": "informed",
    "about": "around",
    "also": "additionally",
    "big": "large",
    "but": "however",
    "people": "residents",
    "many": "numerous",
    "new": "fresh",
    "show": "indicate",
    "shows": "indicates",
    "help": "assist",
    "start": "begin",
    "started": "began",
    "because": "as",
    "very": "highly",
    "get": "obtain",
    "make": "create",
    "more": "further",
}


def reword(sentence: str, rng: random.Random) -> str:
    """A light rewrite: synonyms for common words, one word dropped."""
    words = sentence.split()
    changed = [SYNONYMS.get(w.lower(), w) if rng.random() < 0.8 else w for w in words]
    if len(changed) > 8:
        del changed[rng.randrange(1, len(changed) - 1)]
    return " ".join(changed)


def reword_sentences(paragraphs: list[str], rng: random.Random, count: int) -> list[str]:
    out = list(paragraphs)
    for _ in range(count):
        index = rng.randrange(len(out))
        sentences = re.split(r"(?<=[.!?])\s+", out[index])
        pick = rng.randrange(len(sentences))
        sentences[pick] = reword(sentences[pick], rng)
        out[index] = " ".join(sentences)
    return out


def kept_share(original: list[str], copy: list[str]) -> float:
    """Share of the original's words whose paragraph the copy still carries (reworded or not)."""
    total = sum(len(p.split()) for p in original)
    copied = set(copy)
    return sum(len(p.split()) for p in original if p in copied) / total


def make_copy(story_: Story, variant: int, rng: random.Random) -> tuple[list[str], float]:
    """The body of one syndicated copy, and the share of the original it keeps (>= MIN_KEPT)."""
    paragraphs = list(story_.paragraphs)
    if variant == 0:  # credit line, a few sentences reworded, the last paragraph dropped if it is short
        if len(paragraphs[-1].split()) < 0.2 * story_.words:
            paragraphs = paragraphs[:-1]
    elif variant == 1:  # paragraphs reordered, a paragraph added at the end
        i = rng.randrange(1, len(paragraphs) - 1)
        paragraphs[i], paragraphs[i + 1] = paragraphs[i + 1], paragraphs[i]
        if len(paragraphs) > 4:
            j = rng.randrange(2, len(paragraphs) - 1)
            paragraphs[j], paragraphs[j - 1] = paragraphs[j - 1], paragraphs[j]
    else:  # trimmed from the end to between 70% and 85% of the words, as a shorter cut of the wire copy
        target = rng.uniform(MIN_KEPT + 0.02, 0.85)
        while len(paragraphs) > 3 and kept_share(story_.paragraphs, paragraphs[:-1]) >= target:
            paragraphs = paragraphs[:-1]
    kept = kept_share(story_.paragraphs, paragraphs)
    edited = reword_sentences(paragraphs, rng, count=rng.randint(2, 4))
    if variant == 1:
        edited.append(rng.choice(ADDED_ENDINGS))
    credit = rng.choice(CREDITS)
    edited[0] = credit + edited[0]
    if rng.random() < 0.6:
        edited.append(rng.choice(CLOSING_CREDITS))
    return edited, kept


def make_follow_up(story_: Story, other: Story, rng: random.Random) -> tuple[list[str], float]:
    """Two paragraphs of the original (less than a third of its words) and six of another story's."""
    order = sorted(range(len(story_.paragraphs)), key=lambda i: (len(story_.paragraphs[i].split()), i))
    quoted = list(order[:2])
    words = sum(len(story_.paragraphs[i].split()) for i in quoted)
    while quoted and words >= MAX_QUOTED * story_.words:
        words -= len(story_.paragraphs[quoted.pop()].split())
    new = list(other.paragraphs)[:6]
    body = [new[0], *(story_.paragraphs[i] for i in sorted(quoted)), *new[1:]]
    return body, words / story_.words


# --- templates: other sites' page furniture ----------------------------------------------------------------------

SITES = (
    ("Coastline Herald", "coastline-herald.example", "site-header", "story-body", "rail"),
    ("Metro Ledger", "metroledger.example", "masthead", "article__content", "sidebar"),
    ("The Valley Post", "valleypost.example", "top-nav", "entry-content", "aside-popular"),
    ("Daily Courier Online", "dailycourier.example", "nav-main", "post-body", "widget-area"),
    ("Northern Wire", "northernwire.example", "hdr", "text-block", "col-right"),
    ("Global Digest", "globaldigest.example", "menu", "articleText", "trending"),
)
MENU = ("Home", "World", "Business", "Politics", "Sport", "Culture", "Opinion", "Video", "Newsletters", "Subscribe")


def rewritten_headline(title: str, rng: random.Random) -> str:
    words = title.split()
    prefix = rng.choice(("UPDATE 1-", "Explained:", "Watch:", "", "Breaking:"))
    if len(words) > 4:
        words = words[2:] + words[:2]
    return f"{prefix} {' '.join(words)}".strip()


def render(
    site: tuple[str, str, str, str, str],
    title: str,
    standfirst: str,
    paragraphs: list[str],
    teasers: list[str],
    slug: str,
) -> tuple[bytes, str]:
    """A page of `site` carrying the story: the URL is on the site's own domain."""
    name, domain, header_class, body_class, rail_class = site
    url = f"https://www.{domain}/news/2026/03/{slug}"
    e = html.escape
    menu = "".join(f'<li><a href="/{m.lower()}">{m}</a></li>' for m in MENU)
    rail = "".join(f'<li><a href="/news/{i}">{e(t)}</a></li>' for i, t in enumerate(teasers))
    related = "".join(f'<li><a href="/related/{i}">{e(t)}</a></li>' for i, t in enumerate(reversed(teasers)))
    body = "".join(f"<p>{e(p)}</p>" for p in paragraphs)
    page = f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{e(title)} | {e(name)}</title>
<link rel="canonical" href="{url}"><meta property="og:site_name" content="{e(name)}">
<meta name="description" content="{e(standfirst)}"></head><body>
<div class="cookie-banner">We use cookies to improve your experience. <a href="/privacy">Manage preferences</a></div>
<header class="{header_class}"><a class="logo" href="/">{e(name)}</a><nav><ul>{menu}</ul></nav></header>
<main><article><h1>{e(title)}</h1><p class="standfirst">{e(standfirst)}</p>
<div class="byline">By Wire Desk | Updated: 14 Mar 2026, 09:{len(slug) % 60:02d} GMT</div>
<div class="{body_class}">{body}</div>
<div class="share">Share this article: Facebook Twitter WhatsApp Email</div>
<section class="related"><h2>Related stories</h2><ul>{related}</ul></section></article>
<aside class="{rail_class}"><h2>Most read</h2><ol>{rail}</ol></aside></main>
<footer><p>&copy; 2026 {e(name)}. All rights reserved.</p><ul><li>About us</li><li>Contact</li><li>Terms</li></ul>
</footer></body></html>"""
    return page.encode("utf-8"), url


# --- building the set -------------------------------------------------------------------------------------------


def extract_original(story_: Story) -> tuple[bytes, str, str] | None:
    data = gzip.decompress(story_.path.read_bytes())
    try:
        article = extract_article(data, ExtractionHints(url=story_.url))
    except ExtractionRefused:
        return None
    return data, article.title, article.description or story_.paragraphs[0][:200]


@functools.cache
def _topic_words(text: str) -> frozenset[str]:
    return frozenset(w for w in story.words(text) if len(w) > 4)


def topic_words(s: Story) -> frozenset[str]:
    return _topic_words(" ".join(s.paragraphs))


def closest_topic(s: Story, pool: list[Story]) -> Story:
    """The pool story sharing the most longer words with `s`: a follow-up's new text, on the same topic."""
    mine = topic_words(s)
    return max(pool, key=lambda other: len(mine & topic_words(other)) / len(mine | topic_words(other)))


def build(stories: list[Story], pool: list[Story], seed: int) -> tuple[list[Document], dict[str, float]]:
    rng = random.Random(seed)
    pool = list(pool)
    titles: dict[str, tuple[str, str]] = {}
    documents: list[Document] = []
    originals: dict[str, bytes] = {}
    for s in stories:
        extracted = extract_original(s)
        if extracted is None:
            continue
        data, title, standfirst = extracted
        originals[s.page_id] = data
        titles[s.page_id] = (title, standfirst)
    kept_stories = [s for s in stories if s.page_id in originals]
    headlines = [titles[s.page_id][0] for s in kept_stories]
    quoted_shares: list[float] = []
    for number, s in enumerate(kept_stories):
        title, standfirst = titles[s.page_id]
        documents.append(Document(f"{s.page_id}/original", s.page_id, "original", originals[s.page_id], s.url))
        sites = rng.sample(SITES, 4)
        for variant in range(3):
            body, kept = make_copy(s, variant, rng)
            teasers = rng.sample(headlines, 6)
            page, url = render(
                sites[variant],
                rewritten_headline(title, rng),
                f"{rng.choice(('Officials say', 'In short:', 'What we know:'))} {standfirst}",
                body,
                teasers,
                f"{s.page_id[-12:]}-{variant}",
            )
            documents.append(Document(f"{s.page_id}/copy{variant}", s.page_id, "copy", page, url, kept=kept))
        if number % 2 == 1 and pool:  # follow-ups of every other story; new text from a story used nowhere else
            other = closest_topic(s, pool)
            pool.remove(other)
            body, quoted = make_follow_up(s, other, rng)
            quoted_shares.append(quoted)
            page, url = render(
                sites[3], f"What happens next: {title}", standfirst, body, rng.sample(headlines, 6), f"{s.page_id}-f"
            )
            documents.append(Document(f"{s.page_id}/follow-up", f"{s.page_id}+follow-up", "follow-up", page, url))
    stats = {
        "stories": len(kept_stories),
        "refused originals": len(stories) - len(kept_stories),
        "max quoted share in follow-ups": max(quoted_shares, default=0.0),
    }
    return documents, stats


def extract_bodies(documents: list[Document]) -> list[Document]:
    kept = []
    for doc in documents:
        try:
            doc.body = extract_article(doc.html, ExtractionHints(url=doc.url)).body
        except ExtractionRefused:
            continue
        kept.append(doc)
    return kept


# --- the methods -------------------------------------------------------------------------------------------------


def ours_signature(body: str) -> Any:
    return story.body_signature(body)


def ours_values(signature: Any) -> list[int]:
    return list(signature.values)


def datasketch_signature(body: str) -> Any:
    from datasketch import MinHash

    grams = story.shingles(body)
    if len(grams) < story.MIN_SHINGLES:
        return None
    minhash = MinHash(num_perm=story.SIGNATURE_SIZE, seed=1)
    minhash.update_batch([g.encode("utf-8") for g in grams])
    return minhash


def datasketch_values(signature: Any) -> list[int]:
    return [int(v) for v in signature.hashvalues]


def rensa_signature(body: str) -> Any:
    from rensa import RMinHash

    grams = story.shingles(body)
    if len(grams) < story.MIN_SHINGLES:
        return None
    minhash = RMinHash(num_perm=story.SIGNATURE_SIZE, seed=1)
    minhash.update(list(grams))
    return minhash


def rensa_values(signature: Any) -> list[int]:
    return [int(v) for v in signature.digest()]


METHODS: dict[str, tuple[Callable[[str], Any], Callable[[Any], list[int]], str, tuple[str, ...]]] = {
    "ours": (ours_signature, ours_values, "article_ingest.domain.story", ()),
    "datasketch": (datasketch_signature, datasketch_values, "datasketch", ("datasketch", "numpy", "scipy")),
    "rensa": (rensa_signature, rensa_values, "rensa", ("rensa",)),
}


def cpu_per_signature(bodies: list[str], make: Callable[[str], Any], repeats: int = 5) -> list[float]:
    """Per body, the best of `repeats` process-CPU times (ms) of one signature: the scheduler's noise removed."""
    make(bodies[0])  # imports and first-call set-up are the cold start's, not the per-article cost
    times = []
    for body in bodies:
        best = float("inf")
        for _ in range(repeats):
            started = time.process_time_ns()
            make(body)
            best = min(best, (time.process_time_ns() - started) / 1e6)
        times.append(best)
    return times


def import_ms(module: str, runs: int = 7) -> float:
    code = f"import time; t = time.perf_counter(); import {module}; print((time.perf_counter() - t) * 1000)"
    samples = [float(subprocess.check_output([sys.executable, "-c", code], text=True)) for _ in range(runs)]
    return statistics.median(samples)


def installed_mb(distributions: tuple[str, ...]) -> float:
    from importlib.metadata import distribution

    total = 0
    for name in distributions:
        dist = distribution(name)
        for file in dist.files or ():
            path = Path(str(dist.locate_file(file)))
            if path.is_file():
                total += path.stat().st_size
    return total / 1e6


# --- scoring -----------------------------------------------------------------------------------------------------


def pair_scores(docs: list[Document], method: str) -> tuple[np.ndarray, np.ndarray]:
    """Every pair (i < j): the estimated similarity (0 when a body is too short) and whether it is a true pair."""
    values = METHODS[method][1]
    rows = [values(d.signatures[method]) if d.signatures[method] is not None else None for d in docs]
    width = story.SIGNATURE_SIZE
    matrix = np.array([r if r is not None else [-1 - i] * width for i, r in enumerate(rows)], dtype=np.int64)
    labels = np.array([hash(d.story) for d in docs])
    scores, truth = [], []
    for i in range(len(docs) - 1):
        scores.append((matrix[i + 1 :] == matrix[i]).mean(axis=1))
        truth.append(labels[i + 1 :] == labels[i])
    return np.concatenate(scores), np.concatenate(truth)


def precision_recall(predicted: np.ndarray, truth: np.ndarray) -> tuple[float, float]:
    tp = int(np.sum(predicted & truth))
    fp = int(np.sum(predicted & ~truth))
    fn = int(np.sum(~predicted & truth))
    return tp / (tp + fp) if tp + fp else 1.0, tp / (tp + fn) if tp + fn else 1.0


@dataclass
class _MemoryStoryIndex:
    """The story index as the parse function uses it (band key -> first member), in memory."""

    members: dict[str, story.StoryMember] = field(default_factory=dict)
    reads: int = 0
    writes: int = 0

    def assign(self, article_id: str, signature: story.BodySignature | None, threshold: float) -> str:
        if signature is None:
            return article_id
        keys = signature.band_keys()
        self.reads += len(keys)
        found = {k: self.members[k] for k in keys if k in self.members}
        decided = story.decide_story(article_id, signature, found, threshold=threshold)
        for key in keys:
            if key not in self.members:
                self.members[key] = story.StoryMember(article_id, decided.story_id, signature)
                self.writes += 1
        return decided.story_id


LAYOUTS = ((32, 4), (24, 4), (20, 4), (16, 4), (24, 3), (16, 3), (12, 3), (16, 2))


@contextlib.contextmanager
def _layout(bands: int, rows: int) -> Iterator[None]:
    """Another band layout over the same signatures (what the story module would do with other constants)."""
    saved = story.BANDS, story.ROWS
    story.BANDS, story.ROWS = bands, rows
    try:
        yield
    finally:
        story.BANDS, story.ROWS = saved


def production_path(docs: list[Document], threshold: float, seed: int) -> dict[str, float]:
    """Documents in a random arrival order through the band keys and `decide_story`; pairs of the stories formed."""
    order = list(range(len(docs)))
    random.Random(seed).shuffle(order)
    index = _MemoryStoryIndex()
    assigned: dict[int, str] = {}
    for i in order:
        assigned[i] = index.assign(docs[i].name, docs[i].signatures["ours"], threshold)
    labels = np.array([hash(d.story) for d in docs])
    stories = np.array([hash(assigned[i]) for i in range(len(docs))])
    predicted, truth = [], []
    for i in range(len(docs) - 1):
        predicted.append(stories[i + 1 :] == stories[i])
        truth.append(labels[i + 1 :] == labels[i])
    precision, recall = precision_recall(np.concatenate(predicted), np.concatenate(truth))
    copies = [i for i, d in enumerate(docs) if d.kind == "copy"]
    originals = {d.story: i for i, d in enumerate(docs) if d.kind == "original"}
    with_original = sum(
        1 for i in copies if docs[i].story in originals and assigned[i] == assigned[originals[docs[i].story]]
    )
    return {
        "pair precision": precision,
        "pair recall": recall,
        WITH_ORIGINAL: with_original / len(copies),
        "band reads per article": index.reads / len(docs),
        "band items written per article": index.writes / len(docs),
    }


def hard_negatives(docs: list[Document], scores: np.ndarray, truth: np.ndarray) -> dict[str, float]:
    n = len(docs)
    kinds = [d.kind for d in docs]
    sites = [d.url.split("/")[2] if d.url else "" for d in docs]
    follow, template, other = [], [], []
    position = 0
    for i in range(n - 1):
        for j in range(i + 1, n):
            if not truth[position]:
                score = float(scores[position])
                if "follow-up" in (kinds[i], kinds[j]) and docs[i].story.split("+")[0] == docs[j].story.split("+")[0]:
                    follow.append(score)
                elif kinds[i] != "original" and sites[i] == sites[j]:
                    template.append(score)
                else:
                    other.append(score)
            position += 1
    positives = scores[truth]
    return {
        "copy pairs: min / median similarity": (float(positives.min()), float(np.median(positives))),
        "follow-up vs its story: max / median": (max(follow), statistics.median(follow)),
        "other stories, same template: max": max(template),
        "other stories (incl. same topic): max / 99.99th pct": (max(other), float(np.percentile(other, 99.99))),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, help="bench folder (default ../shared/bench)")
    parser.add_argument("--sets", nargs="+", default=list(DEFAULT_SETS))
    parser.add_argument("--stories", type=int, default=300)
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--methods", nargs="+", default=list(METHODS), choices=list(METHODS))
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    if args.data:
        bench_data.set_bench_root(args.data)

    started = time.perf_counter()
    usable = load_stories(args.sets, args.seed)
    documents, stats = build(usable[: args.stories], usable[args.stories :], args.seed)
    documents = extract_bodies(documents)
    counts = {kind: sum(1 for d in documents if d.kind == kind) for kind in ("original", "copy", "follow-up")}
    print(
        f"set: {stats['stories']} stories ({stats['refused originals']} originals refused by the extractor), "
        f"{counts}, built and extracted in {time.perf_counter() - started:.0f} s"
    )
    kept = [d.kept for d in documents if d.kind == "copy"]
    print(
        f"copies keep {min(kept):.0%}-{max(kept):.0%} of the original's words (median {statistics.median(kept):.0%}); "
        f"follow-ups quote at most {stats['max quoted share in follow-ups']:.0%}"
    )

    results: dict[str, Any] = {"set": {**stats, **counts}, "methods": {}}
    dev_bodies = [d.body for d in documents if d.kind == "original"]
    for method in args.methods:
        make = METHODS[method][0]
        for doc in documents:
            doc.signatures[method] = make(doc.body)
        cpu = cpu_per_signature(dev_bodies, make)
        scores, truth = pair_scores(documents, method)
        curve = {t: precision_recall(scores >= t, truth) for t in THRESHOLDS}
        entry: dict[str, Any] = {
            "cpu ms median / p95": (statistics.median(cpu), float(np.percentile(cpu, 95))),
            "import ms": import_ms(METHODS[method][2]),
            "installed MB": installed_mb(METHODS[method][3]) if METHODS[method][3] else 0.0,
            "curve": {str(t): pr for t, pr in curve.items()},
        }
        if method == "ours":
            entry["hard negatives"] = hard_negatives(documents, scores, truth)
        results["methods"][method] = entry
        print(
            f"\n## {method}: signature CPU median {entry['cpu ms median / p95'][0]:.3f} ms "
            f"(p95 {entry['cpu ms median / p95'][1]:.3f}) on {len(dev_bodies)} dev bodies; import "
            f"{entry['import ms']:.0f} ms; installed {entry['installed MB']:.1f} MB"
        )
        print("| threshold | pair precision | pair recall |\n|---|---|---|")
        for t, (p, r) in curve.items():
            print(f"| {t} | {p:.4f} | {r:.4f} |")
    if "ours" in args.methods:
        print("\n## hard negatives (ours, estimated similarity)")
        for name, value in results["methods"]["ours"]["hard negatives"].items():
            print(f"- {name}: {value if isinstance(value, float) else ' / '.join(f'{v:.3f}' for v in value)}")
        print(
            f"\n## the production path (band keys + decide_story, random arrival order; bands {story.BANDS}"
            f" x rows {story.ROWS})"
        )
        print(
            "| threshold | pair precision | pair recall | copies in their original's story | band items "
            "written / article |\n|---|---|---|---|---|"
        )
        production = {}
        for t in THRESHOLDS:
            figures = production_path(documents, t, args.seed)
            production[str(t)] = figures
            mark = " (chosen)" if t == story.COPY_THRESHOLD else ""
            print(
                f"| {t}{mark} | {figures['pair precision']:.4f} | {figures['pair recall']:.4f} | "
                f"{figures[WITH_ORIGINAL]:.4f} | "
                f"{figures['band items written per article']:.1f} |"
            )
        results["production"] = production
        print(f"\n## band layouts at threshold {story.COPY_THRESHOLD} (reads and writes per article, random order)")
        print("| bands x rows | pair precision | pair recall | band keys read | band items written |")
        print("|---|---|---|---|---|")
        layouts = {}
        for bands, rows in LAYOUTS:
            with _layout(bands, rows):
                figures = production_path(documents, story.COPY_THRESHOLD, args.seed)
            layouts[f"{bands}x{rows}"] = figures
            print(
                f"| {bands} x {rows} | {figures['pair precision']:.4f} | {figures['pair recall']:.4f} | "
                f"{figures['band reads per article']:.1f} | {figures['band items written per article']:.1f} |"
            )
        results["layouts"] = layouts
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, default=str), encoding="utf-8")
    print(f"\ntotal {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
