"""Which zone a page's clock times without one are read in ("Dec 1st 2016 1:01PM", a meta "2019-03-02T09:18:32").

One order for every zoneless time a page gives, from the most to the least specific evidence:
1. a stamp on the same page that states a zone for that very clock time, as its local time ("3:33 AM ET" beside
   a meta "2016-11-29T03:33:08") or as its UTC time (a visible "2:00 PM" beside an og "...T14:00:00Z");
2. the page's country when it keeps one civil time (`DateContext.zone`: already applied by the normalizer);
3. the offset most of the page's other stamps state, UTC aside (servers write UTC; a site writes its own zone),
   embedded posts aside (a tweet is in its author's zone; a related list on the page is in the site's);
4. the zone most of the page's country publishes in (`DateContext.default_zone`: Eastern on American pages).
Counted on metadata-dev (`benchmarks/zone_evidence.py`): where another source states the zone of a zoneless machine
stamp's clock, it is local time on 9 pages of half A and 4 of B, UTC on 1 and 1 (+00:00, either, on 6): so such
stamps go through the same order as visible times, not read as UTC. Eastern is what an American page's own stamps
state on 20 of 42 such pages of half A (Central 8, Pacific 6) and 11 of 24 of B: a guess, flagged `zone_guessed`
(the Article's provenance says `heuristic`), and it never overrules a time whose zone the page gives.
The text stays in `*_raw`; the candidate says its zone was not stated (`zone_stated`), a feature of the choice.
A UTC instant is written the way the page's readers saw it: in the country's single zone (by the normalizer), else,
where the country has several zones and every one of them puts the instant on the same day, in its main zone (the
same instant, the offset flagged ours), unless the page shows its readers that UTC day in text and not the local one
("Nov. 9, 2023, 4:59 AM UTC"). Set on half A of metadata-dev: published day A +2/-0, B +1/-0.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

from article_ingest.extraction.metadata.dates import DateContext, ParsedDate, in_zone


@dataclass(frozen=True)
class PageClock:
    """Where a page's zoneless clock times are placed (see the module's order)."""

    same_clock: dict[datetime, tzinfo] = field(default_factory=dict)  # a stated stamp's clock (to the minute) -> zone
    zone: tzinfo | None = None  # any other zoneless time, when the page's country has no single zone
    guessed: bool = False  # `zone` is where the page's country mostly publishes, not one the page gave
    shown_in: tzinfo | None = None  # the page's single zone: a UTC instant is written the way its readers see it
    # the zones of the page's country when it has several (`DateContext.country_zones`); empty when the page shows
    # its readers UTC or places its clock otherwise
    country_zones: tuple[ZoneInfo, ...] = ()
    shown_days: frozenset[date] = frozenset()  # the days the page shows its readers in text

    def place(self, parsed: ParsedDate) -> ParsedDate:
        if parsed.wall_clock is None:
            return self._local_day(parsed)
        stated = self.same_clock.get(parsed.wall_clock.replace(second=0))
        if stated is not None:
            placed = in_zone(parsed, stated)
            if self.shown_in is not None and placed.moment is not None and placed.moment.utcoffset() == timedelta(0):
                moment = placed.moment.astimezone(self.shown_in)
                return replace(placed, day=moment.date(), iso=moment.isoformat(), moment=moment)
            return self._local_day(placed)
        if parsed.has_time or self.zone is None:
            return parsed  # already read in the page's single zone, or nothing places it
        return in_zone(parsed, self.zone, guessed=self.guessed)

    def _local_day(self, parsed: ParsedDate) -> ParsedDate:
        """A UTC instant re-expressed in the country's main zone when every zone of the country puts it on the same
        day: that day is the one the page's readers saw, whichever city the newsroom is in (unless the page shows
        them the UTC day and not that one). The instant is the page's; the offset written is ours (`zone_guessed`)."""
        moment = parsed.moment
        if not self.country_zones or moment is None or moment.utcoffset() != timedelta(0):
            return parsed
        days = {moment.astimezone(zone).date() for zone in self.country_zones}
        if len(days) != 1:
            return parsed
        if moment.date() in self.shown_days and not days & self.shown_days:
            return parsed  # the page shows its readers the UTC day
        local = moment.astimezone(self.country_zones[0])
        return replace(parsed, day=local.date(), iso=local.isoformat(), moment=local, zone_guessed=True)


def page_clock(
    dates: Iterable[tuple[ParsedDate, bool]], context: DateContext, *, shown_days: frozenset[date] = frozenset()
) -> PageClock:
    """The clock of a page from every date it gives and whether each may reveal the site's zone."""
    same_clock: dict[datetime, tzinfo] = {}
    revealed: Counter[timedelta] = Counter()
    for parsed, reveals in dates:
        moment = parsed.moment
        if moment is None or not parsed.zone_stated or (offset := moment.utcoffset()) is None:
            continue
        same_clock.setdefault(moment.replace(tzinfo=None, second=0, microsecond=0), timezone(offset))
        same_clock.setdefault(moment.astimezone(UTC).replace(tzinfo=None, second=0, microsecond=0), UTC)
        if reveals and offset != timedelta(0):
            revealed[offset] += 1
    if context.zone is not None:
        return PageClock(same_clock, None, shown_in=context.zone)
    if revealed:  # the offset most of them state (the first stated among equals)
        return PageClock(same_clock, timezone(revealed.most_common(1)[0][0]))
    return PageClock(
        same_clock, context.default_zone, guessed=True, country_zones=context.country_zones, shown_days=shown_days
    )
