"""The shared choice mechanism: features, agreement between sources, the linear score and its tie-break."""

from __future__ import annotations

from article_ingest.domain.article import ProvenanceSource as Src
from article_ingest.extraction.metadata.candidates import (
    AGREEMENT,
    AGREEMENT_STRUCTURED,
    Candidate,
    choose,
    ranked,
    with_agreement,
)


def test_the_best_weighted_candidate_wins_and_ties_keep_the_proposal_order() -> None:
    first = Candidate("a", Src.META, "meta")
    second = Candidate("b", Src.BYLINE, "byline")
    chosen = choose([first, second], {})
    assert chosen is not None
    assert chosen.value == "a"
    preferred = choose([first, second], {"source=byline": 1.0})
    assert preferred is not None
    assert preferred.value == "b"


def test_agreement_counts_other_sources_with_the_same_key_not_the_candidate_itself() -> None:
    candidates = [
        Candidate("2020-01-02", Src.JSON_LD, "jsonld"),
        Candidate("2020-01-02", Src.BYLINE, "byline"),
        Candidate("2020-01-02", Src.BYLINE, "byline"),  # the same source twice adds nothing
        Candidate("2019-05-05", Src.META, "meta"),
    ]
    scored = ranked(candidates, {AGREEMENT: 1.0}, key=str)
    by_value = {(c.value, c.source): c.features for _, c in scored}
    assert by_value[("2020-01-02", "jsonld")][AGREEMENT] == 1.0
    assert by_value[("2020-01-02", "byline")][AGREEMENT] == 1.0
    assert by_value[("2020-01-02", "byline")][AGREEMENT_STRUCTURED] == 1.0
    assert by_value[("2019-05-05", "meta")][AGREEMENT] == 0.0
    assert scored[0][1].value == "2020-01-02"


def test_a_minimum_score_turns_weak_candidates_into_no_value() -> None:
    weak = Candidate("x", Src.HEURISTIC, "text", features={"in_furniture": 1.0})
    assert choose([weak], {"in_furniture": -2.0}, minimum=-1.0) is None
    assert choose([], {}) is None


def test_an_origin_groups_source_kinds_that_read_the_same_thing_so_they_do_not_agree_with_each_other() -> None:
    candidates = [
        Candidate("Ana Ruiz", Src.JSON_LD, "jsonld"),
        Candidate("Ana Ruiz", Src.BYLINE, "marked"),
        Candidate("Ana Ruiz", Src.BYLINE, "by_line"),
    ]
    by_source = {c.source: c.features for _, c in ranked(candidates, {}, key=str)}
    assert by_source["marked"][AGREEMENT] == 2.0
    agreed = with_agreement(candidates, str, origin=lambda c: "page" if c.provenance is Src.BYLINE else c.source)
    by_origin = {c.source: c.features for c in agreed}
    assert by_origin["marked"][AGREEMENT] == 1.0
    assert by_origin["jsonld"][AGREEMENT] == 1.0
