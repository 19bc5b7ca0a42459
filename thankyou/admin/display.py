"""
How the admin's listings and details show a row's values: times in the row's
shop's time zone, named, in the language's one date format; nothing for an
empty value (never "None").
"""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.utils.formats import date_format
from django.utils.timezone import get_current_timezone, localtime
from wagtail.admin.ui.tables import Column, TitleColumn


def shop_time(value, shop=None):
    """``value`` in the shop's time zone, e.g. "Dec. 24, 2026, 10:30 a.m. (Europe/Berlin)"."""
    zone = ZoneInfo(shop.timezone) if shop is not None else get_current_timezone()
    return f"{date_format(localtime(value, zone), 'DATETIME_FORMAT')} ({zone.key})"


def shown(value, shop=None):
    """What a cell shows for ``value`` of a row of ``shop``."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return shop_time(value, shop)
    return value


class ShownColumnMixin:
    def get_value(self, instance):
        return shown(super().get_value(instance), getattr(instance, "shop", None))


class ShownColumn(ShownColumnMixin, Column):
    pass


class ShownTitleColumn(ShownColumnMixin, TitleColumn):
    pass
