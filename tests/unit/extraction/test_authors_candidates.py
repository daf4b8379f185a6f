"""Author candidates and their features on hand-made pages: where each source stands relative to the headline and
the story, page furniture, what the names look like, agreement between origins, and the choice (with "none")."""

from __future__ import annotations

from article_ingest.domain.article import ProvenanceSource as Src
from article_ingest.extraction.hints import ExtractionHints
from article_ingest.extraction.metadata import author_features as f
from article_ingest.extraction.metadata import extract_metadata
from article_ingest.extraction.metadata.author_choice import (
    NAMES_SITE,
    NONE,
    WEIGHTS,
    AuthorCandidate,
    author_candidates,
)
from article_ingest.extraction.metadata.author_features import name_features, with_agreement_features
from article_ingest.extraction.metadata.candidates import AGREEMENT, Candidate, choose
from article_ingest.extraction.metadata.jsonld import read_jsonld
from article_ingest.extraction.metadata.meta_tags import read_tags
from article_ingest.extraction.metadata.text import PageScan
from article_ingest.extraction.page import PageMetadata
from article_ingest.extraction.tree import parse_tree
from article_ingest.settings import ExtractionSettings
from tests.unit.extraction.pages import jsonld, page

URL = "https://harbour.example/news/strike-ends"
STORY = (
    "<p>Dock workers at the port returned to their cranes on Thursday morning after a three-day strike ended with "
    "a pay deal that union leaders called the best in a decade, while shipping lines warned of a backlog.</p>"
    "<p>The agreement raises wages by six percent this year and four percent next year, the port authority said "
    "in a statement, and it adds a night-shift allowance that the union had sought since the last contract.</p>"
)


def candidates_of(html: str, site_name: str | None = None) -> dict[tuple[str, tuple[str, ...]], AuthorCandidate]:
    root = parse_tree(html, ExtractionSettings())
    meta = PageMetadata(site_name=site_name)
    found = author_candidates(meta, read_tags(root), read_jsonld(root), root, URL, PageScan(root))
    return {(candidate.source, candidate.value): candidate for candidate in found}


def authors_of(html: str) -> tuple[list[str], Src | None]:
    meta = extract_metadata(parse_tree(html, ExtractionSettings()), ExtractionHints(url=URL))
    return meta.authors, meta.provenance.get("authors")


def test_each_visible_source_knows_where_it_stands_relative_to_the_headline_and_the_story() -> None:
    body = (
        "<div class='top'><span class='author'>Tom Lane</span></div>"
        "<article><h1>Strike ends</h1><p class='byline'>By Ana Ruiz</p>"
        f"{STORY}<p><b>Text:</b> Kai Berg</p>{STORY}</article>"
        "<div class='related'><span class='author'>Lee Park</span></div>"
    )
    found = candidates_of(page("", body))
    assert found[("marked", ("Tom Lane",))].features[f.BEFORE_HEADLINE] == 1.0
    assert found[("by_line", ("Ana Ruiz",))].features[f.BEFORE_STORY] == 1.0
    assert found[("credit", ("Kai Berg",))].features[f.IN_STORY] == 1.0
    after = found[("marked", ("Lee Park",))].features
    assert after[f.AFTER_STORY] == 1.0
    assert after[f.IN_FURNITURE] == 1.0
    assert found[("by_line", ("Ana Ruiz",))].features[f.IN_FURNITURE] == 0.0


def test_structured_sources_have_no_place_and_agree_across_origins_not_within_the_page_text() -> None:
    head = jsonld({"@type": "NewsArticle", "author": {"@type": "Person", "name": "Ana Ruiz"}})
    body = f"<h1>Strike ends</h1><div class='byline'><p>By Ana Ruiz</p></div>{STORY}"
    found = candidates_of(page(head, body))
    structured = found[("jsonld", ("Ana Ruiz",))].features
    assert not any(name.startswith("place_") for name in structured)
    # the byline element and the "By" line inside it are one piece of page text: they agree with JSON-LD only
    assert structured[AGREEMENT] == 1.0
    assert found[("by_line", ("Ana Ruiz",))].features[AGREEMENT] == 1.0
    assert found[("marked", ("Ana Ruiz",))].features[AGREEMENT] == 1.0


