"""Opening hours in Asia/Jakarta: weekly schedule, special days, public holidays, GraphQL field."""

import datetime
import logging
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from wagtail.models import Site

from cms.models import OpeningHoursSettings, SpecialDay, WeeklyOpeningHours
from cms.opening_hours import OpeningSchedule, SpecialEntry, WeeklyEntry

JAKARTA = ZoneInfo("Asia/Jakarta")
UTC = datetime.timezone.utc

# Days used below (2026): Christmas (Hari Raya Natal) is Friday 25 December; Idul Fitri
# (Lebaran) is Saturday 21 March with its second day on Sunday 22 March.
CHRISTMAS = datetime.date(2026, 12, 25)
LEBARAN = datetime.date(2026, 3, 21)
LEBARAN_SECOND_DAY = datetime.date(2026, 3, 22)


def hours(opens: int, closes: int) -> WeeklyEntry:
    return WeeklyEntry(False, datetime.time(opens), datetime.time(closes))


def clinic_schedule(special=None, closed_on_public_holidays=True, weekly=None) -> OpeningSchedule:
    """Return a schedule; the weekly hours default to the demo clinic's (Mon–Sat 09–20, Sun 10–16)."""
    if weekly is None:
        weekly = {weekday: hours(9, 20) for weekday in range(6)}
        weekly[6] = hours(10, 16)
    return OpeningSchedule(weekly, special or {}, closed_on_public_holidays)


def jakarta(year, month, day, hour=0, minute=0) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=JAKARTA)


# --- one day's hours -------------------------------------------------------------------------


def test_weekday_uses_weekly_hours():
    day = clinic_schedule().hours_on(datetime.date(2026, 12, 7))  # Monday

    assert day.closed is False
    assert day.opens_at == datetime.time(9)
    assert day.closes_at == datetime.time(20)
    assert day.reason == ""


def test_closed_weekday_is_closed():
    weekly = {weekday: hours(9, 20) for weekday in range(5)}
    weekly[5] = WeeklyEntry(True, None, None)  # Saturday marked closed

    saturday = clinic_schedule(weekly=weekly).hours_on(datetime.date(2026, 12, 5))

    assert saturday.closed is True
    assert saturday.opens_at is None


def test_weekday_missing_from_schedule_is_closed():
    weekly = {weekday: hours(9, 20) for weekday in range(6)}  # no Sunday row

    sunday = clinic_schedule(weekly=weekly).hours_on(datetime.date(2026, 12, 6))

    assert sunday.closed is True
    assert clinic_schedule(weekly=weekly).is_open_at(jakarta(2026, 12, 6, 12)) is False


def test_christmas_is_closed_with_holiday_name():
    with translation.override("id"):
        day = clinic_schedule().hours_on(CHRISTMAS)

    assert day.closed is True
    assert day.reason == "Hari Raya Natal"
    assert clinic_schedule().is_open_at(jakarta(2026, 12, 25, 12)) is False


def test_holiday_name_follows_language():
    with translation.override("en"):
        day = clinic_schedule().hours_on(CHRISTMAS)

    assert day.reason == "Christmas Day"


def test_lebaran_days_are_closed():
    with translation.override("id"):
        first = clinic_schedule().hours_on(LEBARAN)
        second = clinic_schedule().hours_on(LEBARAN_SECOND_DAY)

    assert first.closed is True
    assert "Idul Fitri" in first.reason
    assert second.closed is True
    assert "Idul Fitri" in second.reason


def test_holiday_open_when_setting_is_off():
    schedule = clinic_schedule(closed_on_public_holidays=False)

    day = schedule.hours_on(CHRISTMAS)

    assert day.closed is False
    assert day.opens_at == datetime.time(9)
    assert schedule.is_open_at(jakarta(2026, 12, 25, 12)) is True


