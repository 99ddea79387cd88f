"""Opening hours for a given local date and moment, in Asia/Jakarta.

Order of precedence for one date: a special day set by staff, then an Indonesian public holiday
(closed, when the setting says so), then the weekly schedule. A weekday missing from the weekly
schedule counts as closed. Closing time is exclusive: at 20:00 a clinic that closes at 20:00 is
closed.
"""

import dataclasses
import datetime
import logging
from zoneinfo import ZoneInfo

import holidays
from django.conf import settings
from django.utils import timezone, translation

logger = logging.getLogger(__name__)

# How far ahead `next_opening` looks; longer than any run of closed days (Lebaran holidays plus
# weekends take about ten).
NEXT_OPENING_HORIZON_DAYS = 45


@dataclasses.dataclass(frozen=True)
class DayHours:
    date: datetime.date
    closed: bool
    opens_at: datetime.time | None = None
    closes_at: datetime.time | None = None
    reason: str = ""

    def opening_datetime(self, zone: ZoneInfo) -> datetime.datetime | None:
        if self.closed:
            return None
        return datetime.datetime.combine(self.date, self.opens_at, tzinfo=zone)

    def closing_datetime(self, zone: ZoneInfo) -> datetime.datetime | None:
        if self.closed:
            return None
        return datetime.datetime.combine(self.date, self.closes_at, tzinfo=zone)


@dataclasses.dataclass(frozen=True)
class WeeklyEntry:
    closed: bool
    opens_at: datetime.time | None
    closes_at: datetime.time | None


@dataclasses.dataclass(frozen=True)
class SpecialEntry:
    closed: bool
    opens_at: datetime.time | None
    closes_at: datetime.time | None
    reason: str


class OpeningSchedule:
    """The clinic's hours, loaded once so that any date is looked up without further queries."""

    def __init__(
        self,
        weekly: dict[int, WeeklyEntry],
        special: dict[datetime.date, SpecialEntry],
        closed_on_public_holidays: bool = True,
    ):
        self.weekly = weekly
        self.special = special
        self.closed_on_public_holidays = closed_on_public_holidays
        self.zone = ZoneInfo(settings.TIME_ZONE)

    @classmethod
    def from_settings(cls, hours_settings) -> "OpeningSchedule":
        weekly = {
            row.weekday: WeeklyEntry(row.closed, row.opens_at, row.closes_at)
            for row in hours_settings.weekly_hours.all()
        }
        special = {
            row.date: SpecialEntry(row.closed, row.opens_at, row.closes_at, row.reason)
            for row in hours_settings.special_days.all()
        }
        return cls(weekly, special, hours_settings.closed_on_public_holidays)

    def public_holiday_name(self, day: datetime.date) -> str | None:
        language = "en_US" if translation.get_language() == "en" else "id"
        calendar = holidays.country_holidays("ID", years=day.year, language=language)
        return calendar.get(day)

    def hours_on(self, day: datetime.date) -> DayHours:
        special = self.special.get(day)
        if special is not None:
            if special.closed:
                return DayHours(day, closed=True, reason=special.reason)
            return DayHours(day, False, special.opens_at, special.closes_at, special.reason)

        if self.closed_on_public_holidays:
            holiday_name = self.public_holiday_name(day)
            if holiday_name:
                return DayHours(day, closed=True, reason=holiday_name)

        weekly = self.weekly.get(day.weekday())
        if weekly is None or weekly.closed:
            return DayHours(day, closed=True)
        return DayHours(day, False, weekly.opens_at, weekly.closes_at)

    def is_open_at(self, moment: datetime.datetime) -> bool:
        local = moment.astimezone(self.zone)
        hours = self.hours_on(local.date())
        if hours.closed:
            return False
        return hours.opens_at <= local.time() < hours.closes_at

    def next_opening(self, moment: datetime.datetime) -> datetime.datetime | None:
        """Return the next moment the clinic opens after `moment`, or None within the horizon."""
        local = moment.astimezone(self.zone)
        for offset in range(NEXT_OPENING_HORIZON_DAYS + 1):
            day = local.date() + datetime.timedelta(days=offset)
            opening = self.hours_on(day).opening_datetime(self.zone)
            if opening is not None and opening > local:
                return opening
        logger.warning("No opening found within %s days after %s", NEXT_OPENING_HORIZON_DAYS, local)
        return None

    def week_from(self, day: datetime.date, days: int = 7) -> list[DayHours]:
        return [self.hours_on(day + datetime.timedelta(days=offset)) for offset in range(days)]


def local_now() -> datetime.datetime:
    return timezone.localtime(timezone.now())
