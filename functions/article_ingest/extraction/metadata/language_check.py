"""A cheap check of a declared language (function words, writing system) that spares loading py3langid.

py3langid costs about 100 MB of RSS and 0.2-1.8 s to load per cold start. Most pages declare their language
correctly, and a handful of very common function words (or the script, for languages written in their own)
confirm it in microseconds. Only a declaration this check cannot confirm, or a page that declares nothing,
needs the statistical model.
"""

from __future__ import annotations

import re
from functools import cache

# Frequent function words that are rare in the other listed languages (shared ones such as "de", "la", "a",
# "en", "die" in English text are left out on purpose).
_FUNCTION_WORDS = {
    "en": "the and of to is that for with was are this have from not which been were would their has",
    "de": "der und das ist nicht mit den von ein eine auf für sich dem auch wird sind werden nach bei einer",
    "fr": "le les et des est une du dans pour qui pas sur avec sont au ce cette aux mais ont été",
    "es": "el los las y que del por una con para es se su al lo más como pero sus fue ha",
    "it": "il che di della per non una sono con gli del nel alla anche è dei delle più ha questo",
    "pt": "o os que não uma com para do da em é dos das no na ao mais foi são pelo",
    "nl": "het een en van is dat niet op met voor zijn ook te aan wordt bij naar maar deze",
}
_WORDS = {language: frozenset(words.split()) for language, words in _FUNCTION_WORDS.items()}
_TOKEN_RE = re.compile(r"[^\W\d_]+")
_MIN_HITS = 8
_MARGIN = 2.0  # the declared language's hits must exceed every other's by this factor

# Languages written in a script of their own (or a family the verifier treats as one, see language._CLOSE).
# Compiled on first use (`_script`): a page needs its declared language's only, and the CJK ranges alone were
# ~2 ms of every cold start.
_SCRIPTS = {
    "ja": r"[\u3040-\u30ff]",  # kana: Chinese text has none
    "ko": r"[\uac00-\ud7af]",
    "zh": r"[\u4e00-\u9fff]",
    "ru": r"[\u0400-\u04ff]",
    "uk": r"[\u0400-\u04ff]",
    "bg": r"[\u0400-\u04ff]",
    "ar": r"[\u0600-\u06ff]",
    "fa": r"[\u0600-\u06ff]",
    "he": r"[\u0590-\u05ff]",
    "el": r"[\u0370-\u03ff]",
    "th": r"[\u0e00-\u0e7f]",
    "hi": r"[\u0900-\u097f]",
}
_MIN_SCRIPT_SHARE = 0.3  # of the letters in the sample


@cache
def _script(language: str) -> re.Pattern[str]:
    return re.compile(_SCRIPTS[language])


def confirms(declared: str, text: str) -> bool:
    """True when the text plainly is in the declared language; False means "not sure", never "contradicted"."""
    if declared in _SCRIPTS:
        letters = sum(1 for ch in text if ch.isalpha())
        if declared == "zh" and _script("ja").search(text):
            return False
        return letters > 0 and len(_script(declared).findall(text)) >= _MIN_SCRIPT_SHARE * letters
    words = _WORDS.get(declared)
    if words is None:
        return False
    hits = dict.fromkeys(_WORDS, 0)
    for token in _TOKEN_RE.findall(text.lower()):
        for language, vocabulary in _WORDS.items():
            if token in vocabulary:
                hits[language] += 1
    others = max(count for language, count in hits.items() if language != declared)
    return hits[declared] >= _MIN_HITS and hits[declared] >= _MARGIN * others
