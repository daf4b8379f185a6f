"""Language: declared in the markup, verified against the text with py3langid (a contradicted declaration loses)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from article_ingest.extraction.metadata.language_check import confirms

_PRIMARY_RE = re.compile(r"^\s*([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)*\s*$")
_MIN_TEXT_CHARS = 200
SAMPLE_CHARS = 800  # enough for a confident answer; the classifier's cost grows with the sample
_MIN_CONFIDENCE = 0.9
# Languages the classifier confuses with a close neighbour; a declaration inside one group is not contradicted.
_CLOSE = (
    frozenset({"no", "nb", "nn", "da", "sv"}),
    frozenset({"hr", "sr", "bs", "sl", "me"}),
    frozenset({"ms", "id"}),
    frozenset({"cs", "sk"}),
    frozenset({"gl", "pt", "es"}),
    frozenset({"ca", "es"}),
    frozenset({"zh", "ja"}),
    frozenset({"ru", "uk", "be", "bg", "mk"}),
    frozenset({"fa", "ar", "ur"}),
    frozenset({"hi", "mr", "ne"}),
)


def primary_subtag(value: object) -> str | None:
    """'en-US' / 'en_GB' / 'EN' -> 'en'; anything else (e.g. 'x-default', '*') -> None."""
    if not isinstance(value, str):
        return None
    match = _PRIMARY_RE.match(value.split(",", 1)[0])
    if not match:
        return None
    subtag = match[1].lower()
    return None if subtag in ("x", "i", "und", "zxx", "mul") else subtag


def choose_language(declared: str | None, text: str) -> tuple[str | None, bool]:
    """(language, detected): the declared one unless the text clearly says otherwise. A declaration the cheap
    check confirms is kept without loading the model (see language_check)."""
    if declared is not None and confirms(declared, text[:SAMPLE_CHARS]):
        return declared, False
    detected = detect_language(text)
    if detected is None:
        return declared, False
    if declared is None:
        return detected, True
    if declared == detected or any(declared in group and detected in group for group in _CLOSE):
        return declared, False
    return detected, True


def detect_language(text: str) -> str | None:
    """py3langid on a sample of the text; None when the sample is short or the model is unsure."""
    sample = text[:SAMPLE_CHARS]
    if len(sample) < _MIN_TEXT_CHARS:
        return None
    language, probability = _identifier().classify(sample)
    return str(language) if probability >= _MIN_CONFIDENCE else None


@lru_cache(maxsize=1)
def _identifier() -> Any:
    """The model is static data (no per-page state), so loading it once per process is safe."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
