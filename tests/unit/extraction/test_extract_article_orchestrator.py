"""The orchestrator: typed refusals, caps on what one page can put into an Article, identity and word counts."""

from __future__ import annotations

import gzip
import json
import unicodedata

import pytest

from article_ingest.domain.article import ProvenanceSource, SourceRef
from article_ingest.domain.errors import ExtractionRefused, RejectReason
from article_ingest.domain.identity import normalize_url
from article_ingest.extraction import ExtractionHints, extract_article
from article_ingest.settings import ExtractionSettings

STORY = (
    "<p>The harbour master said on Friday that the northern quay will close for repairs in March, after divers found "
    "cracks in two of the old stone piers during an inspection last autumn.</p>"
    "<p>Fishing boats that use the quay will move to the southern basin for about ten weeks, and the ferry timetable "
    "will not change, the port authority said in a statement.</p>"
)


def _page(head: str = "", body: str = STORY) -> bytes:
    return f"<!DOCTYPE html><html lang='en'><head>{head}</head><body><article>{body}</article></body></html>".encode()


def _refusal(data: bytes, settings: ExtractionSettings | None = None) -> RejectReason:
    with pytest.raises(ExtractionRefused) as refused:
        extract_article(data, settings=settings)
    return refused.value.reason


def test_a_tree_past_the_node_limit_is_refused_as_too_complex() -> None:
    wide = STORY + "<span>x</span>" * 500

    assert _refusal(_page(body=wide), ExtractionSettings(max_nodes=300)) is RejectReason.TOO_COMPLEX


def test_a_tree_past_the_depth_limit_is_refused_as_too_complex() -> None:
    deep = "<div>" * 80 + STORY + "</div>" * 80

    assert _refusal(_page(body=deep), ExtractionSettings(max_depth=50)) is RejectReason.TOO_COMPLEX


def test_a_page_nested_past_libxml2s_own_256_levels_is_still_read() -> None:
    deep = "<div>" * 300 + STORY + "</div>" * 300

    assert "harbour master" in extract_article(_page(body=deep)).body


def test_a_page_past_the_time_budget_is_refused_as_timeout() -> None:
    assert _refusal(_page(), ExtractionSettings(time_budget_s=1e-9)) is RejectReason.TIMEOUT


def test_a_corrupt_gzip_stream_is_refused_as_undecodable() -> None:
    assert _refusal(b"\x1f\x8b\x08\x00" + b"not a deflate stream at all" * 4) is RejectReason.UNDECODABLE


def test_binary_input_is_refused_as_not_html() -> None:
    assert _refusal(b"\x89PNG\r\n\x1a\n" + bytes(500)) is RejectReason.NOT_HTML


def test_gzip_input_gives_the_same_article_as_plain_input() -> None:
    plain = extract_article(_page())

    assert extract_article(gzip.compress(_page())) == plain


def test_many_authors_and_tags_are_capped() -> None:
    first = ["Anna", "Ben", "Chloe", "David", "Elif", "Farid", "Grace", "Hugo"]
    last = ["Keller", "Novak", "Okafor", "Petrov", "Quinn", "Rossi", "Sato", "Tanaka"]
    authors = [{"@type": "Person", "name": f"{given} {family}"} for given in first for family in last]
    keywords = ", ".join(f"topic{i}" for i in range(200))
    ld = json.dumps({"@type": "NewsArticle", "headline": "Quay to close", "author": authors})
    head = f'<script type="application/ld+json">{ld}</script><meta name="keywords" content="{keywords}">'
    settings = ExtractionSettings(max_authors=20, max_tags=50)

    article = extract_article(_page(head), settings=settings)

    assert 0 < len(article.authors) <= 20
    assert len(article.tags) <= 50


def test_a_huge_title_is_cut_to_the_field_limit() -> None:
    title = "Quay " * 5000
    article = extract_article(_page(f"<title>{title}</title>"), settings=ExtractionSettings(max_field_chars=300))

    assert len(article.title) <= 301


def test_a_huge_body_is_cut_after_the_last_whole_paragraph_that_fits() -> None:
    article = extract_article(_page(body=STORY * 50), settings=ExtractionSettings(max_body_chars=500))

    paragraphs = article.body.split("\n\n")
    assert len(article.body) <= 500
    assert 0 < len(paragraphs) < 100
    assert paragraphs == extract_article(_page(body=STORY * 50)).body.split("\n\n")[: len(paragraphs)]


def test_a_page_without_title_takes_the_start_of_the_first_paragraph() -> None:
    article = extract_article(_page())

    assert article.title.startswith("The harbour master said on Friday")
    assert article.provenance["title"] == "heuristic"


def test_the_id_comes_from_the_url_when_there_is_one_else_from_the_source() -> None:
    with_url = extract_article(_page(), ExtractionHints(url="https://news.example/quay?utm_source=x"))
    same_url = extract_article(_page(), ExtractionHints(url="https://NEWS.example/quay"))
    from_file = extract_article(_page(), source=SourceRef(path="a.html"))

    assert with_url.id == same_url.id
    assert with_url.id.startswith("u-")
    assert from_file.id.startswith("s-")
    assert with_url.source_domain == "news.example"


