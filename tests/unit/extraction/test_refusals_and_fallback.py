"""A page becomes an Article unless it carries no story; then it is refused with the kind of page it is.

Fixtures in tests/fixtures/pages/: refusals/ (one per reason; a front page is refused only when neither pass reads
anything from it: on the dev sets the fallback's headline lines are kept), fallback_story_missed_by_the_main_pass
(our pass finds nothing, the second extractor finds the story), broken_html_start_tag, short_declared_article.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from article_ingest.domain.article import ProvenanceSource
from article_ingest.domain.errors import ExtractionRefused, RejectReason
from article_ingest.extraction import ExtractionHints, extract_article
from article_ingest.extraction.body.fallback import MAX_FALLBACK_CHARS, second_opinion
from article_ingest.extraction.page import PageMetadata
from article_ingest.extraction.refusal import refusal_reason
from article_ingest.extraction.tree import parse_tree
from article_ingest.settings import ExtractionSettings

PAGES = Path(__file__).resolve().parents[2] / "fixtures" / "pages"


def _refused(path: Path, url: str | None = None) -> ExtractionRefused:
    with pytest.raises(ExtractionRefused) as refused:
        extract_article(path.read_bytes(), ExtractionHints(url=url))
    return refused.value


@pytest.mark.parametrize(
    ("fixture", "reason"),
    [
        ("blocked.html", RejectReason.BLOCKED),
        ("app_shell.html", RejectReason.NEEDS_JAVASCRIPT),
        ("no_text.html", RejectReason.NO_TEXT),
    ],
)
def test_a_page_without_a_story_is_refused_with_the_kind_of_page_it_is(fixture: str, reason: RejectReason) -> None:
    assert _refused(PAGES / "refusals" / fixture).reason is reason


@pytest.mark.parametrize(
    ("fixture", "reason"),
    [
        ("blocked.html", RejectReason.BLOCKED),
        ("app_shell.html", RejectReason.NEEDS_JAVASCRIPT),
        ("front_page.html", RejectReason.NOT_ARTICLE),
        ("no_text.html", RejectReason.NO_TEXT),
    ],
)
def test_the_kind_of_a_page_without_a_story_is_read_from_its_markup(fixture: str, reason: RejectReason) -> None:
    markup = (PAGES / "refusals" / fixture).read_text(encoding="utf-8")

    assert refusal_reason(markup, parse_tree(markup, ExtractionSettings()))[0] is reason


def test_a_front_page_is_told_by_its_text_being_mostly_links() -> None:
    markup = (PAGES / "refusals" / "front_page.html").read_text(encoding="utf-8")

    _reason, seen = refusal_reason(markup, parse_tree(markup, ExtractionSettings()))

    assert "in links" in seen
    assert "front page or listing" in seen


def test_a_refusal_carries_the_metadata_found_on_the_page() -> None:
    refused = _refused(PAGES / "refusals" / "blocked.html", url="https://www.coastgazette.example/news/sea-wall")

    assert refused.found is not None
    assert refused.found.url == "https://www.coastgazette.example/news/sea-wall"
    assert refused.found.title == "Just a moment..."
    assert refused.found.language == "en"
    assert refused.found.words < 25


def test_a_menu_only_article_element_has_no_text() -> None:
    page = b"<html><body><article><nav><a href='/'>Home</a><a href='/news'>News</a></nav><p>Subscribe</p></article>"

    with pytest.raises(ExtractionRefused) as refused:
        extract_article(page)
    assert refused.value.reason is RejectReason.NO_TEXT


def test_the_second_extractor_reads_a_story_the_main_pass_misses() -> None:
    article = extract_article((PAGES / "fallback_story_missed_by_the_main_pass.html").read_bytes())

    assert article.provenance["body"] is ProvenanceSource.FALLBACK
    assert "Most skippers want the northern quay repaired" in article.body
    assert "The lifeboat crew asked for a second slipway" in article.body
    assert not any(paragraph.startswith("- ") for paragraph in article.body.split("\n\n"))
    assert "volunteers from the harbour society" not in article.body  # the sidebar stays out


def test_the_second_extractors_table_rows_read_like_ours_without_markdown() -> None:
    """trafilatura writes a table as Markdown: "| 07:15 | 08:05 | |" rows, a "|" in a cell escaped as "\\|", and
    "| | |" for an empty row. The body is plain text: a row is its cells with text, joined by " | "."""
    story = (
        "<p>The ferry company published its winter timetable on Monday, with fewer crossings to the island and a "
        "later first boat on weekdays.</p><p>Passengers who travel to work on the mainland say the later boat will "
        "make them late, and the parish council has asked the operator for a meeting before the timetable starts.</p>"
    )
    table = (
        "<table><tr><td>Departs</td><td>Arrives</td><td></td></tr><tr><td>07:15</td><td>08:05</td><td></td></tr>"
        "<tr><td></td><td></td><td></td></tr><tr><td>Adult | Child</td><td>£4.50 | £2</td><td></td></tr></table>"
    )
    markup = f"<html><head><title>Ferry timetable</title></head><body><div>{story}{table}</div></body></html>"

    paragraphs = second_opinion(markup, PageMetadata())

    assert paragraphs[2:] == ["Departs | Arrives", "07:15 | 08:05", "Adult | Child | £4.50 | £2"]


def test_the_second_extractor_never_turns_escaped_markup_into_a_story() -> None:
    metadata = PageMetadata()
    escaped = "<html><body><title>" + "&lt;p&gt;Councillors voted eleven to four on Thursday.&lt;/p&gt;" * 20

    markup = escaped + "</title></body></html>"
    assert second_opinion(markup, metadata) == []


def test_the_second_extractor_is_not_run_on_pages_past_its_size_limit() -> None:
    huge = "<html><body>" + "<p>" + "word " * (MAX_FALLBACK_CHARS // 5) + "</p></body></html>"

    assert second_opinion(huge, PageMetadata()) == []


def test_a_broken_html_start_tag_does_not_lose_the_page() -> None:
    article = extract_article((PAGES / "broken_html_start_tag.html").read_bytes())

    assert "Councillors voted eleven to four" in article.body
    assert article.provenance["body"] is ProvenanceSource.HEURISTIC


def test_a_page_that_declares_itself_an_article_may_be_a_short_post() -> None:
    article = extract_article((PAGES / "short_declared_article.html").read_bytes())

    assert article.body.startswith("The misprinted tide table")
    assert article.word_count < 25


def test_the_same_short_text_without_an_article_declaration_is_refused() -> None:
    page = (PAGES / "short_declared_article.html").read_bytes().replace(b'content="article"', b'content="website"')

    with pytest.raises(ExtractionRefused) as refused:
        extract_article(page)
    assert refused.value.reason is RejectReason.NOT_ARTICLE or refused.value.reason is RejectReason.NO_TEXT


def test_the_second_extractor_never_reads_babels_locale_data_which_the_build_leaves_out(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import babel.localedata

    def gone(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("babel locale data read: functions/Makefile removes it from the package")

    monkeypatch.setattr(babel.localedata, "load", gone)
    monkeypatch.setattr(babel.localedata, "exists", gone)

    article = extract_article((PAGES / "fallback_story_missed_by_the_main_pass.html").read_bytes())

    assert article.provenance["body"] is ProvenanceSource.FALLBACK