def test_names_are_described_by_count_and_by_looking_like_houses_or_logins() -> None:
    features = name_features(["Acme Media GmbH", "jane_doe", "Ana Ruiz"])
    assert features[f.NAMES_MANY] == 1.0
    assert features[f.NAMES_TWO] == 0.0
    assert abs(features[f.HOUSES] - 1 / 3) < 1e-9
    assert abs(features[f.LOGINS] - 1 / 3) < 1e-9


def test_a_list_naming_a_co_author_beside_another_sources_author_is_marked_as_adding_co_authors() -> None:
    one = Candidate(("Ana Ruiz",), Src.JSON_LD, "jsonld")
    both = Candidate(("Ana Ruiz", "Luis Gómez"), Src.META, "meta")
    scored = {candidate.source: candidate.features for candidate in with_agreement_features([one, both])}
    assert scored["meta"][f.ADDS_CO_AUTHORS] == 1.0
    assert scored["meta"][f.CONFIRMED] == 0.5
    assert scored["jsonld"][f.ADDS_CO_AUTHORS] == 0.0
    assert scored["jsonld"][f.CONFIRMED] == 1.0


def test_the_site_name_alone_is_a_candidate_flagged_as_the_sites_and_beside_a_person_is_dropped() -> None:
    alone = candidates_of(
        page('<meta name="author" content="Harbour Times">', f"<h1>Strike</h1>{STORY}"), "Harbour Times"
    )
    assert alone[("meta", ("Harbour Times",))].features[NAMES_SITE] == 1.0
    beside = candidates_of(
        page('<meta name="author" content="Harbour Times, Ana Ruiz">', f"<h1>Strike</h1>{STORY}"), "Harbour Times"
    )
    assert beside[("meta", ("Ana Ruiz",))].features[NAMES_SITE] == 0.0


def test_the_byline_two_sources_agree_on_beats_a_lone_author_meta() -> None:
    head = '<meta name="author" content="Web Desk">'
    body = f"<h1>Strike ends</h1><p class='byline'>By Ana Ruiz</p>{STORY}<a rel='author' href='/ana'>Ana Ruiz</a>"
    assert authors_of(page(head, body)) == (["Ana Ruiz"], Src.BYLINE)


def test_a_name_only_in_a_related_list_after_the_story_gives_no_author() -> None:
    body = f"<article><h1>Strike ends</h1>{STORY}</article><ul class='related'><li class='author'>Lee Park</li></ul>"
    found = candidates_of(page("", body))
    assert found[("marked", ("Lee Park",))].features[f.IN_FURNITURE] == 1.0
    assert authors_of(page("", body)) == ([], None)


def test_none_wins_when_every_candidate_scores_below_it() -> None:
    weak = Candidate(("Lee Park",), Src.BYLINE, "marked", features={f.IN_FURNITURE: 1.0, f.AFTER_STORY: 1.0})
    assert choose([weak], WEIGHTS, minimum=WEIGHTS[NONE]) is None
    strong = Candidate(("Ana Ruiz",), Src.BYLINE, "by_line", features={f.BEFORE_STORY: 1.0})
    chosen = choose([weak, strong], WEIGHTS, minimum=WEIGHTS[NONE])
    assert chosen is not None
    assert chosen.value == ("Ana Ruiz",)


def test_a_service_credited_by_powered_by_is_no_author() -> None:
    sidebar = "<div class='module'><form><p>Enter your email address: preview powered by FeedBlitz</p></form></div>"
    body = f"<h1>Strike ends</h1>{STORY}{sidebar}<a rel='author' href='/seth'>Seth Godin</a>"
    found = candidates_of(page("", body))
    assert not [key for key in found if key[1] == ("FeedBlitz",)]
    assert authors_of(page("", body)) == (["Seth Godin"], Src.BYLINE)