def test_an_address_whose_port_is_no_number_is_no_address_and_never_breaks_the_id() -> None:
    """Found by the fuzzer (benchmarks/fuzz_extractor.py): a canonical link "https://host:::::/path" made the id
    computation raise. Such an address is no candidate; the id then comes from the source."""
    head = '<link rel="canonical" href="https://www.harbourline.example:::::::/business/2026/apr/02/strike">'
    article = extract_article(_page(head), source=SourceRef(path="a.html"))
    assert article.url is None
    assert article.id.startswith("s-")
    hinted = extract_article(_page(), ExtractionHints(url="https://news.example::::/quay"))
    assert hinted.url is None
    assert normalize_url("https://news.example::::/quay") == "https://news.example/quay"


def test_word_count_counts_each_cjk_character() -> None:
    japanese = "<p>" + "市交通局は新しい路面電車を来年から運行すると発表した。" * 3 + "</p>"

    article = extract_article(_page(body=japanese))

    assert article.word_count == 3 * 26


def test_body_hash_ignores_whitespace_differences() -> None:
    spaced = STORY.replace(" ", "  \n ")

    assert extract_article(_page(body=spaced)).content_hash == extract_article(_page()).content_hash


def test_a_page_without_a_declared_language_or_paragraphs_takes_the_language_of_its_story() -> None:
    """A 2006 page laid out in a table with <br> line breaks: no lang attribute, no <p> to read the language from."""
    lines = (
        "The harbour master said on Friday that the northern quay will close for repairs in March.<br>"
        "Divers found cracks in two of the old stone piers during an inspection last autumn.<br>"
        "Fishing boats that use the quay will move to the southern basin for about ten weeks.<br>"
        "The ferry timetable will not change, the port authority said in a statement on its website.<br>"
    )
    table = f"<table><tr><td>{lines * 2}</td></tr></table>"
    html = f"<html><head><title>Quay to close</title></head><body>{table}</body></html>"
    article = extract_article(html.encode())
    assert article.language == "en"
    assert article.provenance["language"] == "heuristic"


def test_soft_hyphens_and_zero_width_spaces_are_no_part_of_any_field() -> None:
    hyphenated = STORY.replace("harbour", "har&shy;bour").replace("inspection", "in\u00adspec&#173;tion")
    head = "<title>Har&shy;bour quay to close</title><meta name='description' content='Re&shy;pairs in March'>"
    page = _page(head, hyphenated.replace("</p>", " &#8203;</p>", 1) + "<p>\u200b</p>")

    article = extract_article(page)
    plain = extract_article(_page("<title>Harbour quay to close</title>"))

    assert article.title == "Harbour quay to close"
    assert article.description == "Repairs in March"
    assert article.body == plain.body
    assert article.content_hash == plain.content_hash


def test_utf8_decoded_twice_by_the_site_comes_out_repaired_in_every_field() -> None:
    """A CMS that stored its text as windows-1252 and serves it as UTF-8: "£" arrives as "Â£", "’" as "â€™"."""
    story = STORY.replace("ten weeks", "ten weeks at a cost of £790,000").replace("port authority", "port’s authority")
    title, description = "Café owners fear quay’s closure", "Repairs cost £790,000"

    def twice(text: str) -> str:
        return text.encode("utf-8").decode("cp1252")

    head = f"<title>{twice(title)}</title><meta name='description' content='{twice(description)}'>"
    article = extract_article(_page(head, twice(story)))

    assert article.title == title
    assert article.description == description
    assert "at a cost of £790,000" in article.body
    assert "the port’s authority said" in article.body


def test_accents_typed_as_combining_marks_come_out_composed_like_every_other_copy() -> None:
    """Text pasted from macOS keeps "é" as "e" + U+0301: the Article's text is NFC, so the same story written
    either way has one body, one word count and one content hash."""
    composed = STORY.replace("harbour master", "Hafenmeister Jürgen Bérard")
    decomposed = unicodedata.normalize("NFD", composed)
    head = "<title>Quay to close, says Jürgen Bérard</title>"

    article = extract_article(_page(unicodedata.normalize("NFD", head), decomposed))
    plain = extract_article(_page(head, composed))

    assert decomposed != composed
    assert article.title == "Quay to close, says Jürgen Bérard"
    assert article.body == plain.body
    assert article.content_hash == plain.content_hash


def test_a_dateline_marked_in_the_first_paragraph_stays_in_the_body_and_names_the_place() -> None:
    """2012 msnbc.com markup: no <article>, the dateline a span of its own at the head of the story."""
    lead = (
        '<p><span class="dateline">OKLAHOMA CITY —</span> Two men were charged Monday in the death of a woman whose '
        "body was found behind a grocery store last year, the district attorney said.</p>"
    )
    page = f"<!DOCTYPE html><html lang='en'><head></head><body><div id='story'>{lead}{STORY}</div></body></html>"

    article = extract_article(page.encode())

    assert article.body.startswith("OKLAHOMA CITY — Two men were charged Monday")
    assert article.dateline == "Oklahoma City"
    assert article.provenance["dateline"] is ProvenanceSource.HEURISTIC
