"""Description choice on hand-written pages: og:description that runs on past the meta description, one-word
"descriptions", CJK summaries without spaces, and share-button CSS inside the lead paragraph."""

from __future__ import annotations

from article_ingest.domain.article import ProvenanceSource
from article_ingest.extraction.hints import ExtractionHints
from article_ingest.extraction.metadata import extract_metadata
from article_ingest.extraction.page import PageMetadata
from article_ingest.extraction.tree import parse_tree
from article_ingest.settings import ExtractionSettings

SUMMARY = "Alaska Airlines has a new date for joining the Oneworld alliance: March 31, 2021."
STORY = (
    "<p>The date is about three months later than executives planned when the Seattle-based carrier was invited "
    "to join the alliance in July, but it is on par with the guidance the airline gave investors last week.</p>"
)


def metadata_of(head: str, body: str = STORY, lang: str = "en") -> PageMetadata:
    html = f"<html lang='{lang}'><head><meta charset='utf-8'>{head}</head><body><h1>Title</h1>{body}</body></html>"
    return extract_metadata(parse_tree(html, ExtractionSettings()), ExtractionHints(url="https://air.example/a/1"))


def meta(name: str, content: str) -> str:
    attribute = "property" if name.startswith("og:") else "name"
    return f'<meta {attribute}="{name}" content="{content}">'


def test_og_description_that_continues_the_meta_description_gives_way_to_it() -> None:
    head = meta("og:description", f"{SUMMARY} The date is about three months later than planned …")
    head += meta("description", SUMMARY)
    found = metadata_of(head)
    assert found.description == SUMMARY
    assert found.provenance["description"] is ProvenanceSource.META


def test_a_different_og_description_still_comes_first() -> None:
    head = meta("og:description", "The carrier joins the alliance three months late.") + meta("description", SUMMARY)
    assert metadata_of(head).description == "The carrier joins the alliance three months late."


def test_a_cut_meta_description_does_not_replace_the_fuller_og_description() -> None:
    head = meta("og:description", f"{SUMMARY} More to come.") + meta("description", "Alaska Airlines has a new...")
    assert metadata_of(head).description == f"{SUMMARY} More to come."


def test_a_one_word_description_is_no_summary() -> None:
    head = meta("og:description", "Raptastisch") + meta("twitter:description", SUMMARY)
    assert metadata_of(head).description == SUMMARY
    lead = metadata_of(meta("og:description", "Raptastisch"))
    assert lead.description is not None
    assert lead.description.startswith("The date is about three months")
    assert lead.provenance["description"] is ProvenanceSource.HEURISTIC


def test_a_cjk_summary_without_spaces_is_a_summary() -> None:
    summary = "香港行政长官在各方压力下到立法会接受质询，就其大宅的违章建筑问题道歉。"
    assert metadata_of(meta("og:description", summary), lang="zh").description == summary


def test_css_inside_the_lead_paragraph_is_not_the_description() -> None:
    body = (
        "<p><style>.flipboard { width:20px; height:20px; background: url('/f.png') no-repeat; }</style>"
        "Schnell ladende mikrobielle Brennstoffzelle und CO2-Elektrolyseur auf der Basis von Ameisensäure: "
        "ein Forschungsteam stellt den Prototyp vor.</p>"
    )
    found = metadata_of("", body, lang="de")
    assert found.description is not None
    assert found.description.startswith("Schnell ladende mikrobielle Brennstoffzelle")
    assert "{" not in found.description


def test_without_a_declared_summary_a_lead_paragraph_of_four_sentences_stands_in_whole() -> None:
    lead = (
        "The council met on Tuesday evening to vote on the new budget for the coming year. "
        "After three hours of debate, the members approved it by seven votes to two. "
        "The library will open on Sundays, and the city will hire four more bus drivers. "
        "The mayor called the vote a fair compromise that gives every part of the city something it asked for."
    )
    assert 300 < len(lead) <= 400  # longer than a meta description, as long as a lead paragraph runs
    assert metadata_of("", f"<p>{lead}</p>").description == lead


def test_a_lead_paragraph_past_the_limit_is_cut_at_a_sentence_end() -> None:
    sentence = "The council met on Tuesday evening to vote on the new budget for the coming year. "
    found = metadata_of("", f"<p>{sentence * 8}</p>").description
    assert found is not None
    assert found.endswith("year.")
    assert len(found) <= 400