def test_special_day_opens_a_holiday():
    special = {CHRISTMAS: SpecialEntry(False, datetime.time(10), datetime.time(14), "Buka khusus Natal")}
    schedule = clinic_schedule(special)

    day = schedule.hours_on(CHRISTMAS)

    assert day.closed is False
    assert (day.opens_at, day.closes_at) == (datetime.time(10), datetime.time(14))
    assert day.reason == "Buka khusus Natal"
    assert schedule.is_open_at(jakarta(2026, 12, 25, 13, 59)) is True
    assert schedule.is_open_at(jakarta(2026, 12, 25, 14)) is False


def test_special_day_with_other_hours():
    wednesday = datetime.date(2026, 12, 9)
    special = {wednesday: SpecialEntry(False, datetime.time(12), datetime.time(18), "Acara klinik")}
    schedule = clinic_schedule(special)

    assert schedule.hours_on(wednesday).reason == "Acara klinik"
    assert schedule.is_open_at(jakarta(2026, 12, 9, 9, 30)) is False
    assert schedule.is_open_at(jakarta(2026, 12, 9, 11, 59)) is False
    assert schedule.is_open_at(jakarta(2026, 12, 9, 12)) is True
    assert schedule.is_open_at(jakarta(2026, 12, 9, 17, 59)) is True
    assert schedule.is_open_at(jakarta(2026, 12, 9, 18)) is False


def test_special_closure_keeps_reason():
    wednesday = datetime.date(2026, 12, 9)
    special = {wednesday: SpecialEntry(True, None, None, "Pelatihan staf tahunan")}
    schedule = clinic_schedule(special)

    day = schedule.hours_on(wednesday)

    assert day.closed is True
    assert day.reason == "Pelatihan staf tahunan"
    assert schedule.is_open_at(jakarta(2026, 12, 9, 12)) is False


def test_special_closure_on_holiday_keeps_staff_reason():
    special = {LEBARAN: SpecialEntry(True, None, None, "Libur Lebaran klinik")}

    day = clinic_schedule(special).hours_on(LEBARAN)

    assert day.reason == "Libur Lebaran klinik"


# --- open at a moment ------------------------------------------------------------------------


def test_open_just_before_closing():
    assert clinic_schedule().is_open_at(jakarta(2026, 12, 7, 19, 59)) is True


def test_closed_at_closing_time():
    assert clinic_schedule().is_open_at(jakarta(2026, 12, 7, 20, 0)) is False


def test_closed_just_before_opening():
    assert clinic_schedule().is_open_at(jakarta(2026, 12, 7, 8, 59)) is False


def test_open_at_opening_time():
    assert clinic_schedule().is_open_at(jakarta(2026, 12, 7, 9, 0)) is True


def test_utc_moment_is_read_in_jakarta():
    # 13:00 UTC on Monday is 20:00 in Jakarta, closing time.
    assert clinic_schedule().is_open_at(datetime.datetime(2026, 12, 7, 12, 59, tzinfo=UTC)) is True
    assert clinic_schedule().is_open_at(datetime.datetime(2026, 12, 7, 13, 0, tzinfo=UTC)) is False


def test_after_midnight_uses_jakarta_date():
    # 2026-12-05 17:30 UTC is still Saturday in UTC but 00:30 on Sunday 6 December in Jakarta,
    # so Sunday's 10–16 applies and the next opening is Sunday 10:00, not Saturday's hours.
    moment = datetime.datetime(2026, 12, 5, 17, 30, tzinfo=UTC)
    schedule = clinic_schedule()

    assert schedule.is_open_at(moment) is False
    assert schedule.next_opening(moment) == jakarta(2026, 12, 6, 10)


def test_sunday_opening_read_in_jakarta():
    # 03:00 UTC is 10:00 on Sunday in Jakarta. At 09:59 a weekday would be open, but Sunday is not.
    schedule = clinic_schedule()

    assert schedule.is_open_at(datetime.datetime(2026, 12, 6, 2, 59, tzinfo=UTC)) is False
    assert schedule.is_open_at(datetime.datetime(2026, 12, 6, 3, 0, tzinfo=UTC)) is True


