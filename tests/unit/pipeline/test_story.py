"""Body signatures and the story decision, pure: copies match, other stories and short bodies do not."""

from __future__ import annotations

import pytest

from article_ingest.domain.story import (
    BANDS,
    COPY_THRESHOLD,
    SIGNATURE_SIZE,
    BodySignature,
    StoryAssignment,
    StoryMember,
    body_signature,
    decide_story,
    similarity,
)

# Hand-written: a wire report of seven paragraphs, and a different report on the same topic.
STORY = [
    "Port workers in Harwick ended a three-day strike on Thursday after the harbour authority agreed to a pay rise "
    "of six percent over two years, union officials told a crowd gathered outside the container terminal.",
    "The stoppage had left more than forty ships waiting at anchor in the estuary and delayed deliveries of grain, "
    "fertiliser and spare parts to farms and factories across the region for most of the week.",
    "Negotiators for both sides met through the night in the offices of the mediation service, and the agreement "
    "was signed shortly before dawn, according to a statement released by the authority's press office.",
    "Under the deal, crane operators and lashers will also receive a one-off payment for overtime worked during the "
    "winter storms, and a joint committee will review shift patterns before the end of the summer.",
    "Shipping agents said it could take up to ten days to clear the backlog, and several lines warned customers "
    "that some containers bound for inland depots would be moved by rail instead of road.",
    "The regional chamber of commerce welcomed the settlement but said the strike had cost local exporters "
    "millions in penalties, and called for a permanent dispute resolution procedure at the port.",
    "Union leaders said members would vote on the agreement next week and that the strike could resume if the "
    "ballot rejected it, although they expected a comfortable majority in favour.",
]
OTHER_STORY = [
    "Dock workers at the southern port of Calvary walked out on Monday over plans to automate two of the "
    "terminal's four berths, in the latest of a series of disputes over technology at European harbours.",
    "The operator says the new remote-controlled cranes will make the port safer and more competitive, while "
    "the union argues that at least two hundred jobs will disappear within five years of the change.",
    "Talks broke down on Sunday evening when management refused to guarantee redundancy terms, and the union "
    "gave notice of further stoppages every Monday until the end of the month.",
    "Exporters of fruit and flowers, who rely on the port's refrigerated berths, said the timing during the "
    "spring harvest could hardly be worse and asked the government to appoint a mediator.",
    "A spokesman for the transport ministry said the minister was following the situation closely but that "
    "the dispute was a matter for the company and its employees to settle between them.",
    "Similar automation projects in northern Europe have led to long strikes, although most ended with "
    "agreements on retraining and early retirement rather than a halt to the plans.",
]


def _body(paragraphs: list[str]) -> str:
    return "\n\n".join(paragraphs)


def _signature(paragraphs: list[str]) -> BodySignature:
    signature = body_signature(_body(paragraphs))
    assert signature is not None
    return signature


def _copy_of(paragraphs: list[str]) -> list[str]:
    """What a syndicating site does: a credit line, one sentence reworded, the last paragraph dropped."""
    copy = list(paragraphs[:-1])
    copy[0] = "HARWICK (Wire) - " + copy[0]
    copy[2] = copy[2].replace("met through the night", "talked all night")
    copy.append("This story was published from a wire agency feed without modifications to the text.")
    return copy


def test_an_identical_body_has_an_identical_signature_and_similarity_one() -> None:
    a, b = _signature(STORY), _signature(list(STORY))
    assert a == b
    assert similarity(a, b) == 1.0
    assert a.band_keys() == b.band_keys()


def test_the_signature_ignores_case_punctuation_and_paragraph_breaks() -> None:
    flattened = " ".join(STORY).upper().replace(",", "")
    signature = body_signature(flattened)
    assert signature is not None
    assert similarity(signature, _signature(STORY)) > 0.95


def test_a_near_copy_scores_over_the_threshold_and_shares_band_keys() -> None:
    original, copy = _signature(STORY), _signature(_copy_of(STORY))
    assert similarity(original, copy) >= COPY_THRESHOLD
    assert set(original.band_keys()) & set(copy.band_keys())


