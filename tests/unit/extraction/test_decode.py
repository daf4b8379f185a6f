"""Bytes -> text: gzip by magic bytes (with an inflate cap), charset order BOM -> header -> <meta> -> detector."""

from __future__ import annotations

import codecs
import gzip

import pytest

from article_ingest.domain.errors import ExtractionRefused, RejectReason
from article_ingest.extraction.decode import decode_html
from article_ingest.extraction.hints import ExtractionHints
from article_ingest.settings import ExtractionSettings

SETTINGS = ExtractionSettings()
PAGE = (
    "<html><head>{meta}<title>Café</title></head><body><p>Crème brûlée à la française, s’il vous plaît.</p>"
    "<p>Le café de la place, ouvert en 1921, fermera définitivement ses portes à la fin du mois, faute de repreneur. "
    "« C’est une page de l’histoire du quartier qui se tourne », a déclaré le maire d’arrondissement.</p></body></html>"
)


def _page(meta: str = "") -> str:
    return PAGE.format(meta=meta)


def _decode(data: bytes, content_type: str | None = None, settings: ExtractionSettings = SETTINGS) -> str:
    return decode_html(data, ExtractionHints(content_type=content_type), settings).text


def test_bom_wins_over_a_contradicting_header_and_meta() -> None:
    data = codecs.BOM_UTF8 + _page('<meta charset="windows-1252">').encode("utf-8")

    page = decode_html(data, ExtractionHints(content_type="text/html; charset=iso-8859-1"), SETTINGS)

    assert page.encoding_source == "bom"
    assert "Crème brûlée" in page.text


def test_utf16_with_bom_is_decoded() -> None:
    assert "Crème brûlée" in _decode(codecs.BOM_UTF16_LE + _page().encode("utf-16-le"))


def test_header_charset_wins_over_meta() -> None:
    data = '<html><head><meta charset="utf-8"><title>Кафе</title></head><body><p>Москва</p></body></html>'.encode(
        "cp1251"
    )

    page = decode_html(data, ExtractionHints(content_type="text/html; charset=windows-1251"), SETTINGS)

    assert page.encoding_source == "header"
    assert "<title>Кафе</title>" in page.text


def test_meta_charset_is_used_without_a_header() -> None:
    page = decode_html(_page('<meta charset="windows-1252">').encode("cp1252"), ExtractionHints(), SETTINGS)

    assert page.encoding_source == "meta"
    assert "s’il vous plaît" in page.text


def test_declared_latin1_is_read_as_windows_1252_like_browsers_do() -> None:
    text = _decode(_page('<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">').encode("cp1252"))

    assert "s’il vous plaît" in text  # the curly apostrophe is 0x92, only meaningful in windows-1252


def test_meta_claiming_utf8_over_windows_1252_bytes_still_decodes_the_text() -> None:
    assert "Crème brûlée à la française" in _decode(_page('<meta charset="utf-8">').encode("cp1252"))


def test_undeclared_utf8_is_detected() -> None:
    assert "Crème brûlée" in _decode(_page().encode("utf-8"))


@pytest.mark.parametrize(
    "sentence",
    [
        # read as cp1250 before: "Ł50"
        "Season tickets between Brighton and London will cost \u00a350 more from January, "
        "the operator said on Tuesday.",
        # read as cp852 (a DOS code page) before: a letter in place of the apostrophe
        "The harbour master said the boats won\u2019t sail until the storm has passed.",
        # read as cp850 before
        "Under \u00a7 12 of the rules, members must renew their licence every year.",
    ],
)
def test_an_unlabelled_western_page_with_a_stray_byte_is_read_as_windows_1252(sentence: str) -> None:
    """charset-normalizer ties windows-1252 with DOS and Central European code pages on a page with one or two
    non-ASCII bytes; a browser reads such a page as windows-1252, and the symbol must not become a letter."""
    html = (
        f"<html><head><title>Local news</title></head><body><p>{sentence}</p>"
        "<p>Passenger groups and the council will meet the company next week to discuss the changes.</p></body></html>"
    )

    page = decode_html(html.encode("cp1252"), ExtractionHints(), SETTINGS)

    assert page.encoding_source == "detected"
    assert page.encoding == "cp1252"
    assert sentence in page.text


