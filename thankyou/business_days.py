"""
Business-day arithmetic for delivery estimates.

An order is taken into processing on its own day if that is a business day
and it came in before the shop's daily cut-off (in the shop's time zone),
else on the next business day. A step "n business days" later falls n
business days after that processing day. Business days skip weekends and the
public holidays of the shipping country; for a country the ``holidays``
package does not know, only weekends.
"""

from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

MAX_DAYS = 60


@lru_cache(maxsize=64)
def _holidays(country):
    try:
        return holidays.country_holidays(country)
    except (NotImplementedError, KeyError):
        return None


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
