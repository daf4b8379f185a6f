"""Bytes -> text: gzip by magic bytes, binary sniffing, charset by BOM, header, <meta>, then detection."""

from __future__ import annotations

import codecs
import re
import zlib
from collections.abc import Callable
from dataclasses import dataclass, replace
from urllib.parse import urlsplit

from article_ingest.domain.errors import ExtractionRefused, RejectReason
from article_ingest.extraction.hints import ExtractionHints
from article_ingest.settings import ExtractionSettings

_GZIP_MAGIC = b"\x1f\x8b"
_BINARY_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"RIFF", "RIFF media"),
    (b"\x7fELF", "ELF binary"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7z archive"),
    (b"\x00\x00\x01\x00", "ICO image"),
    (b"OggS", "Ogg media"),
    (b"ID3", "MP3 audio"),
    (b"\x1aE\xdf\xa3", "Matroska/WebM media"),
    (_GZIP_MAGIC, "gzip stream inside gzip"),  # sniffed after one gunzip: a second layer is not a page
)
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_WINDOWS_1252 = "cp1252"  # what a browser reads an unlabelled Western page as (WHATWG), and stray bytes as here
_HEADER_CHARSET_RE = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)
_META_CHARSET_RE = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([\w.:-]+)""",
    re.IGNORECASE,
)
# C0 controls except tab/LF/CR, and DEL: no reader should get them; browsers drop or replace them.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_MARKUP_RE = re.compile(r"<\s*(!doctype|html|head|body|meta|title|div|p|article|span|a|br|table|h[1-6])\b", re.I)


@dataclass(frozen=True)
class DecodedPage:
    text: str
    encoding: str
    encoding_source: str  # bom | header | meta | detected | fallback


def gunzip_if_compressed(data: bytes, settings: ExtractionSettings) -> bytes:
    """Decompress gzip input with a hard output cap, so a gzip bomb is refused, not inflated."""
    if not data.startswith(_GZIP_MAGIC):
        return data
    inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(data, settings.max_decompressed_bytes + 1)
    except zlib.error as exc:
        raise ExtractionRefused(RejectReason.UNDECODABLE, f"corrupt gzip stream: {exc}") from exc
    if len(out) > settings.max_decompressed_bytes or inflater.unconsumed_tail:
        raise ExtractionRefused(
            RejectReason.TOO_LARGE,
            f"gzip input inflates past {settings.max_decompressed_bytes} bytes",
        )
    if not inflater.eof:
        raise ExtractionRefused(RejectReason.UNDECODABLE, "truncated gzip stream: the page would be partial")
    return out


def _lookup(name: str | None) -> str | None:
    if not name:
        return None
    try:
        codec = codecs.lookup(name.strip().strip("\"'"))
    except LookupError:
        return None
    # Browsers decode some labels as a superset (WHATWG encoding spec): pages declare the old name and use the new.
    return _WHATWG_SUPERSETS.get(codec.name, codec.name)


_WHATWG_SUPERSETS = {
    "latin-1": "cp1252",
    "iso8859-1": "cp1252",
    "ascii": "cp1252",
    "iso8859-9": "cp1254",
    "iso8859-11": "cp874",
    "tis-620": "cp874",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "shift_jis": "cp932",
    "euc_kr": "cp949",
    "big5": "big5hkscs",
}
_SINGLE_BYTE = re.compile(r"^(cp125\d|cp874|iso8859-\d+|latin-1|koi8-[ru]|mac-roman)$")


def _utf8_over_single_byte(data: bytes, declared: str) -> str | None:
    """UTF-8 text when `declared` is a single-byte charset but the bytes are valid UTF-8 with non-ASCII in them.

    Servers often send a default `charset=ISO-8859-1` for pages written in UTF-8; valid multi-byte UTF-8 almost
    never occurs by chance in single-byte text, so the bytes are the better witness than the label.
    """
    if not _SINGLE_BYTE.match(declared) or data.isascii():
        return None
    return _try_decode(data, "utf-8")


def _try_decode(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def sniff_binary(data: bytes) -> str | None:
    """Name of a known binary format at the start of `data`, or None."""
    head = data[:16]
    for magic, name in _BINARY_MAGIC:
        if head.startswith(magic):
            return name
    return None


def decode_html(data: bytes, hints: ExtractionHints, settings: ExtractionSettings) -> DecodedPage:
    """Turn raw bytes into markup text, or refuse with a typed reason."""
    if len(data) > settings.max_bytes:
        raise ExtractionRefused(RejectReason.TOO_LARGE, f"{len(data)} bytes > limit {settings.max_bytes}")
    data = gunzip_if_compressed(data, settings)
    if not data.strip():
        raise ExtractionRefused(RejectReason.EMPTY, "the object is empty")
    binary = sniff_binary(data)
    if binary:
        raise ExtractionRefused(RejectReason.NOT_HTML, f"the bytes are a {binary}, not HTML")

    page = _decode_text(data, hints)
    sample = page.text[:65536]
    if sample.count("\x00") > len(sample) // 100:
        raise ExtractionRefused(RejectReason.NOT_HTML, "the text is full of NUL characters (binary data?)")
    if not _has_markup(sample):
        raise ExtractionRefused(RejectReason.NOT_HTML, "no HTML markup found in the text")
    return replace(page, text=_CONTROL_RE.sub("", page.text))


def _has_markup(text: str) -> bool:
    return _MARKUP_RE.search(text[:65536]) is not None


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 of mostly-ASCII markup shows as a NUL in every other byte; UTF-8 never looks like that."""
    sample = data[:4096]
    half = len(sample) // 2
    if half < 16:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if odd > 0.4 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.4 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 with a few corrupt bytes stays UTF-8 (as a browser decodes it), rather than the whole page mojibake.

    Text in a legacy single-byte charset almost never forms valid multi-byte UTF-8 sequences, so many valid
    sequences against few broken ones means UTF-8.
    """
    text = data.decode("utf-8", errors="replace")
    broken = text.count("\ufffd")
    valid_non_ascii = len(text) - len(text.encode("ascii", "ignore")) - broken
    if valid_non_ascii <= 2 * broken:
        return None
    # The stray bytes are most often windows-1252 text pasted into a UTF-8 page ("Mitgef\xfchl" in an alt text):
    # read them so ("Mitgefühl") rather than as U+FFFD, which would cut their word in two.
    return data.decode("utf-8", errors=_STRAY_BYTES_AS_CP1252)


def _stray_bytes_as_cp1252(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError):
        raise error
    stray = error.object[error.start : error.end]
    return stray.decode(_WINDOWS_1252, errors="replace"), error.end


_STRAY_BYTES_AS_CP1252 = "article_ingest.stray_bytes_as_cp1252"
codecs.register_error(_STRAY_BYTES_AS_CP1252, _stray_bytes_as_cp1252)  # a pure function under our own name


# Code pages charset-normalizer may name that no browser decodes a web page in (DOS, EBCDIC, old Mac and regional
# sets; the WHATWG Encoding Standard lists what the web uses). On a Western page with a few stray bytes they tie
# with windows-1252 and turn a "£" or a "’" into a letter glued to its word.
_NOT_WEB_ENCODINGS = [
    "cp037", "cp1006", "cp1026", "cp1125", "cp1140", "cp273", "cp424", "cp437", "cp500", "cp720", "cp737", "cp775",
    "cp850", "cp852", "cp855", "cp856", "cp857", "cp858", "cp860", "cp861", "cp862", "cp863", "cp864", "cp865",
    "cp869", "cp875", "hp_roman8", "kz1048", "ptcp154", "koi8_t", "mac_greek", "mac_iceland", "mac_latin2",
    "mac_turkish", "utf_7",
]  # fmt: skip


_DETECTION_SAMPLE = 262144
# The Latin code pages made for other languages than windows-1252's: on a short text the detector reads equally well
# either way, and the language it recognises in a code page's reading tells which was meant ("ş" or "þ").
_LANGUAGES_OF: dict[str, tuple[str, ...]] = {
    "cp1250": ("Polish", "Czech", "Slovak", "Hungarian", "Croatian", "Slovene", "Romanian"),
    "iso8859_2": ("Polish", "Czech", "Slovak", "Hungarian", "Croatian", "Slovene", "Romanian"),
    "cp1254": ("Turkish",),
    "cp1257": ("Lithuanian", "Latvian", "Estonian"),
    "iso8859_13": ("Lithuanian", "Latvian", "Estonian"),
}


# The legacy code page a language was written in on the web, and the country domains that mean it: what Firefox falls
# back to for an unlabelled page by its domain, and what a page's own `lang` says. A language or domain not named
# here gives no hint (".uk" is no language; Ukraine is ".ua").
_WESTERN_LANGUAGES = (
    "en", "de", "fr", "es", "it", "pt", "nl", "sv", "da", "no", "nb", "nn", "fi", "is", "ca", "eu", "gl", "ga", "af",
    "sq", "id", "ms", "sw",
)  # fmt: skip
_CODE_PAGE_OF_LANGUAGE = {
    **dict.fromkeys(_WESTERN_LANGUAGES, _WINDOWS_1252),
    **dict.fromkeys(("pl", "cs", "sk", "hu", "hr", "sl", "ro", "bs"), "cp1250"),
    **dict.fromkeys(("ru", "uk", "bg", "sr", "be", "mk", "kk"), "cp1251"),
    "el": "cp1253",
    "tr": "cp1254",
    "he": "cp1255",
    **dict.fromkeys(("ar", "fa", "ur"), "cp1256"),
    **dict.fromkeys(("lt", "lv", "et"), "cp1257"),
    "vi": "cp1258",
    "th": "cp874",
    "zh": "gb18030",
    "ja": "cp932",
    "ko": "cp949",
}
_LANGUAGE_OF_DOMAIN = {
    **{tld: tld for tld in ("pl", "sk", "hu", "hr", "ro", "ru", "bg", "tr", "lt", "lv", "th")},
    "cz": "cs", "si": "sl", "ua": "uk", "rs": "sr", "by": "be", "kz": "kk", "gr": "el", "il": "he",
    "ee": "et", "vn": "vi", "cn": "zh", "jp": "ja", "kr": "ko", "ir": "fa", "eg": "ar", "sa": "ar",
}  # fmt: skip
_LANG_ATTRIBUTE_RE = re.compile(rb"""<html\b[^>]*?\blang\s*=\s*["']?\s*([a-z]{2,3})\b""", re.IGNORECASE)


