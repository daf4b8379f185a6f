"""The cheap language check: confirms a plainly correct declaration, never confirms a wrong one."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from article_ingest.extraction.metadata.language_check import confirms

ENGLISH = (
    "The city council approved the new budget on Tuesday after a long debate about schools, and the mayor said "
    "that the plan, which has been criticised by the opposition, was the best that the city could afford this year."
)
GERMAN = (
    "Der Stadtrat hat am Dienstag nach einer langen Debatte den neuen Haushalt beschlossen. Die Bibliothek wird "
    "auch sonntags geöffnet sein, und die Kritiker sind mit dem Plan nicht einverstanden, der auf Schätzungen beruht."
)


def test_function_words_confirm_the_declared_language() -> None:
    assert confirms("en", ENGLISH)
    assert confirms("de", GERMAN)


def test_a_wrong_declaration_is_not_confirmed() -> None:
    assert not confirms("en", GERMAN)
    assert not confirms("de", ENGLISH)
    assert not confirms("fr", ENGLISH)


def test_languages_without_a_word_list_or_script_are_left_to_the_model() -> None:
    assert not confirms("pl", "Rada miasta przyjęła we wtorek nowy budżet po długiej debacie o szkołach.")


def test_scripts_confirm_languages_written_in_their_own() -> None:
    assert confirms("ja", "東京都は火曜日、新しい予算を承認しました。図書館は日曜日も開館します。")
    assert not confirms("zh", "東京都は火曜日、新しい予算を承認しました。")  # kana: Japanese, not Chinese
    assert confirms("ru", "Городской совет во вторник утвердил новый бюджет после долгих дебатов.")
    assert not confirms("ru", ENGLISH)


@given(st.sampled_from(["en", "de", "fr", "ja", "ru", "pl", "xx"]), st.text(max_size=300))
def test_never_raises(declared: str, text: str) -> None:
    assert confirms(declared, text) in (True, False)
