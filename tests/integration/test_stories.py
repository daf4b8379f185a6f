"""Stories end to end on the stack deployed from the template (issue 12): three copies of one wire story from
three sites and an unrelated article become one story of three and one of one — in the events, the clean JSON,
the query API, the client and `run --json`; a "first copy only" subscriber gets exactly one event; two copies
placed at the same moment end in one story through DynamoDB's conditional write."""

from __future__ import annotations

import html
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from article_ingest.adapters.dynamodb_stories import DynamoDBStoryIndex
from article_ingest.cli import main
from article_ingest.client import ArticleIndexClient
from article_ingest.domain.events import ArticleReady
from article_ingest.domain.story import StoryMember
from article_ingest.local import LocalStack
from article_ingest.local.api_server import serve_stack_query_api
from article_ingest.local.embedded import EmbeddedPipeline
from article_ingest.local.inputs import collect_inputs
from article_ingest.local.subscriber import subscribe
from article_ingest.ports import RegistryEntry
from article_ingest.services.story_service import StoryService
from tests.integration.helpers import clean_article
from tests.unit.pipeline.test_story import OTHER_STORY, STORY

pytestmark = pytest.mark.integration


def _page(site: str, domain: str, slug: str, title: str, paragraphs: Sequence[str]) -> str:
    """A hand-made news page of `site`: its own menu, byline, related links and footer around the story."""
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    url = f"https://www.{domain}/news/{slug}"
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title} - {site}</title>
<link rel="canonical" href="{url}"><meta property="og:site_name" content="{site}"></head><body>
<header><a href="/">{site}</a><nav><a href="/world">World</a> <a href="/business">Business</a>
<a href="/sport">Sport</a> <a href="/subscribe">Subscribe</a></nav></header>
<main><article><h1>{html.escape(title)}</h1><p class="byline">By the {site} desk | 14 March 2026</p>
<div class="story">{body}</div></article>
<aside><h2>Most read on {site}</h2><ul><li><a href="/a">Council approves new tram line</a></li>
<li><a href="/b">Heatwave warning for the weekend</a></li></ul></aside></main>
<footer>&copy; 2026 {site}. All rights reserved.</footer></body></html>"""


WIRE = _page("Wire Service", "wire.example", "harwick-strike", "Harwick port strike ends with pay deal", STORY)
COAST = _page(
    "Coastline Herald",
    "coastline.example",
    "dockers-back",
    "Dockers back at work as Harwick deal is signed",
    ["HARWICK (Wire) - " + STORY[0], *STORY[1:-1], "This story was published from a wire agency feed."],
)
METRO = _page(
    "Metro Ledger",
    "metroledger.example",
    "strike-over",
    "Strike over: what the Harwick deal means",
    [STORY[0], STORY[2], STORY[1], *STORY[3:]],
)
CALVARY = _page("Southern Times", "southern.example", "calvary-walkout", "Calvary dockers walk out", OTHER_STORY)
PAGES = {"1-wire.html": WIRE, "2-coast.html": COAST, "3-metro.html": METRO, "4-calvary.html": CALVARY}


@pytest.fixture
def pages(tmp_path: Path) -> Path:
    for name, text in PAGES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def _envelopes(messages: Sequence[dict[str, Any]]) -> list[ArticleReady]:
    return [ArticleReady.model_validate(m["detail"]) for m in messages]


def test_three_copies_become_one_story_and_an_unrelated_article_another(pages: Path) -> None:
    with EmbeddedPipeline() as pipeline:
        stack = pipeline.stack
        first_copies = subscribe(  # the newsletter builder: one event per story
            stack, "first-copy-only", detail_types=("ArticleReady",), detail_pattern={"duplicate_of": [None]}
        )
        every_copy = subscribe(stack, "every-copy-with-its-story", detail_types=("ArticleReady", "ArticleUpdated"))

        report = pipeline.ingest(collect_inputs([pages]))

        outcomes = {o.key: o for o in report.outcomes}
        assert {o.status.value for o in outcomes.values()} == {"ready"}
        wire, coast, metro, calvary = (outcomes[name] for name in PAGES)
        story = wire.article_id
        assert (wire.story_id, wire.duplicate_of) == (story, None)
        assert (coast.story_id, coast.duplicate_of) == (story, story)
        assert metro.story_id == story
        assert metro.duplicate_of in {story, coast.article_id}
        assert (calvary.story_id, calvary.duplicate_of) == (calvary.article_id, None)

        # The subscribers' queues: every copy with its story, and the first copy of each story only.
        copies = {e.id: e for e in _envelopes(list(every_copy.receive_all()))}
        assert {e.story_id for e in copies.values()} == {story, calvary.article_id}
        assert copies[coast.article_id].similarity is not None
        assert copies[coast.article_id].similarity >= 0.4
        firsts = _envelopes(list(first_copies.receive_all()))
        assert sorted(e.id for e in firsts) == sorted([story, calvary.article_id])
        # The clean Article carries the same story as its event.
        article = clean_article(stack, copies[coast.article_id].clean.key)
        assert (article.story_id, article.duplicate_of) == (story, story)

        # The query API and the client: the story lists its three copies, newest first, paged.
        with serve_stack_query_api(stack) as server:
            client = ArticleIndexClient(server.url, session=stack.session, sleep=lambda _s: None)
            listed = list(client.story(story, page_size=2))
            assert sorted(s.id for s in listed) == sorted([wire.article_id, coast.article_id, metro.article_id])
            assert [s.sort_at for s in listed] == sorted((s.sort_at for s in listed), reverse=True)
            assert [s.id for s in client.story(calvary.article_id)] == [calvary.article_id]
            summary = client.article(coast.article_id)
            assert summary is not None
            assert (summary.story_id, summary.duplicate_of) == (story, story)


def test_run_json_lines_carry_the_story(pages: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (pages / "4-calvary.html").unlink()

    assert main(["run", "--json", str(pages)]) == 0

    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()][:-1]
    by_key = {line["key"]: line for line in lines}
    story = by_key["1-wire.html"]["article_id"]
    assert {line["story_id"] for line in lines} == {story}
    assert by_key["1-wire.html"]["duplicate_of"] is None
    assert by_key["2-coast.html"]["duplicate_of"] == story


class _ReadThenLetAnotherIn:
    """The story index, but the first read lets another copy's whole placement run before the reader claims."""

    def __init__(self, index: DynamoDBStoryIndex, other: Any) -> None:
        self._index = index
        self._other = other

    def members(self, band_keys: Sequence[str]) -> dict[str, StoryMember]:
        found = self._index.members(band_keys)
        if self._other is not None:
            other, self._other = self._other, None
            other()
        return found

    def claim(self, band_keys: Sequence[str], member: StoryMember) -> bool:
        return self._index.claim(band_keys, member)