def _hinted_code_page(data: bytes, url: str | None) -> str | None:
    """The code page the page's declared language (`<html lang>`), else its country domain, was written in."""
    if found := _LANG_ATTRIBUTE_RE.search(data[:4096]):
        language = found[1].decode("ascii").lower()
    else:
        host = urlsplit(url or "").hostname or ""
        language = _LANGUAGE_OF_DOMAIN.get(host.rpartition(".")[2], "")
    return _CODE_PAGE_OF_LANGUAGE.get(language)


def _detected(data: bytes, url: str | None = None) -> DecodedPage | None:
    """charset-normalizer's pick among the web's encodings, after two readings a browser would prefer. First the code
    page the page's `lang` or country domain names, when its reading is about as orderly as the best (on a short
    text the detector cannot tell Polish in windows-1250 from windows-1252 when the menus around it are English). Then
    windows-1252, what a browser falls back to for an unlabelled Western page (WHATWG): taken when one of the candidates
    exactly as chaotic as the best reads the bytes as it does, or when its own reading is no more chaotic by the
    detector's measure (a page with one of its five unassigned bytes, which Python's codec refuses and a browser
    shows as nothing, was read as cp1256 or cp1251). But a regional Latin code page whose reading the detector
    recognises as one of the languages it was made for (Turkish in windows-1254, Polish in windows-1250) comes
    first. Else the most coherent of the least chaotic candidates, which the detector's own order does not
    guarantee.

    Imported here: only pages whose BOM, header, <meta> and UTF-8 all fail get this far (a cold-start saving).
    """
    import charset_normalizer
    from charset_normalizer.md import mess_ratio  # the detector's own chaos measure (charset-normalizer is pinned)

    sample = data[:_DETECTION_SAMPLE]
    results = charset_normalizer.from_bytes(sample, cp_exclusion=_NOT_WEB_ENCODINGS)
    best = results.best()
    if best is None:
        return None
    hinted = _hinted_code_page(data, url)
    if hinted is not None and (page := _read_as_hinted(data, hinted, best.chaos, mess_ratio)) is not None:
        return page
    tied = [match for match in results if match.chaos == best.chaos]
    regional = [match for match in tied if match.language in _LANGUAGES_OF.get(match.encoding, ())]
    if not regional and (
        any(_WINDOWS_1252 in match.could_be_from_charset for match in tied)
        # a windows-1252 hint refused above measured this reading already, and above the best plus a tolerance
        or (hinted != _WINDOWS_1252 and mess_ratio(sample.decode(_WINDOWS_1252, errors="ignore")) <= best.chaos)
    ):
        return DecodedPage(data.decode(_WINDOWS_1252, errors="ignore"), _WINDOWS_1252, "detected")
    chosen = max(regional or tied, key=lambda match: match.coherence).encoding
    chosen = _lookup(chosen) or chosen  # a browser reads Shift_JIS as windows-31J, GB2312 as GB18030, ...
    text = _try_decode(data, chosen)
    return DecodedPage(data.decode(chosen, errors="replace") if text is None else text, chosen, "detected")


