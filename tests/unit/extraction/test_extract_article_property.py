"""Property: the whole extractor on arbitrary HTML-ish bytes returns an Article or raises ExtractionRefused."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from article_ingest.domain.article import Article
from article_ingest.domain.errors import ExtractionRefused
from article_ingest.extraction import ExtractionHints, extract_article

_TAGS = ["p", "div", "span", "a", "article", "section", "nav", "footer", "h1", "h2", "li", "ul", "br", "figure",
         "script", "table", "td", "tr", "blockquote", "aside", "main", "form", "time"]  # fmt: skip
_ATTRS = ['class="content"', 'class="comments"', 'id="main"', 'style="display:none"', "hidden", 'class="related"',
          'itemprop="articleBody"', 'role="navigation"', 'class="byline"']  # fmt: skip
_WORDS = st.sampled_from(
    ["The", "council", "said", "on", "Monday,", "that", "it", "would", "vote.", "Москва", "東京都", "القاهرة", "&amp;",
     "&#0;", "<", ">", "\x00", "\u200b", "By", "Updated:", "27-02-2026", "23:42", "IST", "Advertisement"]
)  # fmt: skip


@st.composite
def _fragment(draw: st.DrawFn, depth: int = 0) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 4))):
        if depth < 6 and draw(st.booleans()):
            tag = draw(st.sampled_from(_TAGS))
            attr = draw(st.one_of(st.just(""), st.sampled_from(_ATTRS)))
            close = draw(st.sampled_from([f"</{tag}>", ""]))  # unclosed tags on purpose
            parts.append(f"<{tag} {attr}>{draw(_fragment(depth + 1))}{close}")
        else:
            parts.append(" ".join(draw(st.lists(_WORDS, max_size=40))))
    return "".join(parts)


@st.composite
def _pages(draw: st.DrawFn) -> bytes:
    head = draw(st.sampled_from(["", "<title>T</title>", '<meta charset="utf-8">', '<script type="application/ld+json">'
                                 '{"@type":"NewsArticle","articleBody":"x"}</script>']))  # fmt: skip
    html = f"<html><head>{head}</head><body>{draw(_fragment())}</body></html>"
    encoding = draw(st.sampled_from(["utf-8", "utf-16", "cp1252", "gb18030"]))
    return html.encode(encoding, errors="replace")


def _extract_or_refuse(data: bytes, hints: ExtractionHints | None = None) -> None:
    try:
        result = extract_article(data, hints)
    except ExtractionRefused:
        return
    assert isinstance(result, Article)
    assert result.body.strip()
    assert result.word_count > 0


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_pages())
def test_generated_html_gives_an_article_or_a_typed_refusal(data: bytes) -> None:
    _extract_or_refuse(data)


@settings(max_examples=100, deadline=None)
@given(
    st.binary(max_size=2048),
    st.one_of(st.none(), st.sampled_from(["text/html; charset=utf-8", "text/html; charset=bogus"])),
)
def test_arbitrary_bytes_give_an_article_or_a_typed_refusal(data: bytes, content_type: str | None) -> None:
    _extract_or_refuse(data, ExtractionHints(content_type=content_type))
