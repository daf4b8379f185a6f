"""The per-page scan the metadata readers share, and the text helpers that replaced slower equivalents: each must
give exactly what the XPath or regex it replaced gives."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from article_ingest.extraction.metadata import author_credits
from article_ingest.extraction.metadata.dates import parse_date
from article_ingest.extraction.metadata.description import _holds_own_text
from article_ingest.extraction.metadata.text import PageScan, bounded_text, collapse_spaces, following_elements
from article_ingest.extraction.tree import HtmlElement, parse_tree
from article_ingest.settings import ExtractionSettings
from tests.unit.extraction.pages import metadata_of, page

NESTED = page(
    body=(
        '<header class="Site-Header"><nav id="menu">Home</nav></header>'
        '<div class="wrap"><div class="story-head"><h1>Port reopens <span>today</span></h1>'
        '<div class="ByLine">By <a rel="author">Ana Ruiz</a> | <span class="pub-date">3 March 2020</span></div></div>'
        '<div id="entry-meta"><span itemprop="author" class="x">Ana Ruiz</span></div>'
        "<p>First paragraph of the story. <b>Bold</b> tail text.</p>"
        '<div class="dek">  <em>A box</em> whose first text is a tail</div>'
        '<div class="box">\u00a0<em>only a no-break space before its child</em></div>'
        '<span class="note">Own text <div>but a block inside</div></span>'
        "<h2>Sub</h2><p>Second paragraph.</p></div>"
        '<footer class="site-footer"><p property="schema:copyrightHolder">Acme</p></footer>'
    )
)


def _root(html: str = NESTED) -> HtmlElement:
    return parse_tree(html, ExtractionSettings())


def test_following_elements_are_xpath_following_axis_in_document_order() -> None:
    root = _root()
    for node in root.iter():
        assert list(following_elements(node)) == node.xpath("following::*")


def test_blocks_holding_own_text_are_those_the_standfirst_xpath_selected() -> None:
    replaced = (
        "following::*[self::p or self::h2 or self::h3 or self::h4"
        " or ((self::div or self::span) and normalize-space(text()) and not(.//p or .//div or .//h2 or .//h3))]"
    )
    root = _root()
    headline = root.xpath("//h1")[0]

    blocks = [node for node in following_elements(headline) if _holds_own_text(node)]

    assert blocks == headline.xpath(replaced)
    # XPath reads only the first text node and only XML's four spaces as blank: the "dek" box opens with spaces (its
    # text is a tail), the "box" with a no-break space; the div inside the span is a box of its own
    assert [block.get("class") for block in blocks if block.tag == "div"] == ["ByLine", "box", None]


def test_the_walk_after_the_headline_is_shared_by_readers_that_read_it_in_turn_or_interleaved() -> None:
    scan = PageScan(_root())
    assert scan.headline is not None
    expected = list(following_elements(scan.headline))

    first, second = scan.after_headline(), scan.after_headline()
    interleaved = [next(first), next(first), next(second)]

    assert interleaved == [expected[0], expected[1], expected[0]]
    assert list(second) == expected[1:]
    assert list(scan.after_headline()) == expected


def test_a_page_without_a_headline_has_nothing_after_it() -> None:
    scan = PageScan(_root(page(body="<p>No headline here, only a paragraph.</p>")))

    assert scan.headline is None
    assert list(scan.after_headline()) == []


def test_marked_elements_are_matched_on_class_or_id_in_any_case_once_each_in_document_order() -> None:
    scan = PageScan(_root())

    marked = scan.matching(PageScan.WORDS)

    assert [node.get("class") or node.get("id") for node in marked] == ["ByLine", "pub-date", "entry-meta"]
    assert [node.tag for node in scan.matching(re.compile("date"))] == ["span"]


def test_microdata_are_the_body_elements_with_itemprop_or_property_in_document_order() -> None:
    root = _root(NESTED.replace("<head>", '<head><meta itemprop="name" content="Acme">'))

    microdata = PageScan(root).microdata()

    assert [(node.tag, node.get("itemprop") or node.get("property")) for node in microdata] == [
        ("span", "author"),
        ("p", "schema:copyrightHolder"),
    ]


def test_the_scans_short_texts_are_bounded_text_read_once() -> None:
    root = _root()
    scan = PageScan(root)
    byline = root.xpath("//div[@class='ByLine']")[0]

    assert scan.bounded_text(byline, 20) == bounded_text(byline, 20) == ("By Ana Ruiz | 3 March", True)
    assert scan.bounded_text(byline, 20) is scan.bounded_text(byline, 20)


@given(st.text(alphabet=st.sampled_from(["a", "b", " ", "\t", "\n", "\u00a0", "\u2003", "\x1c", "\u200b", "é"])))
def test_collapsed_spaces_are_what_the_whitespace_regex_gave(text: str) -> None:
    assert collapse_spaces(text) == re.sub(r"\s+", " ", text).strip()


def test_a_text_without_a_digit_holds_no_date_and_other_digits_still_count() -> None:
    assert parse_date("Published yesterday by the desk") is None
    parsed = parse_date("3 March 2020")
    assert parsed is not None
    assert parsed.iso == "2020-03-03"


@pytest.mark.parametrize("plain_texts_limit", [5000, 0])
def test_credit_lines_are_the_same_whether_the_texts_are_read_as_plain_strings_or_by_the_xpath(
    plain_texts_limit: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A page with more texts than the limit is read by the XPath that keeps no copy of every text."""
    monkeypatch.setattr(author_credits, "_PLAIN_TEXTS_LIMIT", plain_texts_limit)
    root = _root(
        page(
            body="<article><h1>Feuerwehr</h1><p>Ein langer Absatz: über die Feuerwehr der Stadt und ihre Wagen.</p>"
            "<p><strong>Text:</strong> Klaus Fried</p><p>Autorin: Jana Roth</p><p>Mehr: nichts</p></article>"
        )
    )

    assert [line for line, _ in author_credits.credit_lines(root)] == ["Text: Klaus Fried", "Autorin: Jana Roth"]


def test_an_adopted_headline_is_where_the_walk_after_the_headline_starts() -> None:
    root = _root(page(body="<div class='hl'>Port reopens</div><p><i>By Ana Ruiz</i></p><p>Story.</p>"))
    scan = PageScan(root)
    assert scan.headline is None
    assert list(scan.after_headline()) == []
    shown = root.xpath("//div[@class='hl']")[0]
    scan.adopt_headline(shown)
    assert scan.headline is shown
    assert [node.tag for node in scan.after_headline()] == ["p", "i", "p"]


def test_the_byline_under_a_title_shown_without_an_h1_gives_the_authors_and_the_day() -> None:
    body = (
        "<div class='hl'>Kings win third straight and top Oilers 3-1</div>"
        "<p>By Azera Rahman</p><p>January 13, 2008</p>"
        "<p>Michal Handzus scored the go-ahead goal early in the third period and the Kings won their third "
        "straight game, beating the Oilers at home on Saturday night.</p>"
    )
    head = "<title>Times - Kings win third straight and top Oilers 3-1</title>"
    found = metadata_of(page(head, body), url="http://www.times.example/story.php?id=1")
    assert found.title == "Kings win third straight and top Oilers 3-1"
    assert found.authors == ["Azera Rahman"]
    assert found.published_at == "2008-01-13"