# How much more chaotic than the detector's best the hinted reading may be: set on half A of today's pages re-encoded
# (`benchmarks/charsets.py --saved`), where a Polish page's own reading measured 0.001 against the best's 0.
_HINT_TOLERANCE = 0.02


def _read_as_hinted(
    data: bytes, hinted: str, best_chaos: float, mess_ratio: Callable[[str], float]
) -> DecodedPage | None:
    """The page read in the code page its language or domain names, when that reading is about as orderly as the
    detector's best (its order ranks short texts by chance among equally orderly readings)."""
    errors = "ignore" if hinted == _WINDOWS_1252 else "strict"
    try:
        text = data.decode(hinted, errors=errors)
    except UnicodeDecodeError:
        return None
    if mess_ratio(text[:_DETECTION_SAMPLE]) > best_chaos + _HINT_TOLERANCE:
        return None
    return DecodedPage(text, hinted, "detected")


def _decode_text(data: bytes, hints: ExtractionHints) -> DecodedPage:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = _try_decode(data[len(bom) :], encoding)
            if text is not None:
                return DecodedPage(text, encoding, "bom")
    header = _HEADER_CHARSET_RE.search(hints.content_type or "")
    declared = _lookup(header.group(1)) if header else None
    if declared and (utf8 := _utf8_over_single_byte(data, declared)) is not None:
        return DecodedPage(utf8, "utf-8", "detected")
    if declared and (text := _try_decode(data, declared)) is not None and _has_markup(text):
        return DecodedPage(text, declared, "header")
    meta = _META_CHARSET_RE.search(data[:4096])
    declared = _lookup(meta.group(1).decode("ascii", "replace")) if meta else None
    if declared and declared.startswith("utf-16"):
        declared = None  # a <meta> readable as ASCII cannot be UTF-16: the declaration lies
    if declared and (utf8 := _utf8_over_single_byte(data, declared)) is not None:
        return DecodedPage(utf8, "utf-8", "detected")
    if declared and (text := _try_decode(data, declared)) is not None:
        return DecodedPage(text, declared, "meta")
    if (utf16 := _utf16_without_bom(data)) and (text := _try_decode(data, utf16)) is not None:
        return DecodedPage(text, utf16, "detected")
    if (text := _try_decode(data, "utf-8")) is not None or (text := _mostly_utf8(data)) is not None:
        return DecodedPage(text, "utf-8", "detected")
    if (page := _detected(data, hints.url)) is not None:
        return page
    raise ExtractionRefused(RejectReason.UNDECODABLE, "no charset decodes the bytes")
