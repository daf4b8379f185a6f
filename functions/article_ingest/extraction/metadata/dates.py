"""Date normalizer: a short raw string -> a plain ISO day or an ISO datetime with its UTC offset, or None.

Standard library only (re + datetime): a few anchored patterns run on short strings (meta values, bylines,
<time> elements), never on the whole page text, so there is no dateparser-style regex bank to pay for.
A time with no zone information at all is read in the page's zone when its country has only one (a German
page's "14:30 Uhr" is Berlin time); elsewhere it is not turned into an instant: we keep the plain day (the raw
text stays in `*_raw`). Zone abbreviations go through `timezones.resolve_abbreviation` with the page's countries.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

from article_ingest.extraction.metadata.timezones import ABBREVIATIONS, resolve_abbreviation

_MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        "january jan januar jänner jaenner janvier janv enero ene gennaio gen janeiro januari января январь",
        "february feb februar février fevrier févr fevr febrero febbraio fevereiro fev februari февраля февраль",
        "march mar märz maerz mär mars marzo março marco maart mrt марта март",
        "april apr avril avr abril aprile апреля апрель",
        "may mai mayo maggio mag maio mei мая май",
        "june jun juni juin junio giugno giu junho июня июнь",
        "july jul juli juillet juil julio luglio lug julho июля июль",
        "august aug août aout agosto ago augustus августа август",
        "september sep sept septembre septiembre setiembre settembre set setembro сентября сентябрь",
        "october oct oktober okt octobre octubre ottobre ott outubro октября октябрь",
        "november nov novembre noviembre novembro ноября ноябрь",
        "december dec dezember dez décembre decembre déc dic diciembre dicembre dezembro декабря декабрь",
    ),
    start=1,
):
    for _name in _names.split():
        _MONTHS[_name] = _number

MONTH_NAMES = frozenset(_MONTHS)
_MONTH = "(" + "|".join(sorted((re.escape(n) for n in _MONTHS), key=len, reverse=True)) + r")\b\.?"
_DAY_SUFFIX = r"(?:st|nd|rd|th|er|º|o)?"
_YEAR = r"((?:19|20)\d{2})(?!\d)"

_PATTERN_SOURCES: tuple[tuple[str, str], ...] = (
    ("ymd", r"(?<!\d)((?:19|20)\d{2})-(\d{1,2})-(\d{1,2})(?!\d)"),
    ("ymd", r"(?<!\d)((?:19|20)\d{2})[/.](\d{1,2})[/.](\d{1,2})(?!\d)"),
    ("ymd", r"((?:19|20)\d{2})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]?"),
    ("num", r"(?<![\d.])(\d{1,2})[./-](\d{1,2})[./-]" + _YEAR),
    ("num2", r"(?<![\d.])(\d{1,2})[./](\d{1,2})[./](\d{2})(?![\d.])"),
    ("dmy", r"(?<!\d)(\d{1,2})" + _DAY_SUFFIX + r"\.?\s*(?:de\s+)?" + _MONTH + r",?\s*(?:de\s+)?" + _YEAR),
    ("mdy", _MONTH + r"\s*(\d{1,2})" + _DAY_SUFFIX + r",?\s+" + _YEAR),
)
# Run on lower-cased text: a case-insensitive search over the month names is several times slower.
_PATTERNS = tuple((kind, re.compile(source)) for kind, source in _PATTERN_SOURCES)
_TIME_RE = re.compile(
    r"(?<![\d:])([01]?\d|2[0-3])(?::|h(?=\d))([0-5]\d)(?::([0-5]\d|\d(?!\d)))?(?:[.,]\d{1,9})?"
    r"\s*(a\.?\s?m\b\.?|p\.?\s?m\b\.?)?"
    r"(?:\s*(?:Uhr|hrs?|h)\b)?"
    r"(?:\s*(?:(Z)(?![a-z])|([+-])(\d{2}):?(\d{2})(?!\d)|\(?(?:GMT|UTC)\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?\)?"
    r"|\(?\b([A-Z]{1,5})\b\)?))?",
    re.I,
)
_DURATION_RE = re.compile(r"\s*(?:min|sek|sec|std)", re.I)
_MAX_RAW = 300


@dataclass(frozen=True)
class DateContext:
    """What the page tells us about reading its dates."""

    countries: frozenset[str] = frozenset()  # from TLD / locale: resolves IST, CST, ...
    day_first: bool = True  # 03/04/2020 is 3 April unless the page is American
    not_after: date | None = None  # the crawl day: a later date is a mistake, not a publication date
    not_before: date = date(1993, 1, 1)
    # the page's own zone when its country has only one: UTC stamps are shown in it, times without a zone read in it
    zone: ZoneInfo | None = None
    # where the country's news is mostly published, for a zoneless time the page places nowhere (`page_clock`)
    default_zone: ZoneInfo | None = None
    # every zone of the page's country when it has several (`default_zone`'s first): a UTC instant is shown on the
    # local day only where all of them put it on the same day
    country_zones: tuple[ZoneInfo, ...] = ()
    short_years: bool = False  # "28.01.22": only where the text is known to be a date line (byline, date element)


@dataclass(frozen=True)
class ParsedDate:
    day: date
    iso: str  # "2026-02-27" or "2026-02-27T23:42:00+05:30"
    has_time: bool
    raw: str
    moment: datetime | None = None  # the aware instant when has_time
    zone_stated: bool = True  # False: the text gave no zone and the time was read in the page's zone
    # the date and clock time a text gave without any zone (read in the page's zone, or not placed at all): kept so
    # a zone the page reveals elsewhere can place it (`in_zone`)
    wall_clock: datetime | None = None
    zone_guessed: bool = False  # placed in the zone the page's country mostly publishes in, not one the page gave


def in_zone(parsed: ParsedDate, zone: tzinfo, *, guessed: bool = False) -> ParsedDate:
    """A zoneless clock time placed in `zone` (its offset at that wall-clock time); a date without one is kept."""
    if parsed.wall_clock is None:
        return parsed
    local = parsed.wall_clock.replace(tzinfo=zone)
    moment = local.replace(tzinfo=timezone(local.utcoffset() or timedelta(0)))
    return replace(
        parsed, iso=moment.isoformat(), has_time=True, moment=moment, zone_stated=False, zone_guessed=guessed
    )


def parse_date(raw: object, context: DateContext | None = None) -> ParsedDate | None:
    """The first plausible date in `raw` (with its time and zone when given), or None. Never raises."""
    if not isinstance(raw, str) or not raw.strip():
        return None
    context = context or DateContext()
    text = raw.strip()[:_MAX_RAW]
    if not _DIGIT_RE.search(text):
        return None  # every pattern needs a digit: one scan spares lower-casing and seven searches (most texts)
    try:
        return _parse(text, context)
    except (ValueError, OverflowError):
        return None


def normalize_date(raw: object, context: DateContext | None = None) -> str | None:
    parsed = parse_date(raw, context)
    return parsed.iso if parsed else None


_DIGIT_RE = re.compile(r"\d")
_WORD_RE = re.compile(r"[^\W\d_]{2,}")
_PROSE_WORDS_BEFORE = 8  # more words than a label, a name or two and a place
_PROSE_LOWER_WORDS = 5  # of which this many in lower case: a sentence, not a list of names ("By A and B, The Post")


def told_in_prose(text: str, parsed: ParsedDate) -> bool:
    """A date in the middle of a sentence ("... vanished early on Sunday, November 3, 2013, after ...", a photo
    caption, an event announced in the standfirst) is what the story tells, not when it was published: a date line
    puts at most a label, names and a place before the date."""
    start = text.find(parsed.raw)
    if start <= 0:
        return False
    words = _WORD_RE.findall(text, 0, start)
    return len(words) > _PROSE_WORDS_BEFORE and sum(word.islower() for word in words) >= _PROSE_LOWER_WORDS


_URL_DATE_RES = (
    re.compile(r"/((?:19|20)\d{2})[/_-](\d{1,2})[/_-](\d{1,2})(?:[/_.-]|$)"),
    re.compile(r"[/_-]((?:19|20)\d{2})(\d{2})(\d{2})(?:[/_.-]|$)"),
)


def date_from_url(url: str | None, context: DateContext | None = None) -> ParsedDate | None:
    """A day written in the URL path (/2020/02/24/, /2020-02-24-, /20200224/)."""
    if not url:
        return None
    context = context or DateContext()
    path = url.split("?", 1)[0]
    for pattern in _URL_DATE_RES:
        match = pattern.search(path)
        if match:
            day = _valid_day(int(match[1]), int(match[2]), int(match[3]), context)
            if day:
                return ParsedDate(day=day, iso=day.isoformat(), has_time=False, raw=match.group(0).strip("/_-."))
    return None


@functools.cache
def _patterns_any_case() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """For the rare text that lower-casing lengthens ("İ"): compiled on first need, not on every cold start."""
    return tuple((kind, re.compile(source, re.I)) for kind, source in _PATTERN_SOURCES)


def _parse(text: str, context: DateContext) -> ParsedDate | None:
    best: tuple[int, date, int] | None = None  # (start, day, end)
    lowered = text.lower()
    same_length = len(lowered) == len(text)  # lower() may lengthen a few characters ("İ"): keep the offsets true
    has_century = "19" in text or "20" in text  # every pattern but num2 needs a year's "19" or "20"
    for kind, pattern in _PATTERNS if same_length else _patterns_any_case():
        if not has_century and kind != "num2":
            continue
        for match in pattern.finditer(lowered if same_length else text):
            if best is not None and match.start() >= best[0]:
                break
            day = _day_from_match(kind, match, context)
            if day is not None:
                best = (match.start(), day, match.end())
                break
    if best is None:
        return None
    start, day, end = best
    time_after = _TIME_RE.match(text, end + _skip_separator(text, end))
    time_match = time_after or _time_elsewhere(text, start)
    if time_match is None:
        return ParsedDate(day=day, iso=day.isoformat(), has_time=False, raw=text[start:end])
    raw = text[min(start, time_match.start()) : max(end, time_match.end())].strip()
    # a zoneless time is read in the page zone only right after its date and not as a duration ("| 3:20 Min.")
    in_page_zone = time_after is not None and not _DURATION_RE.match(
        text, time_after.end(3) if time_after[3] else time_after.end(2)
    )
    timed = _with_time(day, time_match, context if in_page_zone else replace(context, zone=None))
    wall_clock = _wall_clock(day, time_match) if in_page_zone else None
    if timed is None:  # a time without any zone: not an instant, so only the day is kept (raw keeps the time)
        return ParsedDate(day=day, iso=day.isoformat(), has_time=False, raw=raw, wall_clock=wall_clock)
    moment, zone_stated = timed
    if context.zone is not None and moment.utcoffset() == timedelta(0):
        moment = moment.astimezone(context.zone)  # same instant, written the way the page's readers see it
        if moment.date() > (context.not_after or moment.date()):
            return None
    return ParsedDate(
        day=moment.date(),
        iso=moment.isoformat(),
        has_time=True,
        raw=raw,
        moment=moment,
        zone_stated=zone_stated,
        wall_clock=None if zone_stated else wall_clock,
    )


_SEPARATOR_RE = re.compile(r"(?:\s|,|:|\||T|-|–|at\b|um\b|à\b|a las\b|alle\b|às\b|@|/)*", re.I)


def _skip_separator(text: str, end: int) -> int:
    match = _SEPARATOR_RE.match(text, end)
    return match.end() - end if match else 0


def _time_elsewhere(text: str, start: int) -> re.Match[str] | None:
    """A time written before the date ("23:42 IST, 27 Feb 2026"), only in short strings."""
    if len(text) > 80:
        return None
    for match in _TIME_RE.finditer(text, 0, start):
        return match
    return None


def _day_from_match(kind: str, match: re.Match[str], context: DateContext) -> date | None:
    if kind == "ymd":
        return _valid_day(int(match[1]), int(match[2]), int(match[3]), context)
    if kind == "dmy":
        return _valid_day(int(match[3]), _MONTHS[match[2].lower()], int(match[1]), context)
    if kind == "mdy":
        return _valid_day(int(match[3]), _MONTHS[match[1].lower()], int(match[2]), context)
    first, second, year = int(match[1]), int(match[2]), int(match[3])
    if kind == "num2":
        if not context.short_years:
            return None
        year += 2000 if context.not_after is None or 2000 + year <= context.not_after.year else 1900
    if first > 12 or (context.day_first and second <= 12):
        return _valid_day(year, second, first, context)
    return _valid_day(year, first, second, context)


def _valid_day(year: int, month: int, day: int, context: DateContext) -> date | None:
    try:
        value = date(year, month, day)
    except ValueError:
        return None
    if value < context.not_before or (context.not_after is not None and value > context.not_after):
        return None
    return value


def _wall_clock(day: date, match: re.Match[str]) -> datetime | None:
    """The date and clock time as written (no zone), or None for an impossible 12-hour time ("0:15 PM")."""
    hour, minute, second = int(match[1]), int(match[2]), int(match[3] or 0)
    meridiem = (match[4] or "").lower()
    if meridiem:
        if hour > 12 or hour == 0:
            return None
        hour = hour % 12 + (12 if meridiem.startswith("p") else 0)
    return datetime(day.year, day.month, day.day, hour, minute, second)


def _with_time(day: date, match: re.Match[str], context: DateContext) -> tuple[datetime, bool] | None:
    """The instant, and whether the text stated its zone (else it was read in the page's single zone)."""
    wall_clock = _wall_clock(day, match)
    if wall_clock is None:
        return None
    offset = _offset(match, context, wall_clock)
    if offset is not None:
        return wall_clock.replace(tzinfo=timezone(offset)), True
    if context.zone is not None:  # no zone written: the page's country keeps one civil time, so it is that one
        local = wall_clock.replace(tzinfo=context.zone)
        return local.replace(tzinfo=timezone(local.utcoffset() or timedelta(0))), False
    return None


def _offset(match: re.Match[str], context: DateContext, wall_clock: datetime) -> timedelta | None:
    if match[5]:
        return timedelta(0)
    if match[6]:
        return _signed(match[6], int(match[7]), int(match[8]))
    if match[9]:
        return _signed(match[9], int(match[10]), int(match[11] or 0))
    abbreviation = match[12]
    if abbreviation and abbreviation.upper() in ABBREVIATIONS and (abbreviation.isupper() or len(abbreviation) > 1):
        return resolve_abbreviation(abbreviation, context.countries, wall_clock)
    return None


def _signed(sign: str, hours: int, minutes: int) -> timedelta | None:
    if hours > 14 or minutes > 59:
        return None
    delta = timedelta(hours=hours, minutes=minutes)
    return -delta if sign == "-" else delta
