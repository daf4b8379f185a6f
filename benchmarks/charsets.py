"""How pages without a usable charset label are read: our decoder beside charset-normalizer's own pick.

    .venv/bin/python benchmarks/charsets.py      # sentences in 13 languages, then the dev pages that reach detection

1. The same news sentence in 13 languages, written in each language's legacy encoding with no label anywhere (as
   old pages and partner feeds arrive), decoded by `decode_html` and by `charset_normalizer.from_bytes(...).best()`;
   a reading is right when the sentence comes back whole. The sentences are this project's own.
2. 300 generated English pages (seeded) in windows-1252, unlabelled, with what such pages carry: curly quotes and
   apostrophes, dashes, an ellipsis, "café", "£50", "12°C", no-break spaces; a page is read right when its text comes
   back exactly.
3. Today's dev pages (scrapinghub-dev, metadata-dev) re-encoded in the legacy code page of the language the product
   finds in them, their charset labels removed (as an old CMS or a feed serves them), and read back with their URL;
   a page is read right when its text comes back exactly. Pages holding a character their code page lacks are left
   out. Half A and half B are counted alike (no page is read).
4. Every dev page whose bytes reach charset detection (no BOM, no usable header or `<meta>` label, not UTF-8): the
   encoding each reads it as, per set and half. Half B is counted, not listed (the protocol).
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import sys
from collections import Counter
from pathlib import Path

from article_ingest.domain.errors import ExtractionRefused
from article_ingest.extraction.decode import decode_html
from article_ingest.extraction.hints import ExtractionHints
from article_ingest.settings import ExtractionSettings
from bench_data import set_bench_root
from product import load_pages
from splits import HALVES, half_of

SENTENCES: dict[str, tuple[str, str]] = {  # language: (sentence, its legacy encoding)
    "English": ("The mayor said repairs to the old bridge start next month at a cost of £2m; traffic won’t be "
                "diverted “for long” – residents aren’t convinced.", "cp1252"),
    "French": ("Le maire a déclaré que la rénovation du vieux pont commencera le mois prochain et que la "
               "circulation sera déviée par le nord de la ville.", "cp1252"),
    "German": ("Der Bürgermeister sagte, die Sanierung der alten Brücke beginne im nächsten Monat, der Verkehr "
               "werde über den nördlichen Stadtteil umgeleitet.", "cp1252"),
    "Spanish": ("El alcalde dijo que la reparación del viejo puente comenzará el próximo mes y que el tráfico se "
                "desviará por el norte de la ciudad.", "cp1252"),
    "Czech": ("Starosta řekl, že oprava starého mostu začne příští měsíc a doprava bude odkloněna přes severní "
              "část města.", "cp1250"),
    "Polish": ("Burmistrz powiedział, że remont starego mostu rozpocznie się w przyszłym miesiącu, a ruch zostanie "
               "skierowany na objazd przez północną część miasta.", "cp1250"),
    "Turkish": ("Belediye başkanı, şehrin tarihi çarşısının yeniden düzenleneceğini ve işçilerin önümüzdeki ay "
                "çalışmaya başlayacağını söyledi.", "cp1254"),
    "Lithuanian": ("Meras sakė, kad senojo tilto remontas prasidės kitą mėnesį, o eismas bus nukreiptas per "
                   "šiaurinę miesto dalį.", "cp1257"),
    "Russian": ("Мэр города сказал, что ремонт старого моста начнётся в следующем месяце, а движение будет "
                "перенаправлено через северную часть города.", "cp1251"),
    "Greek": ("Ο δήμαρχος είπε ότι η επισκευή της παλιάς γέφυρας θα ξεκινήσει τον επόμενο μήνα και η κυκλοφορία "
              "θα εκτραπεί από το βόρειο τμήμα της πόλης.", "cp1253"),
    "Hebrew": ("ראש העיר אמר כי שיפוץ הגשר הישן יתחיל בחודש הבא והתנועה תוסט דרך החלק הצפוני של העיר.", "cp1255"),
    "Chinese": ("市长表示，旧桥的维修工程将于下个月开始，交通将改道经过城市北部。"
                "居民担心交通堵塞和噪音问题。", "gb18030"),
    "Japanese": ("市長は、古い橋の修理工事が来月から始まり、交通は市の北部を経由して迂回されると述べた。", "cp932"),
}  # fmt: skip


def _page(sentence: str) -> str:
    return f"<html><head><title>News</title></head><body><p>{sentence}</p><p>{sentence}</p></body></html>"


def sentences_table() -> None:
    import charset_normalizer

    settings = ExtractionSettings()
    print("| language | written in | ours | right | charset-normalizer alone | right |")
    print("|---|---|---|---|---|---|")
    right = Counter[str]()
    for language, (sentence, encoding) in SENTENCES.items():
        data = _page(sentence).encode(encoding)
        ours = decode_html(data, ExtractionHints(), settings)
        match = charset_normalizer.from_bytes(data).best()
        theirs = str(match) if match is not None else ""
        ours_right, theirs_right = sentence in ours.text, sentence in theirs
        right["ours"] += ours_right
        right["theirs"] += theirs_right
        name = match.encoding if match is not None else "-"
        print(
            f"| {language} | {encoding} | {ours.encoding} | {'yes' if ours_right else 'no'} | {name} "
            f"| {'yes' if theirs_right else 'no'} |"
        )
    print(f"\nright: ours {right['ours']} / {len(SENTENCES)}, charset-normalizer alone {right['theirs']}\n")


_STORY = (  # words and punctuation apart, so the generator can dress them
    "The harbour master said the boats would not sail until the storm had passed , and the ferry to the island was "
    "cancelled for the weekend . Fishermen moved their boats to the inner basin , and council members met on Tuesday "
    "to discuss repairs to the old quay , which will cost 50 000 pounds . Residents said they were worried about the "
    "cost and the delay , and the mayor promised an answer within weeks ."
)


def _western_page(rnd: random.Random) -> str:
    words: list[str] = []
    for word in _STORY.split() * rnd.randint(1, 4):
        roll = rnd.random()
        if roll < 0.03 and word.isalpha():
            words.append(f"“{word}”")
        elif roll < 0.05 and word in ("not", "would"):
            words.append(f"{word}n’t" if word == "would" else "don’t")
        elif roll < 0.06:
            words.append("–")
        elif roll < 0.065:
            words.append("café")
        elif roll < 0.07 and word == "50":
            words.append("£50")
        elif roll < 0.075:
            words.append("12°C")
        elif roll < 0.08:
            words.append("…")
        else:
            words.append(word)
    text = " ".join(words) if rnd.random() < 0.7 else "\u00a0".join(words)
    return f"<html><head><title>News</title></head><body><p>{text}</p></body></html>"


def western_pages_table(pages: int = 300, seed: int = 3) -> None:
    settings = ExtractionSettings()
    rnd = random.Random(seed)
    readings: Counter[str] = Counter()
    right = written = 0
    for _ in range(pages):
        html = _western_page(rnd)
        if html.isascii():
            continue
        written += 1
        page = decode_html(html.encode("cp1252"), ExtractionHints(), settings)
        readings[page.encoding] += 1
        right += page.text == html
    shown = ", ".join(f"{name} {count}" for name, count in readings.most_common())
    print(f"generated windows-1252 pages read right: {right} / {written} (read as: {shown})\n")


_LEGACY_CODE_PAGE = {
    **dict.fromkeys(("en", "de", "fr", "es", "it", "pt", "nl", "sv", "da", "no", "nb", "fi", "ca"), "cp1252"),
    **dict.fromkeys(("pl", "cs", "sk", "hu", "hr", "sl", "ro"), "cp1250"),
    **dict.fromkeys(("ru", "uk", "bg", "sr"), "cp1251"),
    "el": "cp1253", "tr": "cp1254", "he": "cp1255", "ar": "cp1256", "fa": "cp1256",
    **dict.fromkeys(("lt", "lv", "et"), "cp1257"),
    "vi": "cp1258", "zh": "gb18030", "ja": "cp932", "ko": "cp949", "th": "cp874",
}  # fmt: skip
_CHARSET_LABEL_RE = re.compile(r"<meta[^>]*charset[^>]*>", re.IGNORECASE)


def round_trip_table(saved: Path) -> None:
    import charset_normalizer

    settings = ExtractionSettings()
    found = json.loads(saved.read_text(encoding="utf-8"))
    right: Counter[tuple[str, str]] = Counter()
    for set_name in ("scrapinghub-dev", "metadata-dev"):
        for dev_page in load_pages(set_name)[1]:
            language = ((found.get(set_name, {}).get(dev_page.page_id) or {}).get("language") or "").split("-")[0]
            code_page = _LEGACY_CODE_PAGE.get(language.lower())
            if code_page is None or not dev_page.path.exists():
                continue
            page = decode_html(gzip.decompress(dev_page.path.read_bytes()), ExtractionHints(), settings)
            if page.encoding != "utf-8":
                continue
            text = _CHARSET_LABEL_RE.sub("", page.text)
            try:
                data = text.encode(code_page)
            except UnicodeEncodeError:
                continue
            if data.isascii():
                continue
            ours = decode_html(data, ExtractionHints(url=dev_page.url), settings)
            match = charset_normalizer.from_bytes(data).best()
            half = half_of(dev_page.page_id, dev_page.url)
            for key in (code_page, half):
                right[(key, "pages")] += 1
                right[(key, "ours")] += ours.text == text
                right[(key, "theirs")] += match is not None and str(match) == text
    print("| code page (then half) | pages | ours right | charset-normalizer alone right |")
    print("|---|---|---|---|")
    for code_page in sorted({key for key, _ in right} - set(HALVES)) + list(HALVES):
        print(
            f"| {code_page} | {right[(code_page, 'pages')]} | {right[(code_page, 'ours')]} "
            f"| {right[(code_page, 'theirs')]} |"
        )
    total = {kind: sum(right[(half, kind)] for half in HALVES) for kind in ("pages", "ours", "theirs")}
    print(f"| all | {total['pages']} | {total['ours']} | {total['theirs']} |\n")


def dev_pages_table() -> None:
    import charset_normalizer

    settings = ExtractionSettings()
    readings: Counter[tuple[str, str, str, str]] = Counter()
    for set_name in ("scrapinghub-dev", "wceb-dev", "metadata-dev"):
        for dev_page in load_pages(set_name)[1]:
            if not dev_page.path.exists():
                continue
            data = gzip.decompress(dev_page.path.read_bytes())
            try:
                page = decode_html(data, ExtractionHints(url=dev_page.url), settings)
            except ExtractionRefused:  # a refused page has no reading to compare
                continue
            if page.encoding_source != "detected" or page.encoding == "utf-8":
                continue
            match = charset_normalizer.from_bytes(data[:262144]).best()
            theirs = match.encoding if match is not None else "-"
            readings[(set_name, half_of(dev_page.page_id, dev_page.url), page.encoding, theirs)] += 1
    print("| set | half | ours | charset-normalizer alone | pages |")
    print("|---|---|---|---|---|")
    for (set_name, half, ours, theirs), count in sorted(readings.items()):
        print(f"| {set_name} | {half} | {ours} | {theirs} | {count} |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, help="the bench folder (default: ../shared/bench beside the checkout)")
    parser.add_argument(
        "--saved", type=Path, help="a `product.py --save` file: the languages it found drive the round trip (3.)"
    )
    args = parser.parse_args(argv)
    if args.data:
        set_bench_root(args.data)
    sentences_table()
    western_pages_table()
    if args.saved:
        round_trip_table(args.saved)
    dev_pages_table()
    return 0


if __name__ == "__main__":
    sys.exit(main())
