"""Whole hand-made pages (tests/fixtures/pages/meta_*.html) through `extract_article`: the author and description
rules working together on a realistic page, with the site's furniture around the story."""

from __future__ import annotations

from pathlib import Path

from article_ingest.domain.article import Article, ProvenanceSource
from article_ingest.extraction import extract_article
from article_ingest.extraction.hints import ExtractionHints

PAGES = Path(__file__).parents[2] / "fixtures" / "pages"


def article(name: str, url: str) -> Article:
    return extract_article((PAGES / name).read_bytes(), ExtractionHints(url=url))


def test_press_release_of_an_association_names_the_writer_not_the_association() -> None:
    found = article("meta_association_press_release.html", "https://www.radbund-nordheide.example/presse/2025/x")
    # the author meta names the association; the credit line at the end of the story names the writer, and the
    # "Text:" line in the site footer is not the story's
    assert found.authors == ["Klara Wendt"]
    assert found.provenance["authors"] is ProvenanceSource.BYLINE
    # og:description is the meta description continued by the story's first sentence
    assert found.description == (
        "Der Kreistag hat drei Radschnellwege zwischen den Dörfern der Nordheide und der Kreisstadt beschlossen. "
        "Der Radbund begrüßt den Beschluss."
    )


def test_old_table_layout_page_signed_at_the_end() -> None:
    found = article("meta_blog_signature.html", "https://www.revue-eco.example/archives/32-heures.html")
    assert found.authors == ["Jeanne Marchal"]  # right-aligned signature before the footnotes
    # og:description "Analyse" is a section name, not a summary: the lead paragraph stands in
    assert found.description is not None
    assert found.description.startswith("Réduire le temps de travail pour partager l'emploi")
    assert found.provenance["description"] is ProvenanceSource.HEURISTIC
