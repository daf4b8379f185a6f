"""Fit the weights of a field's choice function: a conditional logit over each page's candidates.

A page contributes when at least one of its candidates is right (its label is 1). The model learns which
candidate of a page is the right one; a "none" pseudo-candidate with only the feature `none` lets it learn to
give nothing when every candidate is weak (for fields where giving nothing beats a wrong value, add it).

    from fit_choice import Group, fit, accuracy
    groups = [Group(page_id, half, [(features, label), ...]), ...]
    weights = fit([g for g in groups if g.half == "A"], l2=0.1)
    print(accuracy(weights, [g for g in groups if g.half == "B"]))

The fitted weights are printed rounded to 2 decimals, to be pasted as plain numbers into the field's module.
numpy is a benchmark-only dependency; the package itself only sums weights.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

Features = Mapping[str, float]


@dataclass(frozen=True)
class Group:
    page_id: str
    half: str
    candidates: Sequence[tuple[Features, int]]  # (feature vector, 1 if the value is right)


def _matrix(groups: Sequence[Group], names: list[str]) -> list[tuple[np.ndarray, np.ndarray]]:
    index = {name: i for i, name in enumerate(names)}
    out = []
    for group in groups:
        x = np.zeros((len(group.candidates), len(names)))
        y = np.zeros(len(group.candidates))
        for row, (features, label) in enumerate(group.candidates):
            for name, value in features.items():
                if name in index:
                    x[row, index[name]] = value
            y[row] = label
        if y.sum() > 0:
            out.append((x, y / y.sum()))
    return out


def fit(groups: Sequence[Group], *, l2: float = 0.1, steps: int = 600, rate: float = 0.5) -> dict[str, float]:
    """Weights maximising the likelihood of the right candidates (L2-regularised, plain gradient ascent)."""
    names = sorted({name for group in groups for features, _ in group.candidates for name in features})
    data = _matrix(groups, names)
    w = np.zeros(len(names))
    for _ in range(steps):
        gradient = -l2 * w
        for x, y in data:
            logits = x @ w
            p = np.exp(logits - logits.max())
            p /= p.sum()
            gradient += x.T @ (y - p)
        w += rate * gradient / max(1, len(data))
    return {name: round(float(value), 2) for name, value in zip(names, w, strict=True) if abs(value) >= 0.005}


def accuracy(weights: Mapping[str, float], groups: Sequence[Group]) -> float:
    """Share of groups whose best-scoring candidate is right (groups with no right candidate count as misses)."""
    if not groups:
        return 0.0
    right = 0
    for group in groups:
        if not group.candidates:
            continue
        scores = [sum(weights.get(n, 0.0) * v for n, v in features.items()) for features, _ in group.candidates]
        best = max(range(len(scores)), key=lambda i: (scores[i], -i))
        right += group.candidates[best][1]
    return right / len(groups)
