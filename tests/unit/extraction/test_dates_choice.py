"""Date candidates and the published/modified choice: what each source proposes, with which features, and which
candidate the fitted weights pick (hand-made pages, one class of page each)."""

from __future__ import annotations

from datetime import date

from article_ingest.domain.article import ProvenanceSource
from article_ingest.extraction.metadata import publication
from article_ingest.extraction.metadata.candidates import Candidate
from article_ingest.extraction.metadata.date_candidates import DateCandidate
from article_ingest.extraction.metadata.dates import parse_date
from tests.unit.extraction.pages import jsonld, metadata_of, page

STORY = (
    "<p>The harbour authority approved the new ferry timetable on Tuesday after a long debate about night "
    "crossings, freight slots and the old pier, which will now stay open on Sundays for the first time in years.</p>"
    "<p>Opponents said the plan relies on optimistic passenger forecasts, but the authority defended it.</p>"
)
URL = "https://news.example.com/2021/05/03/ferry-timetable"


def candidates_of(html: str, url: str | None = URL) -> list[DateCandidate]:
    captured: list[list[DateCandidate]] = []
    original = publication.date_candidates

    def capturing(*args: object, **kwargs: object) -> list[DateCandidate]:
        captured.append(original(*args, **kwargs))  # type: ignore[arg-type]
        return captured[-1]

    publication.date_candidates = capturing  # type: ignore[assignment]
    try:
        metadata_of(html, url=url)
    finally:
        publication.date_candidates = original  # type: ignore[assignment]
    return captured[-1]


def test_every_source_proposes_its_date_with_provenance_label_and_time() -> None:
    head = jsonld(
        {"@type": "NewsArticle", "headline": "Ferry", "datePublished": "2021-05-03T08:00:00+02:00",
         "dateModified": "2021-05-04T09:30:00+02:00"}
    ) + '<meta property="article:published_time" content="2021-05-03T06:00:00Z">'  # fmt: skip
    body = f"<h1>Ferry timetable approved</h1><div>Updated: May 4, 2021</div>{STORY}"
    found = {(c.source, c.value.iso): c for c in candidates_of(page(head, body))}

    published = found[("jsonld:published", "2021-05-03T08:00:00+02:00")]
    assert published.provenance is ProvenanceSource.JSON_LD
    assert published.features["label=published"] == 1.0
    assert published.features["timed"] == published.features["zone"] == 1.0
    assert found[("jsonld:modified", "2021-05-04T09:30:00+02:00")].features["label=modified"] == 1.0
    assert found[("meta:og", "2021-05-03T06:00:00+00:00")].provenance is ProvenanceSource.META
    updated = found[("shown:below", "2021-05-04")]
    assert (updated.provenance, updated.features["label=modified"], updated.features["timed"]) == (
        ProvenanceSource.BYLINE,
        1.0,
        0.0,
    )
    assert found[("url", "2021-05-03")].provenance is ProvenanceSource.URL


def test_dates_in_page_furniture_and_embedded_posts_are_flagged_not_dropped() -> None:
    body = (
        f"<h1>Ferry timetable approved</h1>{STORY}"
        "<blockquote class='twitter-tweet'><p>Night ferries are back!</p>"
        "<time datetime='2021-04-20T10:00:00Z'>April 20, 2021</time></blockquote>"
        "<ul class='related'><li>Old pier closes <time datetime='2020-11-02'>2 Nov 2020</time></li></ul>"
    )
    found = {c.value.iso: c for c in candidates_of(page("", body)) if c.source == "shown:element"}

    assert found["2021-04-20T10:00:00+00:00"].features.get("embedded") == 1.0
    assert found["2020-11-02"].features.get("furniture") == 1.0


def test_sources_agreeing_on_a_day_outvote_a_single_declared_stamp() -> None:
    head = jsonld({"@type": "NewsArticle", "headline": "Ferry", "datePublished": "2019-01-15"})
    body = f"<h1>Ferry timetable approved</h1><p>3 May 2021</p>{STORY}"
    meta = metadata_of(page(head, body), url=URL)  # the shown day and the URL's day agree
    assert meta.published_at == "2021-05-03"
    assert meta.provenance["published_at"] is ProvenanceSource.BYLINE


def test_the_modified_date_is_the_best_candidate_labelled_modified_and_keeps_its_raw_text() -> None:
    head = jsonld(
        {"@type": "NewsArticle", "headline": "Ferry", "datePublished": "2021-05-03T08:00:00+02:00",
         "dateModified": "2021-05-04T09:30:00+02:00"}
    )  # fmt: skip
    body = f"<h1>Ferry timetable approved</h1><div>Updated: May 5, 2021</div>{STORY}"
    meta = metadata_of(page(head, body), url=URL)
    assert (meta.modified_at, meta.modified_at_raw) == ("2021-05-04T09:30:00+02:00", "2021-05-04T09:30:00+02:00")
    assert meta.provenance["modified_at"] is ProvenanceSource.JSON_LD


def _candidate(raw: str, source: str, provenance: ProvenanceSource, **features: float) -> DateCandidate:
    parsed = parse_date(raw)
    assert parsed is not None
    return Candidate(parsed, provenance, source, parsed.raw, {"timed": float(parsed.has_time), **features})


def test_a_winning_modification_stamp_gives_the_day_but_not_its_time() -> None:
    chosen = publication.choose_published(
        [_candidate("2021-05-04T09:30:00+02:00", "meta:modified", ProvenanceSource.META, **{"label=modified": 1.0})],
        {"bias": 1.0},
    )
    assert chosen is not None
    assert (chosen.value.day, chosen.value.iso, chosen.value.has_time) == (date(2021, 5, 4), "2021-05-04", False)


def test_a_bare_day_takes_the_time_of_the_best_candidate_on_that_day_with_its_raw_and_provenance() -> None:
    shown = _candidate("May 3, 2021", "shown:below", ProvenanceSource.BYLINE)
    related = _candidate("2021-05-03T07:00:00+02:00", "shown:element", ProvenanceSource.MARKUP, furniture=1.0)
    stamp = _candidate("2021-05-03T08:15:00+02:00", "meta:og", ProvenanceSource.META)
    chosen = publication.choose_published([shown, related, stamp], {"source=shown:below": 2.0, "furniture": 1.0})
    assert chosen is not None  # the related item scores higher, but a stamp in furniture dates another story
    assert (chosen.value, chosen.raw, chosen.provenance) == (stamp.value, stamp.raw, ProvenanceSource.META)


def test_no_candidate_gives_no_date() -> None:
    assert publication.choose_published([]) is None
    assert metadata_of(page("", f"<h1>Ferry timetable approved</h1>{STORY}"), url=None).published_at is None
