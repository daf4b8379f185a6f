"""Typed refusals: every input the extractor will not turn into an Article says why."""

from __future__ import annotations

from enum import StrEnum

from article_ingest.domain.article import FoundMetadata


class RejectReason(StrEnum):
    """Why an object did not become an Article. Part of the public `ArticleRejected` contract.

    A page that is HTML but carries no story is refused as one of `blocked`, `needs_javascript`, `not_article`
    or `no_text`, each something an operator can act on (fetch again slower, render the page, stop crawling
    listings, look at the page).
    """

    EMPTY = "empty"  # zero bytes, or only whitespace
    TOO_LARGE = "too_large"  # raw or decompressed bytes past the configured limit
    NOT_HTML = "not_html"  # binary (PNG, PDF, ZIP, ...) or text that is not markup
    UNDECODABLE = "undecodable"  # no charset turns the bytes into text
    TOO_COMPLEX = "too_complex"  # element count or nesting depth past the limit
    TIMEOUT = "timeout"  # extraction past its time budget
    BLOCKED = "blocked"  # a bot challenge, CAPTCHA or access-denied page instead of the page asked for
    NEEDS_JAVASCRIPT = "needs_javascript"  # an app shell: the story is rendered by scripts, not in the HTML
    NOT_ARTICLE = "not_article"  # text, but no story: a front page, a listing of links
    NO_TEXT = "no_text"  # HTML with next to no text at all
    # Emitted up to 1.0's first releases for every page without story text; kept so older records still validate.
    NO_ARTICLE = "no_article"
    INVALID_KEY = "invalid_key"  # an object key the pipeline cannot safely handle


class ExtractionRefused(Exception):  # noqa: N818 - a refusal is an outcome, not a bug
    """Raised by the pure extractor; the caller turns it into an `ArticleRejected`."""

    def __init__(self, reason: RejectReason, message: str, found: FoundMetadata | None = None) -> None:
        super().__init__(f"{reason.value}: {message}")
        self.reason = reason
        self.message = message
        self.found = found  # what the page declared, when it got as far as metadata
