"""
The rules of public input, written once.

The order token's claims are checked by ``claims.py`` (every render, so
without DRF's per-instance cost: docs/performance.md), event batches by
``analytics/events.py``, request bodies by DRF serializers. All of them take
their patterns and messages from here. Patterns are anchored with ``^…$``
for the OpenAPI schema and the embed; Python code matches them with
``fullmatch`` (where ``$`` alone would admit a trailing newline).
"""

import re

from babel.numbers import list_currencies
from django.utils.translation import gettext_lazy as _

# A key in a URL or an HTML attribute: a block's id, a referral code, a shop key.
KEY_MAX_LENGTH = 64
KEY_PATTERN = rf"^[A-Za-z0-9_-]{{1,{KEY_MAX_LENGTH}}}$"
BLOCK_ID_PATTERN = KEY_PATTERN
REFERRAL_PATTERN = KEY_PATTERN
REFERRAL_MESSAGE = _("Up to 64 letters, digits, - and _ (the code of a referral link).")

# A choice's key in an event (an answer's question and option), never free text.
DETAIL_PATTERN = r"^[A-Za-z0-9_.:-]{1,64}$"
DETAIL_MESSAGE = _("Up to 64 letters, digits and . _ : - (a choice's key, never free text).")

# A non-negative amount as a decimal string; Event.total and the claims hold it.
AMOUNT_PATTERN = r"^\d{1,12}(?:\.\d{1,4})?$"
AMOUNT_MESSAGE = _('Must be a decimal string such as "129.90".')

# Lengths that stored answers must hold as the claims and bodies allow them.
ORDER_ID_MAX_LENGTH = 100
EMAIL_MAX_LENGTH = 254  # RFC 5321's limit on a path

LOCALE_PATTERN = r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8}){0,3}$"
LOCALE_MESSAGE = _("Must be a locale such as de-DE.")
COUNTRY_PATTERN = r"^[A-Za-z]{2}$"
COUNTRY_MESSAGE = _("Must be an ISO 3166 country code such as DE.")
CHANNEL_PATTERN = r"^(embed|hosted)$"
CHANNEL_MESSAGE = _("Must be embed or hosted.")
CURRENCIES = frozenset(list_currencies())
CURRENCY_MESSAGE = _("Must be an ISO 4217 code such as EUR.")


def matcher(pattern):
    """The function telling whether a whole string matches `pattern`."""
    return re.compile(pattern).fullmatch
