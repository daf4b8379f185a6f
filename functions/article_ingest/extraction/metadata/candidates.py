"""Candidates -> features -> choice: the one mechanism every metadata field decides with.

Each source (JSON-LD, microdata, meta tags, <time>, byline text, the URL, text near the headline, ...) proposes
`Candidate`s: a value with its provenance, the raw text it came from and a few general features (what kind of
source, where on the page relative to the headline and the story, inside page furniture, plausible). `choose`
adds the agreement between sources, scores every candidate with a linear model and returns the best one.

The weights are plain numbers in the field's module, fitted offline on half A of the dev sets
(`benchmarks/fit_choice.py`, a conditional logit: which candidate of a page is the right one) and kept only if
they also win on half B. No model file and no runtime dependency: a dict lookup and a sum per candidate.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from article_ingest.domain.article import ProvenanceSource

V = TypeVar("V")
Weights = Mapping[str, float]

BIAS = "bias"
AGREEMENT = "agree"  # how many other sources propose the same value (the key of `choose`)
AGREEMENT_STRUCTURED = "agree_structured"  # ... of which are structured sources (JSON-LD, meta, microdata)
_STRUCTURED = frozenset({ProvenanceSource.JSON_LD, ProvenanceSource.META, ProvenanceSource.MICRODATA})


@dataclass(frozen=True)
class Candidate(Generic[V]):
    """One source's proposal for a field."""

    value: V
    provenance: ProvenanceSource  # what the Article's `provenance` will say if this candidate wins
    source: str  # the finer kind of source, a feature of its own: "jsonld", "meta:og:title", "time", "url", ...
    raw: str | None = None  # the text the value was read from, kept beside a parsed value
    features: Mapping[str, float] = field(default_factory=dict)
    order: int = 0  # position among the candidates as proposed: the tie-break

    def with_features(self, features: Mapping[str, float], order: int) -> Candidate[V]:
        """This candidate with other features and place (`dataclasses.replace` costs several times more)."""
        return Candidate(self.value, self.provenance, self.source, self.raw, features, order)

    def feature_vector(self) -> dict[str, float]:
        """Every feature the weights may name: the source's one-hot, the bias and the candidate's own."""
        return {BIAS: 1.0, f"source={self.source}": 1.0, **self.features}


def score(candidate: Candidate[V], weights: Weights) -> float:
    return sum(weights.get(name, 0.0) * value for name, value in candidate.feature_vector().items())


def with_agreement(
    candidates: Sequence[Candidate[V]],
    key: Callable[[V], Hashable],
    origin: Callable[[Candidate[V]], Hashable] | None = None,
) -> list[Candidate[V]]:
    """Each candidate with the number of other sources that propose the same key. A source is the candidate's
    `source` name, or what `origin` says, when several source kinds read one thing (an author-classed element and
    the "By ..." line inside it are one piece of page text, not two that agree)."""
    origin_of = origin or (lambda candidate: candidate.source)
    sources_by_key: dict[Hashable, set[Hashable]] = {}
    structured_by_key: dict[Hashable, set[Hashable]] = {}
    for candidate in candidates:
        k = key(candidate.value)
        sources_by_key.setdefault(k, set()).add(origin_of(candidate))
        if candidate.provenance in _STRUCTURED:
            structured_by_key.setdefault(k, set()).add(origin_of(candidate))
    out: list[Candidate[V]] = []
    for order, candidate in enumerate(candidates):
        k = key(candidate.value)
        own = origin_of(candidate)
        others = sources_by_key[k] - {own}
        structured = structured_by_key.get(k, set()) - {own}
        features = {**candidate.features, AGREEMENT: float(len(others)), AGREEMENT_STRUCTURED: float(len(structured))}
        out.append(candidate.with_features(features, order))
    return out


def ranked(
    candidates: Iterable[Candidate[V]], weights: Weights, key: Callable[[V], Hashable] | None = None
) -> list[tuple[float, Candidate[V]]]:
    """Candidates with their scores, best first (ties keep the proposal order)."""
    listed = list(candidates)
    if key is not None:
        listed = with_agreement(listed, key)
    else:
        listed = [candidate.with_features(candidate.features, order) for order, candidate in enumerate(listed)]
    scored = [(score(candidate, weights), candidate) for candidate in listed]
    return sorted(scored, key=lambda item: (-item[0], item[1].order))


def choose(
    candidates: Iterable[Candidate[V]],
    weights: Weights,
    *,
    key: Callable[[V], Hashable] | None = None,
    minimum: float | None = None,
) -> Candidate[V] | None:
    """The best-scoring candidate, or None when there is none or the best scores below `minimum`."""
    best = ranked(candidates, weights, key)
    if not best or (minimum is not None and best[0][0] < minimum):
        return None
    return best[0][1]
