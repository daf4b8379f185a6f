"""Typed refusals: every input the extractor will not turn into an Article says why."""

from __future__ import annotations

from enum import StrEnum


class RejectReason(StrEnum):
    """Why an object did not become an Article. Part of the public `ArticleRejected` contract."""

    EMPTY = "empty"  # zero bytes, or only whitespace
    TOO_LARGE = "too_large"  # raw or decompressed bytes past the configured limit
    NOT_HTML = "not_html"  # binary (PNG, PDF, ZIP, ...) or text that is not markup
    UNDECODABLE = "undecodable"  # no charset turns the bytes into text
    TOO_COMPLEX = "too_complex"  # element count or nesting depth past the limit
    TIMEOUT = "timeout"  # extraction past its time budget
    NO_ARTICLE = "no_article"  # HTML, but no story text in it
    INVALID_KEY = "invalid_key"  # an object key the pipeline cannot safely handle


class ExtractionRefused(Exception):  # noqa: N818 - a refusal is an outcome, not a bug
    """Raised by the pure extractor; the caller turns it into an `ArticleRejected`."""

    def __init__(self, reason: RejectReason, message: str) -> None:
        super().__init__(f"{reason.value}: {message}")
        self.reason = reason
        self.message = message
