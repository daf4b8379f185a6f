"""Time zone abbreviations, resolved by the page's country: IST is +05:30 in India, +01:00 in Ireland.

An ambiguous abbreviation takes the meaning that matches the page's country (TLD, locale); without a match,
its most widely used meaning (the first listed). UTC is used only when the page says UTC/GMT/Z.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

# abbreviation -> ((offset minutes, countries where this meaning is used), ...), most common meaning first
_ABBREVIATIONS: dict[str, tuple[tuple[int, frozenset[str]], ...]] = {
    "UTC": ((0, frozenset()),),
    "GMT": ((0, frozenset()),),
    "Z": ((0, frozenset()),),
    "IST": (
        (330, frozenset({"in"})),
        (60, frozenset({"ie"})),
        (120, frozenset({"il"})),
    ),
    "IDT": ((180, frozenset({"il"})),),
    "EST": ((-300, frozenset({"us", "ca"})), (600, frozenset({"au"}))),
    "EDT": ((-240, frozenset({"us", "ca"})),),
    "CST": ((-360, frozenset({"us", "ca", "mx"})), (480, frozenset({"cn", "tw"})), (-300, frozenset({"cu"}))),
    "CDT": ((-300, frozenset({"us", "ca", "mx"})),),
    "MST": ((-420, frozenset({"us", "ca", "mx"})),),
    "MDT": ((-360, frozenset({"us", "ca"})),),
    "PST": ((-480, frozenset({"us", "ca"})), (480, frozenset({"ph"}))),
    "PDT": ((-420, frozenset({"us", "ca"})),),
    "AKST": ((-540, frozenset({"us"})),),
    "HST": ((-600, frozenset({"us"})),),
    "AST": ((-240, frozenset({"ca", "pr"})), (180, frozenset({"sa", "kw", "iq", "qa", "bh", "ye"}))),
    "ADT": ((-180, frozenset({"ca"})),),
    "NST": ((-210, frozenset({"ca"})),),
    "BST": ((60, frozenset({"uk", "gb"})), (360, frozenset({"bd"}))),
    "WET": ((0, frozenset({"pt", "ma"})),),
    "WEST": ((60, frozenset({"pt"})),),
    "CET": ((60, frozenset()),),
    "CEST": ((120, frozenset()),),
    "MEZ": ((60, frozenset({"de", "at", "ch"})),),
    "MESZ": ((120, frozenset({"de", "at", "ch"})),),
    "EET": ((120, frozenset()),),
    "EEST": ((180, frozenset()),),
    "MSK": ((180, frozenset({"ru"})),),
    "TRT": ((180, frozenset({"tr"})),),
    "SAST": ((120, frozenset({"za"})),),
    "WAT": ((60, frozenset({"ng"})),),
    "CAT": ((120, frozenset()),),
    "EAT": ((180, frozenset({"ke", "tz", "ug", "et"})),),
    "GST": ((240, frozenset({"ae", "om"})),),
    "PKT": ((300, frozenset({"pk"})),),
    "NPT": ((345, frozenset({"np"})),),
    "BDT": ((360, frozenset({"bd"})),),
    "ICT": ((420, frozenset({"th", "vn", "kh", "la"})),),
    "WIB": ((420, frozenset({"id"})),),
    "WITA": ((480, frozenset({"id"})),),
    "WIT": ((540, frozenset({"id"})),),
    "SGT": ((480, frozenset({"sg"})),),
    "MYT": ((480, frozenset({"my"})),),
    "PHT": ((480, frozenset({"ph"})),),
    "HKT": ((480, frozenset({"hk"})),),
    "AWST": ((480, frozenset({"au"})),),
    "JST": ((540, frozenset({"jp"})),),
    "KST": ((540, frozenset({"kr"})),),
    "ACST": ((570, frozenset({"au"})),),
    "AEST": ((600, frozenset({"au"})),),
    "AEDT": ((660, frozenset({"au"})),),
    "NZST": ((720, frozenset({"nz"})),),
    "NZDT": ((780, frozenset({"nz"})),),
    "BRT": ((-180, frozenset({"br"})),),
    "ART": ((-180, frozenset({"ar"})),),
}

# Generic names that follow daylight saving: "3:33 AM ET" is -05:00 in winter and -04:00 in summer.
_GENERIC_ZONES = {
    "ET": "America/New_York",
    "CT": "America/Chicago",
    "MT": "America/Denver",
    "PT": "America/Los_Angeles",
}

ABBREVIATIONS = frozenset(_ABBREVIATIONS) | frozenset(_GENERIC_ZONES)


def resolve_abbreviation(
    abbreviation: str, countries: frozenset[str] = frozenset(), when: datetime | None = None
) -> timedelta | None:
    """The UTC offset an abbreviation means on a page from `countries` (ISO 3166 alpha-2, lower case); `when` (the
    local wall-clock time) decides daylight saving for the generic names ET/CT/MT/PT."""
    generic = _GENERIC_ZONES.get(abbreviation.upper())
    if generic is not None:
        local = (when or datetime(2000, 1, 1)).replace(tzinfo=ZoneInfo(generic))
        return local.utcoffset()
    meanings = _ABBREVIATIONS.get(abbreviation.upper())
    if not meanings:
        return None
    for minutes, where in meanings:
        if where & countries:
            return timedelta(minutes=minutes)
    return timedelta(minutes=meanings[0][0])