@pytest.mark.parametrize(
    ("sentence", "encoding"),
    [
        ("Belediye başkanı, şehrin tarihi çarşısının yeniden düzenleneceğini ve işçilerin önümüzdeki ay çalışmaya "
         "başlayacağını söyledi.", "cp1254"),
        ("Burmistrz powiedział, że remont starego mostu rozpocznie się w przyszłym miesiącu, a ruch zostanie "
         "skierowany na objazd przez północną część miasta.", "cp1250"),
        ("Meras sakė, kad senojo tilto remontas prasidės kitą mėnesį, o eismas bus nukreiptas per šiaurinę miesto "
         "dalį.", "cp1257"),
    ],
)  # fmt: skip
def test_an_unlabelled_page_in_a_regional_latin_code_page_is_not_taken_for_windows_1252(
    sentence: str, encoding: str
) -> None:
    """On a short text windows-1252 reads Turkish, Polish or Lithuanian bytes as letters too ("þ" for "ş"), and the
    detector rates both readings alike; the language it recognises in the regional reading decides."""
    html = f"<html><head><title>News</title></head><body><p>{sentence}</p><p>{sentence}</p></body></html>"

    page = decode_html(html.encode(encoding), ExtractionHints(), SETTINGS)

    assert page.encoding == encoding
    assert sentence in page.text


_MENU = (
    "<ul><li>Home</li><li>News</li><li>Sport</li><li>Business</li><li>Weather</li><li>Contact us</li>"
    "<li>Subscribe</li><li>Log in</li></ul>"
)


@pytest.mark.parametrize(
    ("sentence", "encoding", "lang", "url"),
    [
        ("Burmistrz powiedział, że remont mostu rozpocznie się w przyszłym miesiącu.", "cp1250", "pl", None),
        ("Burmistrz powiedział, że remont mostu rozpocznie się w przyszłym miesiącu.", "cp1250", None,
         "https://www.example.pl/a/1"),
        ("Belediye başkanı, şehrin tarihi çarşısının yeniden düzenleneceğini söyledi.", "cp1254", "tr", None),
        ("Belediye başkanı, şehrin tarihi çarşısının yeniden düzenleneceğini söyledi.", "cp1254", None,
         "https://haber.example.com.tr/x"),
    ],
)  # fmt: skip
def test_an_unlabelled_page_is_read_in_the_code_page_of_its_language_or_country(
    sentence: str, encoding: str, lang: str | None, url: str | None
) -> None:
    """Between English menus the detector cannot tell one Polish or Turkish sentence in its own code page from
    windows-1252; the page's `lang`, else its country domain, names the code page, as Firefox's fallback does."""
    start = f"<html lang={lang}>" if lang else "<html>"
    html = f"{start}<head><title>News</title></head><body>{_MENU}<p>{sentence}</p>{_MENU}</body></html>"

    page = decode_html(html.encode(encoding), ExtractionHints(url=url), SETTINGS)

    assert page.encoding == encoding
    assert sentence in page.text


def test_an_unlabelled_western_page_with_an_unassigned_byte_is_still_read_as_windows_1252() -> None:
    """0x81, 0x8D, 0x8F, 0x90 and 0x9D are unassigned in windows-1252: Python's codec refuses them and the detector
    then named cp1256 or cp1251, turning the page's accents into Arabic or Cyrillic letters. A browser shows them as
    nothing; so does the Article."""
    html = (
        b"<html><head><title>Harbour</title></head><body><p>The harbour master said the boats won\x92t sail until "
        b"the storm has passed, and the caf\xe9 ferry\x81 to the island is cancelled for the weekend.</p></body></html>"
    )

    page = decode_html(html, ExtractionHints(), SETTINGS)

    assert page.encoding == "cp1252"
    assert "won’t sail" in page.text
    assert "the café ferry to the island" in page.text


