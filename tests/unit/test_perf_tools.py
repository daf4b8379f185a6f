"""The performance benchmarks' own arithmetic and inputs (no timings: speed lives in benchmarks/)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from article_ingest.extraction import ExtractionHints, extract_article
from article_ingest.local.template import load_template

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

import memory
import throughput


def test_item_bytes_follow_dynamodb_sizing_rules() -> None:
    item = {
        "pk": {"S": "SITE#example.org"},  # 2 + 16
        "version": {"N": "12345"},  # 7 + (5 / 2 + 1)
        "tags": {"L": [{"S": "port"}, {"BOOL": True}]},  # 4 + 3 + (1 + 4) + (1 + 1)
        "clean": {"M": {"key": {"S": "a/b"}}},  # 5 + 3 + (1 + 3 + 3)
    }

    assert throughput.item_bytes(item) == pytest.approx(18 + 10.5 + 14 + 15)


def test_transactional_writes_cost_twice_per_started_kilobyte() -> None:
    small = {"pk": {"S": "a"}}
    large = {"pk": {"S": "x" * 1500}}
    params = {"TransactItems": [{"Put": {"Item": small}}, {"Put": {"Item": large}}, {"Delete": {"Key": small}}]}

    assert throughput._write_units("TransactWriteItems", params) == 2 * 1 + 2 * 2 + 2 * 1
    assert throughput._write_units("PutItem", {"Item": large}) == 2


def test_generated_pages_are_distinct_articles(tmp_path: Path) -> None:
    """Every generated page that becomes an article has its own id: a repeat would be 'unchanged', not new work."""
    paths = throughput.write_pages(tmp_path, 14)
    ids = []
    for path in paths:
        if "hostile-png" in path.name or "truncated-menu-only" in path.name:
            continue
        ids.append(extract_article(path.read_bytes(), ExtractionHints()).id)

    assert len(ids) == 12  # 7 template pages, 5 sample variants (the PNG and the menu-only page are refused)
    assert len(set(ids)) == len(ids)


def test_sample_variants_keep_gzip_and_change_the_url() -> None:
    sample = throughput.SAMPLES / "diariodelsur-sequia-riego-es.html.gz"

    name, data = throughput.sample_variant(sample, 7)

    assert name == "diariodelsur-sequia-riego-es-7.html.gz"
    assert data[:2] == b"\x1f\x8b"
    assert extract_article(data, ExtractionHints()).url.endswith("-v7")  # type: ignore[union-attr]


def test_memory_size_comes_from_the_function_else_globals() -> None:
    template = load_template()
    without_own = {
        "Globals": {"Function": {"MemorySize": 768}},
        "Resources": {"F": {"Properties": {"Handler": "x.handler"}}},
    }

    assert (
        memory.memory_size_mb(template, "ParseFunction")
        == template["Resources"]["ParseFunction"]["Properties"]["MemorySize"]
    )
    assert memory.memory_size_mb(without_own, "F") == 768


def test_unseen_metadata_sorts_each_page_date_into_one_verdict() -> None:
    import unseen_metadata

    assert unseen_metadata.verdict("2007-11-26", "2007-11-26") == "agree"
    assert unseen_metadata.verdict("2012-11-05", "2012-05-11") == "differ"
    assert unseen_metadata.verdict(None, "2006-01-01") == "none/theirs"
    assert unseen_metadata.verdict("2008-01-15", None) == "ours/none"
    assert unseen_metadata.verdict(None, None) == "none/none"


def test_unseen_metadata_reads_a_title_against_the_truths_first_line() -> None:
    import unseen_metadata

    class Scorer:  # the shared scorer's two functions the proxy calls, as they behave on these strings
        @staticmethod
        def norm_text(text: str | None) -> str:
            return " ".join((text or "").split()).casefold()

        @staticmethod
        def title_match(truth: str, title: str | None, relaxed: bool) -> bool:
            return Scorer.norm_text(truth) == Scorer.norm_text(title)

    truth = "Bush speech draws mixed response ABU DHABI - President Bush's speech ...\nMore text."
    assert unseen_metadata.title_verdicts(truth, "Bush speech draws mixed response", Scorer) == (False, True)
    assert unseen_metadata.title_verdicts("Bush speech draws mixed response\nText", "Khaleej Times", Scorer) == (
        False,
        False,
    )
    assert unseen_metadata.title_verdicts("Kings top Oilers\nText", "kings top  oilers", Scorer) == (True, True)


def test_unseen_metadata_reads_our_authors_against_a_truth_holding_the_byline() -> None:
    import unseen_metadata

    truth = "Kings top Oilers\nBy MATTHEW LEE, Associated Press Writer\nThe Kings won on Saturday."
    assert unseen_metadata.author_verdict(truth, ["Matthew Lee"]) == "in truth"
    assert unseen_metadata.author_verdict(truth, ["Reviews"]) == "not in truth"
    assert unseen_metadata.author_verdict(truth, []) == "missed"
    assert unseen_metadata.author_verdict("Kings top Oilers\nThe Kings won.", []) == "none"


def test_versus_trafilatura_counts_changed_bodies_moving_toward_or_away_from_trafilatura() -> None:
    import versus_trafilatura

    before = {"a": 0.50, "b": 0.90, "c": 0.40, "d": 0.70}
    after = {"a": 0.80, "b": 0.60, "c": 0.405, "d": 0.70}

    result = versus_trafilatura.moves(before, after, ["a", "b", "c"])

    assert result == versus_trafilatura.Moves(changed=3, toward=1, away=1, total=0.005)


def test_versus_trafilatura_agreement_is_the_body_scorers_f1_against_trafilaturas_body() -> None:
    import versus_trafilatura

    class Scorer:  # the shared scorer's page_scores, as it reads (truth, predictions, ids)
        @staticmethod
        def page_scores(truth: dict[str, str], preds: dict[str, str], ids: list[str]) -> list[dict[str, object]]:
            return [{"id": page, "f1": float(truth[page] == preds[page])} for page in ids]

    ours, theirs = {"a": "same text", "b": "ours"}, {"a": "same text", "b": "theirs"}

    assert versus_trafilatura.agreement(Scorer, ours, theirs, ["a", "b"]) == {"a": 1.0, "b": 0.0}


def test_conventions_open_the_emitted_body_with_the_title_and_a_byline_as_such_truths_do() -> None:
    import conventions

    article = {"body": "First paragraph.\n\nSecond.", "title": "Headline", "authors": ["Ann Lee", "Bo Chen"]}
    refused = {"body": "", "title": "Headline", "authors": ["Ann Lee"]}

    assert conventions.VARIANTS["as emitted"](article) == "First paragraph.\n\nSecond."
    assert conventions.VARIANTS["+ title"](article) == "Headline\n\nFirst paragraph.\n\nSecond."
    assert conventions.VARIANTS["+ title + byline"](article) == (
        "Headline\n\nBy Ann Lee and Bo Chen\n\nFirst paragraph.\n\nSecond."
    )
    assert conventions.VARIANTS["+ title + byline"]({**article, "authors": []}) == conventions.VARIANTS["+ title"](
        article
    )
    assert conventions.VARIANTS["+ title"](refused) == ""  # a refused page scores as an empty body either way


def test_the_paragraph_vote_keeps_what_a_library_keeps_and_drops_what_none_does() -> None:
    import other_extractors

    body = "Share this\n\nThe council voted on Tuesday to close the old bridge to traffic for repairs.\n\nFollow us"
    library = "The council voted on Tuesday to close the old bridge to traffic for repairs. Share this"

    assert other_extractors.voted(body, [library, ""], max_words=100, needed=1) == (
        "Share this\n\nThe council voted on Tuesday to close the old bridge to traffic for repairs."
    )
    assert other_extractors.voted(body, [library], max_words=3, needed=1) == body.replace("\n\nFollow us", "")
    assert other_extractors.voted(body, ["", "  "], max_words=100, needed=1) == body  # nobody found anything
    assert other_extractors.voted("Follow us", [library], max_words=100, needed=1) == "Follow us"  # never empty
