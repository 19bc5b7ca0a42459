"""Delivery-date arithmetic: cut-off, weekends, public holidays, time zones."""

from datetime import date, datetime, time
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from thankyou.blocks.business_days import add_business_days, order_start, processing_day, step_date

BERLIN = ZoneInfo("Europe/Berlin")
CUTOFF = time(14, 0)


def at(*args, zone=BERLIN):
    return datetime(*args, tzinfo=zone)


def test_before_cutoff_on_a_weekday_is_processed_the_same_day():
    assert processing_day(at(2026, 11, 25, 9, 30), "Europe/Berlin", CUTOFF, "DE") == date(
        2026, 11, 25
    )


def test_after_cutoff_moves_to_the_next_business_day():
    assert processing_day(at(2026, 11, 25, 14, 0), "Europe/Berlin", CUTOFF, "DE") == date(
        2026, 11, 26
    )


def test_friday_after_cutoff_before_a_public_holiday_skips_weekend_and_holiday():
    # Friday 22 May 2026, 16:45: Whit Monday (25 May) is a public holiday in Germany.
    ordered = at(2026, 5, 22, 16, 45)
    assert processing_day(ordered, "Europe/Berlin", CUTOFF, "DE") == date(2026, 5, 26)
    assert step_date(ordered, "Europe/Berlin", CUTOFF, "DE", 2) == date(2026, 5, 28)


def test_unknown_country_falls_back_to_weekends_only():
    ordered = at(2026, 5, 22, 16, 45)
    assert processing_day(ordered, "Europe/Berlin", CUTOFF, "XX") == date(2026, 5, 25)
    assert processing_day(ordered, "Europe/Berlin", CUTOFF, "") == date(2026, 5, 25)


def test_holidays_are_the_shipping_countrys():
    # 26 October is Austria's national day, an ordinary Monday in Germany.
    ordered = at(2026, 10, 23, 18, 0)
    assert processing_day(ordered, "Europe/Berlin", CUTOFF, "AT") == date(2026, 10, 27)
    assert processing_day(ordered, "Europe/Berlin", CUTOFF, "DE") == date(2026, 10, 26)


def test_holidays_most_of_a_country_s_regions_keep_count():
    # Switzerland's national calendar lacks Good Friday and Easter Monday; nearly
    # every canton keeps them, and parcels are not delivered.
    assert add_business_days(date(2026, 4, 2), 2, "CH") == date(2026, 4, 8)
    assert add_business_days(date(2025, 12, 23), 2, "CH") == date(2025, 12, 29)  # 26 Dec


def test_the_shop_processes_on_its_own_business_days_and_the_parcel_travels_on_the_destination_s():
    order = SimpleNamespace(created_at=at(2026, 4, 2, 15, 0), shipping_country="AT")
    shop = SimpleNamespace(timezone="Europe/Berlin", order_cutoff=CUTOFF, country="DE")
    # After Thursday's cut-off: Good Friday and Easter Monday are German holidays.
    assert order_start(order, shop) == (date(2026, 4, 7), "AT")
    shop.country = ""  # not set: the shipping country's calendar, as before
    assert order_start(order, shop) == (date(2026, 4, 3), "AT")


def test_the_cutoff_is_in_the_shops_time_zone():
    # 12:30 UTC is 13:30 in Berlin (before the cut-off) but 14:30 in Helsinki.
    ordered = datetime(2026, 11, 25, 12, 30, tzinfo=ZoneInfo("UTC"))
    assert processing_day(ordered, "Europe/Berlin", CUTOFF, "DE") == date(2026, 11, 25)
    assert processing_day(ordered, "Europe/Helsinki", CUTOFF, "FI") == date(2026, 11, 26)


def test_no_cutoff_processes_every_business_day_order_that_day():
    assert processing_day(at(2026, 11, 25, 23, 59), "Europe/Berlin", None, "DE") == date(
        2026, 11, 25
    )


def test_adding_business_days_skips_weekends_and_holidays():
    assert add_business_days(date(2026, 12, 23), 2, "DE") == date(2026, 12, 28)
    assert add_business_days(date(2026, 12, 23), 0, "DE") == date(2026, 12, 23)
    assert add_business_days(date(2026, 12, 23), 2, "") == date(2026, 12, 25)


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["localtime", "Factory"])
def test_a_shop_s_time_zone_is_a_place(make_shop, name):
    shop = make_shop("acme")
    shop.timezone = name
    with pytest.raises(ValidationError) as error:
        shop.full_clean()
    assert "timezone" in error.value.message_dict