def test_reordered_paragraphs_are_still_a_copy() -> None:
    reordered = [STORY[0], STORY[2], STORY[1], STORY[4], STORY[3], STORY[5], STORY[6]]
    assert similarity(_signature(STORY), _signature(reordered)) > 0.8


def test_a_follow_up_quoting_two_paragraphs_is_not_a_copy() -> None:
    follow_up = [OTHER_STORY[0], STORY[1], STORY[4], *OTHER_STORY[1:]]
    assert similarity(_signature(STORY), _signature(follow_up)) < COPY_THRESHOLD


def test_another_story_on_the_same_topic_is_not_a_copy() -> None:
    assert similarity(_signature(STORY), _signature(OTHER_STORY)) < 0.1


@pytest.mark.parametrize("body", ["", "Strike over.", "Port workers in Harwick ended a three-day strike on Thursday."])
def test_an_empty_or_short_body_has_no_signature(body: str) -> None:
    assert body_signature(body) is None


def test_a_short_body_is_its_own_story_even_with_members_found() -> None:
    member = StoryMember("u-first", "u-first", _signature(STORY))
    decided = decide_story("u-short", None, {"any": member})
    assert decided == StoryAssignment(story_id="u-short")


def test_the_signature_round_trips_through_bytes() -> None:
    signature = _signature(STORY)
    data = signature.to_bytes()
    assert len(data) == SIGNATURE_SIZE * 4
    assert BodySignature.from_bytes(data) == signature
    with pytest.raises(ValueError, match="bytes"):
        BodySignature.from_bytes(data[:-1])


def test_band_keys_are_fixed_in_number_and_name_their_band() -> None:
    keys = _signature(STORY).band_keys()
    assert len(keys) == BANDS
    assert [key.split("#")[1] for key in keys] == [f"{band:02d}" for band in range(BANDS)]


def test_no_member_found_starts_a_story_of_its_own() -> None:
    assert decide_story("u-a", _signature(STORY), {}) == StoryAssignment(story_id="u-a")


def test_a_copy_joins_the_story_of_the_member_it_matches() -> None:
    first = StoryMember("u-first", "u-first", _signature(STORY))
    decided = decide_story("u-copy", _signature(_copy_of(STORY)), {"k1": first, "k2": first})
    assert decided.story_id == "u-first"
    assert decided.duplicate_of == "u-first"
    assert decided.similarity is not None
    assert decided.similarity >= COPY_THRESHOLD


def test_a_copy_of_a_copy_keeps_the_first_articles_story() -> None:
    second = StoryMember("u-second", "u-first", _signature(_copy_of(STORY)))
    decided = decide_story("u-third", _signature(_copy_of(STORY)), {"k": second})
    assert (decided.story_id, decided.duplicate_of) == ("u-first", "u-second")


def test_the_most_similar_member_wins() -> None:
    unrelated = StoryMember("u-other", "u-other", _signature(OTHER_STORY))
    first = StoryMember("u-first", "u-first", _signature(STORY))
    decided = decide_story("u-copy", _signature(_copy_of(STORY)), {"a": unrelated, "b": first})
    assert decided.duplicate_of == "u-first"


def test_an_articles_own_earlier_claim_is_not_a_match() -> None:
    itself = StoryMember("u-a", "u-a", _signature(STORY))
    assert decide_story("u-a", _signature(STORY), {"k": itself}) == StoryAssignment(story_id="u-a")


def test_an_update_that_stays_close_keeps_its_story() -> None:
    previous = StoryAssignment("u-first", "u-first", 0.8)
    decided = decide_story("u-copy", _signature(_copy_of(STORY)), {}, previous, _signature(STORY))
    assert decided == previous


def test_an_update_whose_body_changed_enough_leaves_its_story() -> None:
    previous = StoryAssignment("u-first", "u-first", 0.8)
    decided = decide_story("u-copy", _signature(OTHER_STORY), {}, previous, _signature(STORY))
    assert decided == StoryAssignment(story_id="u-copy")