def test_stray_windows_1252_bytes_in_a_utf8_page_keep_their_words_whole() -> None:
    """A UTF-8 page with a caption pasted in windows-1252: the page stays UTF-8, and the stray bytes read as
    windows-1252 ("Mitgefühl") rather than as U+FFFD, which would cut the word in two."""
    caption = "<p class='caption'>Mitgefühl wählen, sagt die Kampagne</p>".encode("cp1252")

    text = _decode(_page('<meta charset="utf-8">').encode("utf-8").replace(b"</body>", caption + b"</body>"))

    assert "Crème brûlée à la française" in text
    assert "Mitgefühl wählen, sagt die Kampagne" in text


def test_gzip_is_detected_by_magic_bytes() -> None:
    assert "Crème brûlée" in _decode(gzip.compress(_page('<meta charset="utf-8">').encode("utf-8")))


def test_gzip_bomb_is_refused_as_too_large() -> None:
    settings = ExtractionSettings(max_decompressed_bytes=100_000)
    bomb = gzip.compress(b"<html><body>" + b" " * 5_000_000 + b"</body></html>")

    with pytest.raises(ExtractionRefused) as refused:
        _decode(bomb, settings=settings)

    assert refused.value.reason is RejectReason.TOO_LARGE


def test_raw_input_past_the_byte_limit_is_refused() -> None:
    with pytest.raises(ExtractionRefused) as refused:
        _decode(_page().encode() * 100, settings=ExtractionSettings(max_bytes=1000))

    assert refused.value.reason is RejectReason.TOO_LARGE


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4,
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
        b"PK\x03\x04" + bytes(200),
    ],
    ids=["png", "pdf", "zip"],
)
def test_binary_formats_are_refused_as_not_html(data: bytes) -> None:
    with pytest.raises(ExtractionRefused) as refused:
        _decode(data)

    assert refused.value.reason is RejectReason.NOT_HTML


def test_plain_text_without_markup_is_not_html() -> None:
    with pytest.raises(ExtractionRefused) as refused:
        _decode(b"Just a note, no markup at all, nothing that looks like a page.\n" * 5)

    assert refused.value.reason is RejectReason.NOT_HTML


@pytest.mark.parametrize("data", [b"", b"   \n\t  "], ids=["zero-bytes", "whitespace"])
def test_empty_input_is_refused_as_empty(data: bytes) -> None:
    with pytest.raises(ExtractionRefused) as refused:
        _decode(data)

    assert refused.value.reason is RejectReason.EMPTY


def test_valid_utf8_wins_over_a_server_default_latin1_header() -> None:
    page = decode_html(_page().encode("utf-8"), ExtractionHints(content_type="text/html; charset=ISO-8859-1"), SETTINGS)

    assert page.encoding == "utf-8"
    assert "Crème brûlée" in page.text


def test_valid_utf8_wins_over_a_single_byte_meta_declaration() -> None:
    assert "Crème brûlée" in _decode(_page('<meta charset="windows-1252">').encode("utf-8"))


def test_a_single_byte_declaration_over_ascii_bytes_is_kept() -> None:
    page = decode_html(
        b"<html><body><p>plain</p></body></html>",
        ExtractionHints(content_type="text/html; charset=iso-8859-1"),
        SETTINGS,
    )

    assert page.encoding_source == "header"


@pytest.mark.parametrize(
    ("declared", "text", "encoding"),
    [
        ("gb2312", "<p>这是一个测试页面，镕</p>", "gb18030"),  # 镕 is GBK-only: browsers read gb2312 as GBK
        ("shift_jis", "<p>①番目の記事です</p>", "cp932"),  # ① is a Windows extension of Shift_JIS
        ("euc-kr", "<p>똠방각하</p>", "cp949"),  # 똠 is outside EUC-KR proper
    ],
)
def test_legacy_cjk_labels_are_read_as_their_browser_supersets(declared: str, text: str, encoding: str) -> None:
    html = f'<html><head><meta charset="{declared}"></head><body>{text}</body></html>'

    page = decode_html(html.encode(encoding), ExtractionHints(), SETTINGS)

    assert page.encoding_source == "meta"
    assert text in page.text