def _entry(article_id: str) -> RegistryEntry:
    from article_ingest.domain.events import ObjectRef

    ref = ObjectRef(bucket="b", key=article_id)
    return RegistryEntry(article_id, 1, "sha256:0", "f", {}, (), ref, ref, False)


def test_two_copies_placed_at_the_same_moment_end_in_one_story(stack: LocalStack) -> None:
    table = stack.resources.story_table
    index = DynamoDBStoryIndex(stack.client("dynamodb"), table)
    coast_body = "\n\n".join(["HARWICK (Wire) - " + STORY[0], *STORY[1:-1]])
    placed: dict[str, RegistryEntry] = {}

    def coast_arrives() -> None:
        placed["coast"] = StoryService(index).place(coast_body, _entry("u-coast"), None)

    # Both read the band keys before either claims; the coast copy claims first, so the wire copy's conditional
    # write fails, it reads again and joins the coast copy's story.
    wire = StoryService(_ReadThenLetAnotherIn(index, coast_arrives)).place("\n\n".join(STORY), _entry("u-wire"), None)

    assert (placed["coast"].story_id, placed["coast"].duplicate_of) == ("u-coast", None)
    assert (wire.story_id, wire.duplicate_of) == ("u-coast", "u-coast")
    items = stack.client("dynamodb").scan(TableName=table)["Items"]  # a test may look at the whole table
    assert {item["story_id"]["S"] for item in items} == {"u-coast"}