# --- next opening ----------------------------------------------------------------------------


def test_next_opening_later_same_day():
    assert clinic_schedule().next_opening(jakarta(2026, 12, 7, 7, 15)) == jakarta(2026, 12, 7, 9)


def test_next_opening_after_closing_is_tomorrow():
    assert clinic_schedule().next_opening(jakarta(2026, 12, 7, 20)) == jakarta(2026, 12, 8, 9)


def test_next_opening_skips_holiday_and_closed_weekend():
    # Monday to Friday only; Friday 25 December is Christmas, so after Thursday's closing
    # the clinic next opens on Monday 28 December.
    weekly = {weekday: hours(9, 20) for weekday in range(5)}
    weekly[5] = WeeklyEntry(True, None, None)
    schedule = clinic_schedule(weekly=weekly)

    assert schedule.next_opening(jakarta(2026, 12, 24, 20, 30)) == jakarta(2026, 12, 28, 9)


def test_next_opening_skips_both_lebaran_days():
    # Friday 20 March after closing; Saturday and Sunday are Idul Fitri.
    assert clinic_schedule().next_opening(jakarta(2026, 3, 20, 21)) == jakarta(2026, 3, 23, 9)


def test_next_opening_skips_special_closure():
    tuesday = datetime.date(2026, 12, 8)
    schedule = clinic_schedule({tuesday: SpecialEntry(True, None, None, "Renovasi")})

    assert schedule.next_opening(jakarta(2026, 12, 7, 21)) == jakarta(2026, 12, 9, 9)


def test_next_opening_none_when_always_closed(caplog):
    schedule = clinic_schedule(weekly={})
    caplog.set_level(logging.WARNING, logger="cms.opening_hours")

    assert schedule.next_opening(jakarta(2026, 12, 7, 12)) is None
    assert "No opening found" in caplog.text


def test_week_from_lists_seven_days():
    with translation.override("id"):
        week = clinic_schedule().week_from(datetime.date(2026, 12, 21))

    assert [day.date for day in week] == [datetime.date(2026, 12, 21) + datetime.timedelta(days=n) for n in range(7)]
    assert [day.closed for day in week] == [False, False, False, False, True, False, False]
    assert week[4].reason == "Hari Raya Natal"
    assert week[6].opens_at == datetime.time(10)


# --- settings in the database ----------------------------------------------------------------


@pytest.fixture
def hours_settings(db):
    """Return the default site's opening hours reset to the demo week, with no special days."""
    site = Site.objects.get(is_default_site=True)
    settings = OpeningHoursSettings.for_site(site)
    settings.special_days.all().delete()
    settings.weekly_hours.all().delete()
    for weekday in range(6):
        WeeklyOpeningHours.objects.create(
            settings=settings, weekday=weekday, opens_at=datetime.time(9), closes_at=datetime.time(20)
        )
    WeeklyOpeningHours.objects.create(settings=settings, weekday=6, opens_at=datetime.time(10), closes_at=datetime.time(16))
    return settings


def test_schedule_loads_from_settings(hours_settings):
    SpecialDay.objects.create(
        settings=hours_settings, date=datetime.date(2026, 12, 9), closed=True, reason="Pelatihan staf tahunan"
    )

    schedule = OpeningSchedule.from_settings(hours_settings)

    assert schedule.hours_on(datetime.date(2026, 12, 9)).reason == "Pelatihan staf tahunan"
    assert schedule.hours_on(datetime.date(2026, 12, 6)).opens_at == datetime.time(10)
    assert schedule.hours_on(datetime.date(2026, 12, 7)).closes_at == datetime.time(20)


@pytest.mark.parametrize(
    ("opens_at", "closes_at", "field"),
    [
        (None, datetime.time(20), "opens_at"),
        (datetime.time(9), None, "closes_at"),
        (datetime.time(20), datetime.time(9), "closes_at"),
        (datetime.time(9), datetime.time(9), "closes_at"),
    ],
)
def test_open_day_needs_valid_times(hours_settings, opens_at, closes_at, field):
    row = SpecialDay(settings=hours_settings, date=datetime.date(2026, 12, 9), closed=False,
                     opens_at=opens_at, closes_at=closes_at, reason="Acara")

    with pytest.raises(ValidationError) as raised:
        row.full_clean()

    assert field in raised.value.message_dict


