"""The hostile and broken input corpus: each case, how to build its bytes, and the outcome it must end in.

Big inputs are generated when a case runs (never committed). `heavy` cases run in a child process so their peak
RSS can be measured against the parse function's memory setting, and so a regression cannot take the test run down.
"""

from __future__ import annotations

import gzip
import io
import json
import random
import re
import struct
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal

from article_ingest.domain.article import Article
from article_ingest.domain.errors import RejectReason
from article_ingest.extraction import ExtractionHints
from tests.hostile.pages import CANONICAL, PARAGRAPHS, STORY_MARKERS, TITLE, article_page, jsonld

ARTICLE: Literal["article"] = "article"
Expected = RejectReason | Literal["article"]
MB = 1024 * 1024


@dataclass(frozen=True)
class HostileCase:
    name: str
    why: str
    build: Callable[[], bytes]
    expected: Expected
    hints: ExtractionHints = field(default_factory=ExtractionHints)
    check: Callable[[Article], None] | None = None  # extra assertions on the Article
    markers: tuple[str, ...] = STORY_MARKERS  # story words that must reach the body
    heavy: bool = False


# --- builders ------------------------------------------------------------------------------------------------


def _page(**kwargs: Any) -> Callable[[], bytes]:
    return lambda: article_page(**kwargs).encode("utf-8")


def _gzip(data: bytes) -> bytes:
    return gzip.compress(data, mtime=0)


def _gzip_bomb(inflated: int) -> bytes:
    """`inflated` zero bytes as one gzip member, compressed in chunks so building it never holds them all."""
    compressor = zlib.compressobj(1, zlib.DEFLATED, 16 + zlib.MAX_WBITS)  # level 1: fast, still ~200:1
    chunk = bytes(MB)
    parts = [compressor.compress(chunk) for _ in range(inflated // MB)]
    parts.append(compressor.flush())
    return b"".join(parts)


def _padded_page(size: int) -> bytes:
    """The article page padded to `size` bytes with a comment: big, but otherwise ordinary."""
    page = article_page().encode("utf-8")
    filler = b"<!-- " + b"x" * (size - len(page) - 9) + b" -->"
    return page.replace(b"</body>", filler + b"</body>", 1)


def _long_story(size: int) -> bytes:
    """A page whose story is `size` bytes of real paragraphs: legitimate, just very long."""
    rounds = size // sum(len(p.encode("utf-8")) + 8 for p in PARAGRAPHS)
    return article_page(paragraphs=PARAGRAPHS * rounds).encode("utf-8")


def _png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\x00")) + chunk(b"IEND", b"")
    )


def _pdf() -> bytes:
    return (
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
        b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
        b"% <html><body><p>" + PARAGRAPHS[0].encode() + b"</p></body></html>\n"
        b"trailer << /Root 1 0 R >>\n%%EOF\n"
    )


def _zip_of_page() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_STORED) as archive:
        archive.writestr("index.html", article_page())  # stored: the HTML is readable inside the ZIP bytes
    return out.getvalue()


def _random_bytes() -> bytes:
    rng = random.Random(20260227)  # seeded: the same bytes on every run
    return bytes(rng.getrandbits(8) for _ in range(64 * 1024))


def _nested(depth: int) -> bytes:
    """The story behind `depth` unclosed-then-closed <div>s, as pages built by broken templates do."""
    opening = '<div class="wrap">' * depth
    return article_page(before_story=opening + "<p>Advertisement</p>" + "</div>" * depth).encode("utf-8")


def _nested_around_story(depth: int) -> bytes:
    page = article_page()
    start, end = page.index("<main>"), page.index("</main>") + len("</main>")
    return (page[:start] + "<div>" * depth + page[start:end] + "</div>" * depth + page[end:]).encode("utf-8")


def _million_tiny_elements() -> bytes:
    return article_page(after_story="<i></i>" * 1_000_000).encode("utf-8")


def _huge_attribute(size: int) -> bytes:
    return article_page(before_story=f'<div data-state="{"A" * size}"></div>').encode("utf-8")


def _many_attributes(count: int) -> bytes:
    attributes = " ".join(f'data-a{i}="{i}"' for i in range(count))
    return article_page(before_story=f"<div {attributes}></div>").encode("utf-8")


