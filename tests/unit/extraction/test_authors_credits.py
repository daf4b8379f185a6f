"""Author credits outside the byline (labelled credit lines, closing signatures) and the cleaning rules that keep
sentence words, degrees and glued-on job titles out of names: hand-written snippets for each class."""

from __future__ import annotations

import pytest

from article_ingest.extraction.hints import ExtractionHints
from article_ingest.extraction.metadata import extract_metadata
from article_ingest.extraction.metadata.author_credits import closing_signature, credit_lines
from article_ingest.extraction.metadata.authors import clean_authors
from article_ingest.extraction.tree import HtmlElement, parse_tree
from article_ingest.settings import ExtractionSettings

LONG = (
    "Die Feuerwehr der Stadt erhielt 1949 ihr erstes Löschfahrzeug nach dem Krieg, ein umgebautes Fahrgestell aus "
    "Altbeständen, das noch bis in die sechziger Jahre im Dienst blieb und heute im Museum steht."
)


def tree(body: str) -> HtmlElement:
    return parse_tree(f"<html lang='de'><head><title>t</title></head><body>{body}</body></html>", ExtractionSettings())


def authors_of(body: str) -> list[str]:
    return extract_metadata(tree(body), ExtractionHints(url="https://feuerwehr.example/news/1")).authors


def signature_text(body: str) -> str | None:
    found = closing_signature(tree(body))
    return found[0] if found else None


def test_a_labelled_credit_line_at_the_end_of_the_story_names_the_author() -> None:
    body = (
        f"<article><h1>Löschfahrzeuge der Nachkriegszeit</h1><p>{LONG}</p>"
        "<p>(wird fortgesetzt)<br><strong>Text:</strong> Klaus Fried</p>"
        "<p><strong>Fotos: </strong>Helmut Elst, Frank Jäger</p></article>"
    )
    assert authors_of(body) == ["Klaus Fried"]


def test_a_credit_label_followed_by_a_linked_name() -> None:
    body = f"<p>{LONG}</p><p style='text-align: right'><em>Autor: <a href='/u/sd'>Sam Diek</a> (Gastbeitrag)</em></p>"
    assert [text for text, _ in credit_lines(tree(body))] == ["Autor: Sam Diek (Gastbeitrag)"]
    assert authors_of(body) == ["Sam Diek"]


def test_a_chinese_editor_credit_in_a_tail_text() -> None:
    body = f"<div class='story'><p>{LONG}</p></div><div class='foot'><span><div>x</div>责任编辑： 焦鹏 </span></div>"
    assert authors_of(body) == ["焦鹏"]


def test_a_credit_line_in_the_footer_is_not_the_story_author() -> None:
    body = f"<article><h1>Löschfahrzeuge</h1><p>{LONG}</p></article><footer><p>Text: Webteam Stadt</p></footer>"
    assert credit_lines(tree(body)) == []


def test_an_emphasised_name_closing_the_story_is_its_signature() -> None:
    body = f"<div class='text'><p>{LONG}</p><p><b><i>Stefan Wass</i></b></p></div>"
    assert signature_text(body) == "Stefan Wass"
    assert authors_of(body) == ["Stefan Wass"]


def test_a_right_aligned_name_before_the_footnotes_is_a_signature() -> None:
    body = f"<p>{LONG}</p><p align='right'><em>Denis Clar</em></p><p>(1) {LONG}</p>"
    assert signature_text(body) == "Denis Clar"
    styled = f"<p>{LONG}</p><p style='text-align: right'>Denis Clar</p><p>(1) {LONG}</p>"
    assert signature_text(styled) == "Denis Clar"
    margin = f"<p>{LONG}</p><p style='margin-right: 2em'>Denis Clar</p><p>(1) {LONG}</p>"
    assert closing_signature(tree(margin)) is None


@pytest.mark.parametrize(
    "short",
    [
        "<p><b>Der Ballonkredit</b></p>",
        "<p><strong>Unsere Vorlage:</strong></p>",
        "<p>Stefan Wass</p>",
        "<p align='right'><a href='/mehr'>Mehr Informationen</a></p>",
    ],
)
def test_a_bold_subheading_or_a_plain_short_line_is_no_signature(short: str) -> None:
    assert closing_signature(tree(f"<p>{LONG}</p>{short}<p>{LONG}</p>")) is None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (["Grant Tins, PhD"], ["Grant Tins"]),
        (["deinen Hochzeitsbloggern"], []),
        (["Uta Stasch, Projektleiterin der HSS in Tunesien"], ["Uta Stasch"]),
        (["Sam Diek, Redner bei"], ["Sam Diek"]),
        (["Charles Walt for SurgeZirc UK"], ["Charles Walt"]),
        (
            ["cindy mangomini", "Mobasir hassan", "Ursula von der Leyen"],
            ["cindy mangomini", "Mobasir hassan", "Ursula von der Leyen"],
        ),
        (
            ["Antônio do Nascimento", "Maria dos Santos Silva", "Ludwig van der Rohe"],
            ["Antônio do Nascimento", "Maria dos Santos Silva", "Ludwig van der Rohe"],
        ),
        (["FOCUS-Online-Experte Robin Tschö"], ["Robin Tschö"]),
        (["Gastautorin Jana Roth"], ["Jana Roth"]),
        (["Interview: Jens Berg"], ["Jens Berg"]),
        (["Eingestellt von der Michel"], ["der Michel"]),
        (["Publié par Jean Dupont", "Published by Ann Lee on May 3"], ["Jean Dupont", "Ann Lee"]),
        (["Jane Doe Published: 3 May 2020"], ["Jane Doe"]),
        (["Text & Interview: Jens Berg"], ["Jens Berg"]),
        (["Author: Gàbor Muniér , Datum: 03.Mär.19"], ["Gàbor Muniér"]),
    ],
)
def test_names_lose_degrees_sentence_words_and_glued_job_titles(raw: list[str], expected: list[str]) -> None:
    assert clean_authors(raw) == expected
