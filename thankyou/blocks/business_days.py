"""
Business-day arithmetic for delivery estimates.

An order is taken into processing on its own day if that is a business day
of the shop (its country's, ``Shop.country``) and it came in before the
shop's daily cut-off (in the shop's time zone), else on the next business
day. A step "n business days" later falls n business days of the shipping
country after that processing day. Business days skip weekends and a
country's public holidays: its national ones and those most of
its regions keep (Switzerland's national calendar lacks Easter Monday, which
nearly every canton keeps). For a country the ``holidays`` package does not
know, only weekends.
"""

from collections import Counter
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays
from django.utils import timezone

MAX_DAYS = 60


@lru_cache(maxsize=64)
def _holidays(country):
    try:
        holidays.country_holidays(country)
    except (NotImplementedError, KeyError):
        return None
    return _Calendar(country)


class _Calendar:
    """A country's holidays that hold up deliveries, as a set of days per year."""

    def __init__(self, country):
        self.country = country

    def __contains__(self, day):
        return day in _days_off(self.country, day.year)


@lru_cache(maxsize=256)
def _days_off(country, year):
    national = holidays.country_holidays(country, years=year)
    regions = holidays.country_holidays(country).subdivisions
    kept = Counter()
    for region in regions:
        kept.update(holidays.country_holidays(country, subdiv=region, years=year).keys())
    return frozenset(national) | {day for day, count in kept.items() if 2 * count >= len(regions)}


def is_business_day(day, country=""):
    if day.weekday() >= 5:
        return False
    calendar = _holidays(country.upper()) if country else None
    return calendar is None or day not in calendar


def next_business_day(day, country=""):
    day += timedelta(days=1)
    while not is_business_day(day, country):
        day += timedelta(days=1)
    return day


def add_business_days(day, count, country=""):
    """Return the day ``count`` business days after ``day`` (itself for 0)."""
    for _ in range(min(count, MAX_DAYS)):
        day = next_business_day(day, country)
    return day


def processing_day(ordered_at: datetime, zone: str, cutoff: time | None, country=""):
    """The business day the shop starts on an order placed at ``ordered_at``."""
    local = ordered_at.astimezone(ZoneInfo(zone))
    day = local.date()
    if is_business_day(day, country) and (cutoff is None or local.time() < cutoff):
        return day
    return next_business_day(day, country)


def step_date(ordered_at, zone, cutoff, country, days) -> date:
    return add_business_days(processing_day(ordered_at, zone, cutoff, country), days, country)


def order_start(order, shop):
    """
    The order's processing day and its shipping country. The shop works on
    its own business days (its country's holidays, else the shipping
    country's); the parcel travels on the shipping country's.
    """
    ordered_at = getattr(order, "created_at", None) or timezone.now()
    destination = getattr(order, "shipping_country", "") or ""
    zone = getattr(shop, "timezone", None) or "UTC"
    cutoff = getattr(shop, "order_cutoff", None)
    ships_from = getattr(shop, "country", "") or destination
    return processing_day(ordered_at, zone, cutoff, ships_from), destination