def _billion_laughs() -> bytes:
    entities = '<!ENTITY lol0 "lol">' + "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10))
    page = article_page(doctype="", charset=None, after_story="<p>&lol9;</p>")
    prolog = f'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html [{entities}]>\n'
    page = page.replace('<html lang="en">', '<html xmlns="http://www.w3.org/1999/xhtml" lang="en">', 1)
    return (prolog + page).encode("utf-8")


def _external_entity() -> bytes:
    prolog = '<?xml version="1.0"?>\n<!DOCTYPE html [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
    return (prolog + article_page(doctype="", inside_story="<p>&xxe;</p>")).encode("utf-8")


def _enormous_jsonld(size: int) -> bytes:
    filler = {f"field{i}": "lorem ipsum dolor sit amet " * 8 for i in range(size // 256)}
    return article_page(jsonld_text=jsonld(**filler)).encode("utf-8")


def _deep_jsonld(depth: int) -> bytes:
    return article_page(jsonld_text="[" * depth + "]" * depth).encode("utf-8")


def _story_only_in_jsonld(article_body: str) -> bytes:
    """The visible page is a teaser; the story is only in JSON-LD `articleBody`, as some paywalled sites do."""
    return article_page(jsonld_text=jsonld(articleBody=article_body), paragraphs=("Subscribe to read more.",)).encode()


def _story_html() -> str:
    return "".join(f"<p>{p}</p>" for p in PARAGRAPHS)


def _authors(count: int) -> list[dict[str, str]]:
    return [{"@type": "Person", "name": f"Reporter Number{i}"} for i in range(count)]


def _author_meta_tags(count: int) -> bytes:
    tags = "".join(f'<meta name="author" content="Reporter Number{i}">' for i in range(count))
    return article_page(head_extra=tags).encode("utf-8")


def _dated_page(value: str) -> bytes:
    page = article_page(
        jsonld_text=jsonld(datePublished=value, dateModified=value),
        head_extra=f'<meta property="article:published_time" content="{value}">',
    )
    return page.replace('datetime="2026-02-27T21:40:00+00:00"', f'datetime="{value}"').encode("utf-8")


def _xss_story() -> bytes:
    attacks = """
<p>Read the full plans<script>alert('story')</script> on the council website.</p>
<style>p { background: url(javascript:alert('css')) }</style>
<p><img src="x" onerror="alert('img')"> <a href="javascript:alert('link')">Plans (PDF)</a></p>
<svg><script>alert('svg')</script></svg><math><mtext><script>alert('math')</script></mtext></math>
<iframe srcdoc="&lt;script&gt;alert('frame')&lt;/script&gt;"></iframe>
<noscript><p><img src=x onerror="alert('noscript')"></p></noscript>
<template><p><script>alert('template')</script></p></template>
<object data="javascript:alert('object')"></object><embed src="javascript:alert('embed')">
<!-- <script>alert('comment')</script> --><![CDATA[<script>alert('cdata')</script>]]>
"""
    return article_page(inside_story=attacks).encode("utf-8")


def _markup_in_metadata() -> bytes:
    hostile = "&lt;script&gt;alert(1)&lt;/script&gt;&lt;b&gt;Harbour&lt;/b&gt; council approves sea wall"
    page = article_page(
        jsonld_text=jsonld(
            headline="<script>alert(1)</script><b>Harbour</b> council approves sea wall",
            description="<p>The wall <i>will rise</i> two metres.</p><img src=x onerror=alert(2)>",
            author=[{"@type": "Person", "name": "<a href='javascript:alert(3)'>Tomás Ferreira</a>"}],
            articleSection="<span>News</span>",
            keywords=["<b>floods</b>", "harbour<script>alert(4)</script>"],
        ),
        head_extra=f'<meta name="twitter:title" content="{hostile}">',
    )
    page = page.replace(f"<title>{TITLE}", "<title><script>alert(5)</script>" + TITLE, 1)
    return page.replace(
        f'<meta property="og:title" content="{TITLE}">', f'<meta property="og:title" content="{hostile}">'
    ).encode("utf-8")


def _hostile_urls() -> bytes:
    page = article_page(
        jsonld_text=jsonld(
            image={"@type": "ImageObject", "url": "data:image/svg+xml;base64,PHN2Zz48L3N2Zz4="},
            url="javascript:alert('ld')",
            mainEntityOfPage="vbscript:msgbox(1)",
        ),
        head_extra='<meta name="twitter:image" content="java\tscript:alert(2)">'
        '<meta property="og:url" content=" JAVASCRIPT:alert(3)">',
    )
    page = page.replace(f'href="{CANONICAL}"', 'href="javascript:alert(1)"', 1)
    return page.replace(
        'content="https://img.coastgazette.example/2026/02/sea-wall.jpg"', 'content="javascript&#58;alert(4)"', 1
    ).encode("utf-8")


# --- extra checks --------------------------------------------------------------------------------------------


def _no_entity_expansion(article: Article) -> None:
    assert "lollol" not in article.body
    assert len(article.body) < 10_000


def _no_file_contents(article: Article) -> None:
    assert "root:" not in article.body


def _year_is_plausible(article: Article) -> None:
    for value in (article.published_at, article.modified_at):
        if value is not None:
            assert 1900 <= int(value[:4]) <= 2100, f"implausible date kept: {value}"


def _not_after_fetch(article: Article) -> None:
    for value in (article.published_at, article.modified_at):
        if value is not None:
            assert value[:10] <= "2026-03-01", f"a date after the fetch was kept: {value}"


def _no_javascript_anywhere(article: Article) -> None:
    dumped = article.model_dump_json().lower()
    for needle in ("javascript", "vbscript", "data:image", "alert("):
        assert needle not in dumped, f"{needle!r} reached the Article"


def _title_is_text(article: Article) -> None:
    assert "Harbour" in article.title
    assert "alert" not in article.title


def _url_not_from_hint(article: Article) -> None:
    assert article.url is None or article.url.startswith("https://www.coastgazette.example/")


def _author_list_bounded(article: Article) -> None:
    # Each author is carried in ArticleReady (EventBridge refuses > 256 KB): a byline of thousands is not one.
    assert len(json.dumps(article.authors)) < 32 * 1024


def _euro_sign_decoded(article: Article) -> None:
    assert "€40" in article.title


def _utf8_kept_despite_bad_bytes(article: Article) -> None:
    assert "€40" in article.title
    assert "Lefèvre" in article.body


def _no_nul(article: Article) -> None:
    assert "\x00" not in article.model_dump_json()


# --- the corpus ----------------------------------------------------------------------------------------------

_FUTURE_HINTS = ExtractionHints(fetched_at=datetime(2026, 3, 1, tzinfo=UTC))

CASES: tuple[HostileCase, ...] = (
    # size and emptiness
    HostileCase("empty_object", "zero bytes", lambda: b"", RejectReason.EMPTY),
    HostileCase("whitespace_only", "only blanks and newlines", lambda: b" \r\n\t" * 4096, RejectReason.EMPTY),
    HostileCase("nul_bytes_only", "4 KB of NUL", lambda: bytes(4096), RejectReason.NOT_HTML),
    HostileCase("gzip_of_nothing", "a valid gzip stream of zero bytes", lambda: _gzip(b""), RejectReason.EMPTY),
    HostileCase(
        "page_50mb",
        "a 50 MB page, past the raw size limit",
        lambda: _padded_page(50 * MB),
        RejectReason.TOO_LARGE,
        heavy=True,
    ),
    HostileCase(
        "page_50mb_gzipped",
        "a 50 MB page that gzips under the raw limit: refused on the inflated size",
        lambda: _gzip(_padded_page(50 * MB)),
        RejectReason.TOO_LARGE,
        heavy=True,
    ),
    HostileCase(
        "gzip_bomb_1gb",
        "1 GiB of zeros in about 1 MB of gzip",
        lambda: _gzip_bomb(1024 * MB),
        RejectReason.TOO_LARGE,
        heavy=True,
    ),
    HostileCase(
        "long_story_3mb",
        "a legitimate 3 MB story (30 times the longest real ones)",
        lambda: _long_story(3 * MB),
        ARTICLE,
        heavy=True,
    ),
    # compression damage
    HostileCase(
        "gzip_in_gzip",
        "a page gzipped twice: one layer is undone, not more",
        lambda: _gzip(_gzip(article_page().encode())),
        RejectReason.NOT_HTML,
    ),
    HostileCase(
        "gzip_truncated",
        "a gzip stream cut short: half a page must not pass for a whole one",
        lambda: _gzip(article_page().encode())[:-200],
        RejectReason.UNDECODABLE,
    ),
    HostileCase(
        "gzip_corrupt",
        "gzip magic then garbage",
        lambda: b"\x1f\x8b\x08\x00" + b"\xde\xad\xbe\xef" * 64,
        RejectReason.UNDECODABLE,
    ),
    HostileCase("gzip_article", "an ordinary gzipped page", lambda: _gzip(article_page().encode()), ARTICLE),
    # encodings
    HostileCase(
        "utf16le_without_bom", "UTF-16 LE with no BOM", lambda: article_page(charset=None).encode("utf-16-le"), ARTICLE
    ),
    HostileCase(
        "utf16be_without_bom", "UTF-16 BE with no BOM", lambda: article_page(charset=None).encode("utf-16-be"), ARTICLE
    ),
    HostileCase(
        "utf16_with_bom", "UTF-16 with its BOM", lambda: article_page(charset="utf-16").encode("utf-16"), ARTICLE
    ),
    HostileCase(
        "utf16le_ascii_without_bom",
        "UTF-16 LE, no BOM, only ASCII characters: no detector clue but the NUL pattern",
        lambda: article_page(charset=None).encode("ascii", "ignore").decode().encode("utf-16-le"),
        ARTICLE,
        markers=("Councillors voted", "dredging contract"),
    ),
    HostileCase("utf32_with_bom", "UTF-32 with its BOM", lambda: article_page(charset=None).encode("utf-32"), ARTICLE),
    HostileCase(
        "invalid_utf8_bytes",
        "a UTF-8 page with a few corrupt bytes: the rest stays UTF-8",
        lambda: article_page().encode().replace(b"Most read", b"Most \xff\xc3( \xed\xa0\x80 read"),
        ARTICLE,
        check=_utf8_kept_despite_bad_bytes,
    ),
    HostileCase(
        "meta_charset_lies_utf8",
        "declares UTF-8, is windows-1252",
        lambda: article_page().encode("cp1252"),
        ARTICLE,
        check=_euro_sign_decoded,
    ),
    HostileCase("meta_charset_lies_utf16", "declares UTF-16, is UTF-8", _page(charset="utf-16"), ARTICLE),
    HostileCase(
        "header_charset_lies_utf16",
        "Content-Type says UTF-16, the bytes are UTF-8",
        lambda: article_page().encode(),
        ARTICLE,
        hints=ExtractionHints(content_type="text/html; charset=utf-16"),
        check=_euro_sign_decoded,
    ),
    HostileCase(
        "header_charset_nonsense",
        "Content-Type charset is a path",
        lambda: article_page().encode(),
        ARTICLE,
        hints=ExtractionHints(content_type="text/html; charset=../../etc/passwd"),
    ),
    HostileCase("meta_charset_unknown", "an encoding name no codec has", _page(charset="x-made-up-9"), ARTICLE),
    HostileCase(
        "bom_beats_meta",
        "UTF-8 BOM, <meta> claims latin-1",
        lambda: b"\xef\xbb\xbf" + article_page(charset="iso-8859-1").encode(),
        ARTICLE,
        check=_utf8_kept_despite_bad_bytes,
    ),
    HostileCase(
        "xml_declaration_lies",
        "an XHTML prolog declaring UTF-16 on a UTF-8 page",
        lambda: ('<?xml version="1.0" encoding="utf-16"?>\n' + article_page(doctype="", charset=None)).encode(),
        ARTICLE,
    ),
    HostileCase(
        "nul_bytes_scattered",
        "a few NUL bytes inside the story",
        lambda: article_page().replace("eleven to four", "eleven\x00 to\x00 four").encode(),
        ARTICLE,
        check=_no_nul,
    ),
    HostileCase(
        "control_characters",
        "C0 controls and DEL inside the text",
        lambda: article_page().replace("on Thursday", "on\x01\x0b\x1b\x7f Thursday").encode(),
        ARTICLE,
    ),
    # structure
    HostileCase(
        "deep_nesting_100k",
        "100,000 nested <div>s before the story",
        lambda: _nested(100_000),
        RejectReason.TOO_COMPLEX,
        heavy=True,
    ),
    HostileCase(
        "deep_nesting_2000",
        "2,000 nested <div>s around the story",
        lambda: _nested_around_story(2000),
        RejectReason.TOO_COMPLEX,
    ),
    HostileCase(
        "nesting_300_around_story",
        "300 nested <div>s around the story: deep but within the depth setting, the story must not vanish",
        lambda: _nested_around_story(300),
        ARTICLE,
    ),
    HostileCase(
        "million_tiny_elements",
        "1,000,000 empty <i> after the story",
        _million_tiny_elements,
        RejectReason.TOO_COMPLEX,
        heavy=True,
    ),
    HostileCase("huge_attribute", "an 8 MB attribute value", lambda: _huge_attribute(8 * MB), ARTICLE, heavy=True),
    HostileCase("many_attributes", "one element with 20,000 attributes", lambda: _many_attributes(20_000), ARTICLE),
    HostileCase(
        "unclosed_tags",
        "no closing tag anywhere, no </body></html>",
        lambda: re.sub(r"</(p|div|article|main|body|html|li|ul|aside|footer|header|nav)>", "", article_page()).encode(),
        ARTICLE,
    ),
    HostileCase(
        "stray_closing_tags", "10,000 stray </div> before the story", _page(before_story="</div>" * 10_000), ARTICLE
    ),
    HostileCase("no_body_tag", "head, then content with no <body>", _page(wrap_body=False), ARTICLE),
    HostileCase(
        "bare_fragment",
        "only the paragraphs, no <html>, <head> or <body>",
        lambda: "\n".join(f"<p>{p}</p>" for p in PARAGRAPHS).encode(),
        ARTICLE,
    ),
    HostileCase(
        "script_only",
        "a single-page-app shell: scripts and an empty root",
        lambda: (
            "<!DOCTYPE html><html><head><title>Coast Gazette</title><script src='/app.js'></script></head>"
            "<body><div id='root'></div><script>window.__STATE__ = "
            + json.dumps({"story": " ".join(PARAGRAPHS)})
            + ";</script></body></html>"
        ).encode(),
        RejectReason.NEEDS_JAVASCRIPT,
    ),
    HostileCase(
        "story_only_in_document_write",
        "the story exists only as strings in a script",
        lambda: (
            "<html><head><title>x</title></head><body><script>"
            + "".join(f"document.write({json.dumps('<p>' + p + '</p>')});" for p in PARAGRAPHS)
            + "</script></body></html>"
        ).encode(),
        RejectReason.NEEDS_JAVASCRIPT,
    ),
    HostileCase(
        "frameset",
        "a frameset page: the story lives in other documents",
        lambda: (
            b"<!DOCTYPE html><html><head><title>Coast Gazette</title></head><frameset cols='20%,80%'>"
            b"<frame src='/menu.html'><frame src='/story.html'>"
            b"<noframes>Your browser does not support frames.</noframes></frameset></html>"
        ),
        RejectReason.NO_TEXT,
    ),
    HostileCase(
        "iframe_srcdoc_only",
        "the story only inside an iframe srcdoc attribute",
        lambda: (
            '<html><head><title>x</title></head><body><iframe srcdoc="'
            + "".join(f"&lt;p&gt;{p}&lt;/p&gt;" for p in PARAGRAPHS).replace('"', "&quot;")
            + '"></iframe></body></html>'
        ).encode(),
        RejectReason.NO_TEXT,
    ),
    HostileCase(
        "story_in_comment",
        "the story commented out",
        lambda: (
            "<html><head><title>x</title></head><body><!--"
            + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
            + "--></body></html>"
        ).encode(),
        RejectReason.NO_TEXT,
    ),
    HostileCase(
        "unclosed_title_swallows_page",
        "no </title>: the rest of the page is title text (a browser shows nothing), never a body of markup",
        lambda: article_page().replace("</title>", "", 1).encode(),
        RejectReason.NO_TEXT,
    ),
    HostileCase(
        "title_in_body_holds_markup_text",
        "found by fuzzing: a <title> inside <body> whose text is escaped story markup",
        lambda: ("<p></p><title>" + _story_html() + "</title>").encode(),
        RejectReason.NO_TEXT,
    ),
    # not HTML at all
    HostileCase("png_bytes", "a PNG image under an .html key", _png, RejectReason.NOT_HTML),
    HostileCase("pdf_bytes", "a PDF whose body quotes HTML", _pdf, RejectReason.NOT_HTML),
    HostileCase("zip_bytes", "a ZIP holding an HTML page, stored uncompressed", _zip_of_page, RejectReason.NOT_HTML),
    HostileCase(
        "jpeg_bytes", "a JPEG header", lambda: b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(2048), RejectReason.NOT_HTML
    ),
    HostileCase("gzipped_png", "a gzip whose content is a PNG", lambda: _gzip(_png()), RejectReason.NOT_HTML),
    HostileCase(
        "plain_text", "prose with no markup", lambda: "\n\n".join(PARAGRAPHS * 4).encode(), RejectReason.NOT_HTML
    ),
    HostileCase(
        "json_document",
        "a JSON API response",
        lambda: json.dumps({"items": list(PARAGRAPHS)}).encode(),
        RejectReason.NOT_HTML,
    ),
    HostileCase("random_bytes", "64 KB of seeded noise", _random_bytes, RejectReason.UNDECODABLE),
    # XML tricks
    HostileCase(
        "xhtml_billion_laughs",
        "XHTML with an entity-expansion bomb in its internal subset",
        _billion_laughs,
        ARTICLE,
        check=_no_entity_expansion,
        heavy=True,
    ),
    HostileCase(
        "xhtml_external_entity",
        "an external entity pointing at /etc/passwd",
        _external_entity,
        ARTICLE,
        check=_no_file_contents,
    ),
    # JSON-LD
    HostileCase(
        "jsonld_invalid",
        "JSON-LD with a syntax error",
        _page(jsonld_text='{"@type": "NewsArticle", "headline": '),
        ARTICLE,
    ),
    HostileCase("jsonld_enormous", "8 MB of JSON-LD", lambda: _enormous_jsonld(8 * MB), ARTICLE, heavy=True),
    HostileCase("jsonld_deeply_nested", "100,000 nested JSON arrays", lambda: _deep_jsonld(100_000), ARTICLE),
    HostileCase(
        "jsonld_wrong_types",
        "every JSON-LD field of the wrong type",
        _page(
            jsonld_text=jsonld(
                headline=["a", {"b": 1}],
                author=42,
                datePublished={"@value": None},
                dateModified=True,
                image=[None, 7, {"url": ["x"]}],
                publisher="",
                keywords={"a": "b"},
                inLanguage=3.5,
            )
        ),
        ARTICLE,
    ),
    HostileCase(
        "jsonld_markup_in_fields",
        "tags and scripts inside metadata values",
        _markup_in_metadata,
        ARTICLE,
        check=_title_is_text,
    ),
    HostileCase(
        "jsonld_control_escapes",
        "JSON escapes bring NUL, ESC and backspace back into metadata after decoding removed them",
        _page(
            jsonld_text=jsonld(
                headline="Sea\u0000 wall\u0001 \u001b[31mvote",
                author=[{"@type": "Person", "name": "Tom\u0008 Ferreira"}],
                keywords=["fl\u0000oods"],
                articleSection="Ne\u007fws",
            )
        ),
        ARTICLE,
        check=_no_nul,
    ),
    HostileCase(
        "jsonld_article_body_with_xml_declaration",
        "the story only in JSON-LD articleBody, as HTML that starts with an XML declaration",
        lambda: _story_only_in_jsonld('<?xml version="1.0" encoding="utf-8"?>' + _story_html()),
        ARTICLE,
    ),
    HostileCase(
        "jsonld_article_body_with_escaped_controls",
        "the story only in JSON-LD articleBody, with NUL and ESC as JSON escapes",
        lambda: _story_only_in_jsonld(_story_html().replace("eleven", "ele\u0000ven\u001b")),
        ARTICLE,
    ),
    HostileCase(
        "jsonld_article_body_nested_100k",
        "the story only in JSON-LD articleBody, behind 100,000 nested <div>s: as unusable as in the page",
        lambda: _story_only_in_jsonld("<div>" * 100_000 + _story_html() + "</div>" * 100_000),
        RejectReason.NO_TEXT,
    ),
    HostileCase(
        "ten_thousand_authors",
        "10,000 authors in JSON-LD",
        _page(jsonld_text=jsonld(author=_authors(10_000))),
        ARTICLE,
        check=_author_list_bounded,
    ),
    HostileCase(
        "ten_thousand_author_meta_tags",
        "10,000 <meta name=author> tags",
        lambda: _author_meta_tags(10_000),
        ARTICLE,
        check=_author_list_bounded,
    ),
    # dates
    HostileCase(
        "date_year_99999",
        "published in the year 99999",
        lambda: _dated_page("99999-01-01T00:00:00Z"),
        ARTICLE,
        check=_year_is_plausible,
    ),
    HostileCase(
        "date_before_1900",
        "published in 1066",
        lambda: _dated_page("1066-10-14T09:00:00+00:00"),
        ARTICLE,
        check=_year_is_plausible,
    ),
    HostileCase(
        "date_year_zero",
        "published in the year 0000",
        lambda: _dated_page("0000-00-00T00:00:00Z"),
        ARTICLE,
        check=_year_is_plausible,
    ),
    HostileCase("date_impossible", "30 February, 25:61", lambda: _dated_page("2026-02-30T25:61:00+00:00"), ARTICLE),
    HostileCase(
        "date_after_fetch",
        "a date in 2099 on a page fetched in 2026",
        lambda: _dated_page("2099-12-31T23:59:00+00:00"),
        ARTICLE,
        hints=_FUTURE_HINTS,
        check=_not_after_fetch,
    ),
    HostileCase("date_numeric_nonsense", "an exponent as a date", lambda: _dated_page("1e308"), ARTICLE),
    # output safety
    HostileCase(
        "xss_in_story",
        "scripts, handlers and javascript: links inside the story",
        _xss_story,
        ARTICLE,
        check=_no_javascript_anywhere,
    ),
    # found by benchmarks/fuzz_extractor.py: a tag cut off by the end of the file, and a literal "<" before a word
    HostileCase(
        "tag_cut_off_in_title",
        "the file ends inside an unclosed <title>, in a cut-off end tag",
        lambda: f"<p>{PARAGRAPHS[0]}<title></p><template></template".encode(),
        ARTICLE,
        markers=("Councillors voted",),
    ),
    HostileCase(
        "tag_cut_off_after_story",
        "the file ends in a cut-off </iframe end tag",
        lambda: f"<p>{PARAGRAPHS[0]}<iframe></iframe".encode(),
        ARTICLE,
        markers=("Councillors voted",),
    ),
    HostileCase(
        "tag_like_text_in_story",
        'a stray "<" before the story and tags written as text (&lt;b&gt;, &lt;script&gt;) inside it',
        lambda: (
            f"<p></p><html><</html><span>{PARAGRAPHS[0]}</span><p>]]></p>"
            f"<p>{PARAGRAPHS[1]} Write &lt;b&gt;bold&lt;/b&gt; or &lt;script&gt;alert(1)&lt;/script&gt;.</p>"
        ).encode(),
        ARTICLE,
        markers=("Councillors voted", "< b>bold< /b>"),
    ),
    HostileCase(
        "hostile_urls",
        "javascript:, data: and vbscript: in every URL field",
        _hostile_urls,
        ARTICLE,
        check=_no_javascript_anywhere,
    ),
    HostileCase(
        "hint_url_javascript",
        "the uploader's url metadata is javascript:",
        lambda: article_page().replace(f'<link rel="canonical" href="{CANONICAL}">', "").encode(),
        ARTICLE,
        hints=ExtractionHints(url="javascript:alert(document.cookie)"),
        check=_no_javascript_anywhere,
    ),
    HostileCase(
        "hint_url_enormous",
        "a 100 KB uploader url",
        lambda: article_page().encode(),
        ARTICLE,
        hints=ExtractionHints(url="https://www.coastgazette.example/" + "a" * 100_000),
        check=_url_not_from_hint,
    ),
    HostileCase(
        "huge_title",
        "a 1 MB <title> and og:title",
        _page(title="Sea wall " * 110_000),
        ARTICLE,
    ),
)

CASES_BY_NAME = {case.name: case for case in CASES}
