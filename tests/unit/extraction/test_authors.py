"""The author normalizer: bylines become clean, split person or desk names."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from article_ingest.extraction.metadata.authors import (
    _DATE_PREPOSITIONS,
    _ROLE_NOUNS,
    _ROLE_WORDS,
    _WEEKDAYS,
    clean_authors,
)
from article_ingest.extraction.metadata.dates import MONTH_NAMES


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (["By Jane Doe and John Smith"], ["Jane Doe", "John Smith"]),
        (["Jane Doe, John Smith & Ana Ruiz"], ["Jane Doe", "John Smith", "Ana Ruiz"]),
        (["Von Julia Müller und Max Meier"], ["Julia Müller", "Max Meier"]),
        (["Por Ana Ruiz y Luis Gómez"], ["Ana Ruiz", "Luis Gómez"]),
        (["Par Loïc Le Clerc et Marie Dupont"], ["Loïc Le Clerc", "Marie Dupont"]),
        (["Written by: Laura E. Adkins"], ["Laura E. Adkins"]),
        (["Devdiscourse News Desk"], ["Devdiscourse News Desk"]),
        (["JANE DOE"], ["Jane Doe"]),
        (["Neetzan Zimmerman View Profile"], ["Neetzan Zimmerman"]),  # a profile card's buttons
        (["Diana Adams Friend Me"], ["Diana Adams"]),
        (["Tim Ferriss Topics: Entrepreneurship"], ["Tim Ferriss"]),
        (["Reviews", "Email", "URL", "Tags", "video"], []),  # a menu's or a form's words in an author-classed box
        (["categories: Python, Mercurial"], []),  # a post's category line beside its author
        (["By John Leyden ? More by this author"], ["John Leyden"]),  # a link to the author's other stories
        (["Zuletzt geändert", "Jana Roth Zuletzt geändert am 3.5."], ["Jana Roth"]),  # "last changed"
        (["By Justin Zaremba/NJ.com The Star-Ledger"], ["Justin Zaremba", "The Star-Ledger"]),  # a domain glued on
        (["By David Lassen ( Contact ) Thursday, December 27, 2007"], ["David Lassen"]),  # a weekday left of a date
        (["Sherif Saed, Wednesday, 20th November 2019 08:05 GMT"], ["Sherif Saed"]),
        (["By DANICA KIRKA and JILL LAWLESS Associated Press"], ["Danica Kirka", "Jill Lawless"]),  # AP's style
        (["Joseph White AP", "Suleiman Al-Khalidi Reuters"], ["Joseph White", "Suleiman Al-Khalidi"]),
    ],
)
def test_bylines_are_split_into_names(raw: list[str], expected: list[str]) -> None:
    assert clean_authors(raw) == expected


def test_email_the_author_and_addresses_are_dropped() -> None:
    assert clean_authors(["By Jane Doe Email the author jane.doe@example.com"]) == ["Jane Doe"]


def test_urls_and_handles_are_not_authors() -> None:
    assert clean_authors(["https://www.facebook.com/janedoe", "@janedoe"]) == []


def test_dates_in_a_byline_line_are_cut() -> None:
    assert clean_authors(["By Emily Burack 8 January 2020, 3:51 pm 11 Edit Facebook Twitter"]) == ["Emily Burack"]


def test_updated_labels_are_cut() -> None:
    assert clean_authors(["Jane Doe | Updated: 27-02-2026 23:42 IST"]) == ["Jane Doe"]


def test_site_names_posing_as_authors_are_rejected() -> None:
    assert clean_authors(["The Guardian", "CNN.com"], reject=["The Guardian", "CNN"]) == []
    assert clean_authors(["Jane Doe", "Reuters"], reject=["Reuters"]) == ["Jane Doe"]


def test_job_titles_are_dropped_but_names_kept() -> None:
    assert clean_authors(["Howard Blume, Staff Writer"]) == ["Howard Blume"]
    assert clean_authors(["Howard Blume Staff Writer"]) == ["Howard Blume"]
    assert clean_authors(["Culture Writer"]) == []


def test_names_that_look_like_months_are_kept() -> None:
    assert clean_authors(["April Glaser", "Marco Kratzenberg", "June Lee"]) == [
        "April Glaser",
        "Marco Kratzenberg",
        "June Lee",
    ]


def test_a_month_left_over_from_a_cut_date_is_not_a_name() -> None:
    assert clean_authors(["Duncan Bell January 5, 2017"]) == ["Duncan Bell"]
    assert clean_authors(["Dezember"]) == []


def test_view_all_posts_by_keeps_the_name() -> None:
    assert clean_authors(["Zeige alle Beiträge von Petra Ruland"]) == ["Petra Ruland"]
    assert clean_authors(["View all posts by Cem Basman"]) == ["Cem Basman"]


def test_photo_credits_are_not_authors() -> None:
    assert clean_authors(["Text: Jens Bergmann Foto: Michael Hudler"]) == ["Jens Bergmann"]


def test_an_authors_bio_in_sentences_gives_no_names() -> None:
    bio = (
        "Ian Lynam is a graphic designer living in Tokyo and the art director of Neojaponisme. His new book, "
        "Parallel Strokes, on the intersection of graffiti and typography is available now."
    )

    assert clean_authors([bio]) == []
    assert clean_authors(["By Jane Doe, Senior Political Correspondent, and John Roe, Staff Writer"]) == [
        "Jane Doe",
        "John Roe",
    ]


def test_a_desk_name_is_an_author() -> None:
    assert clean_authors(["Redaktion"]) == ["Redaktion"]
    assert clean_authors(["Redacción Diario Página Siete"], ["Página Siete"]) == ["Redacción Diario Página Siete"]


def test_a_blog_login_with_digits_is_a_name_but_a_date_or_number_is_not() -> None:
    assert clean_authors(["freeman1984", "c1ph4"]) == ["freeman1984", "c1ph4"]
    assert clean_authors(["2019", "12.03.2020", "Jane Doe 2019", "Mai2019"]) == ["Jane Doe"]


def test_placeholders_are_not_authors() -> None:
    assert clean_authors(["admin", "Unknown", "null", "By"]) == []


def test_duplicates_are_dropped_in_order() -> None:
    assert clean_authors(["Jane Doe", "jane doe", "John Smith"]) == ["Jane Doe", "John Smith"]


def test_non_strings_are_ignored() -> None:
    assert clean_authors([None, 42, {"name": "x"}, "Jane Doe"]) == ["Jane Doe"]


_FORBIDDEN = re.compile(r"^(?:by|von|par|por)\s|@|https?://|www\.", re.I)
_LOGIN_WITH_DIGITS = re.compile(r"^[a-z][a-z0-9_]*[a-z][a-z0-9_]*$")  # "freeman1984": never a date or a number


@given(st.lists(st.text(max_size=80), max_size=4))
def test_normalizer_never_raises_and_never_returns_prefixes_emails_urls_or_dates(raw: list[str]) -> None:
    for name in clean_authors(raw, reject=["Example"]):
        assert name == name.strip()
        assert name
        assert not _FORBIDDEN.search(name)
        assert not any(ch.isdigit() for ch in name) or _LOGIN_WITH_DIGITS.match(name)
        assert "<" not in name


# Words the normalizer reads as bylines' scaffolding (a leading "Par", a trailing "Editor", "May", "Monday" or "am")
# are not name material by design; generated names avoid them.
_SCAFFOLDING = {"by", "von", "vom", "par", "por", "door", "af", "av", "from", "with", "text", "texto", "texte"}
_SCAFFOLDING |= MONTH_NAMES | _WEEKDAYS | _ROLE_WORDS | _ROLE_NOUNS | _DATE_PREPOSITIONS
_SCAFFOLDING |= {"and", "und", "et", "y", "e", "i"}
_NAME = st.from_regex(r"[A-Z][a-z]{2,8} [A-Z][a-z]{2,10}", fullmatch=True).filter(
    lambda name: not any(word.lower() in _SCAFFOLDING for word in name.split())
)


@given(
    st.lists(_NAME, min_size=1, max_size=3, unique=True),
    st.sampled_from(["By ", "Von ", ""]),
    st.sampled_from([" and ", ", ", " & "]),
    st.sampled_from(["", " | March 3, 2020", " jane@example.com", " https://example.com/x"]),
)
def test_generated_bylines_give_back_their_names(names: list[str], prefix: str, joiner: str, noise: str) -> None:
    result = clean_authors([prefix + joiner.join(names) + noise])
    assert [n.casefold() for n in result] == [n.casefold() for n in names]