def test_closed_day_needs_no_times(hours_settings):
    row = SpecialDay(settings=hours_settings, date=datetime.date(2026, 12, 9), closed=True, reason="Libur")

    row.full_clean()


# --- GraphQL openingHours with a frozen clock ---------------------------------------------------

OPENING_HOURS_QUERY = """
{
  openingHours {
    isOpenNow
    nextOpening
    now
    today { date weekday closed opensAt closesAt reason }
    week { date closed opensAt closesAt reason }
  }
}
"""


def opening_hours_at(graphql, moment: datetime.datetime) -> dict:
    with mock.patch("django.utils.timezone.now", return_value=moment):
        status, body = graphql(OPENING_HOURS_QUERY)
    assert status == 200, body
    assert "errors" not in body, body
    return body["data"]["openingHours"]


def test_graphql_after_midnight_jakarta(graphql, hours_settings):
    answer = opening_hours_at(graphql, datetime.datetime(2026, 12, 5, 17, 30, tzinfo=UTC))

    assert answer["isOpenNow"] is False
    assert answer["now"] == "2026-12-06T00:30:00+07:00"
    assert answer["today"]["date"] == "2026-12-06"
    assert answer["today"]["weekday"] == "Minggu"
    assert answer["today"]["opensAt"] == "10:00:00"
    assert answer["today"]["closesAt"] == "16:00:00"
    assert answer["nextOpening"] == "2026-12-06T10:00:00+07:00"
    assert [day["date"] for day in answer["week"]][:2] == ["2026-12-06", "2026-12-07"]
    assert len(answer["week"]) == 7


def test_graphql_just_before_closing(graphql, hours_settings):
    answer = opening_hours_at(graphql, jakarta(2026, 12, 7, 19, 59))

    assert answer["isOpenNow"] is True
    assert answer["nextOpening"] is None


def test_graphql_at_closing(graphql, hours_settings):
    answer = opening_hours_at(graphql, jakarta(2026, 12, 7, 20, 0))

    assert answer["isOpenNow"] is False
    assert answer["nextOpening"] == "2026-12-08T09:00:00+07:00"


def test_graphql_on_christmas(graphql, hours_settings):
    answer = opening_hours_at(graphql, jakarta(2026, 12, 25, 11))

    assert answer["isOpenNow"] is False
    assert answer["today"]["closed"] is True
    assert answer["today"]["reason"] == "Hari Raya Natal"
    assert answer["today"]["opensAt"] is None
    assert answer["nextOpening"] == "2026-12-26T09:00:00+07:00"


def test_graphql_special_day_overrides_holiday(graphql, hours_settings):
    SpecialDay.objects.create(
        settings=hours_settings, date=CHRISTMAS, closed=False,
        opens_at=datetime.time(10), closes_at=datetime.time(14), reason="Buka khusus Natal",
    )

    answer = opening_hours_at(graphql, jakarta(2026, 12, 25, 11))

    assert answer["isOpenNow"] is True
    assert answer["today"]["reason"] == "Buka khusus Natal"
    assert answer["today"]["closesAt"] == "14:00:00"


def test_graphql_week_shows_special_closure(graphql, hours_settings):
    SpecialDay.objects.create(
        settings=hours_settings, date=datetime.date(2026, 12, 9), closed=True, reason="Pelatihan staf tahunan"
    )

    answer = opening_hours_at(graphql, jakarta(2026, 12, 7, 10))

    wednesday = answer["week"][2]
    assert wednesday["date"] == "2026-12-09"
    assert wednesday["closed"] is True
    assert wednesday["reason"] == "Pelatihan staf tahunan"

