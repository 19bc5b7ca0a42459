"""Fill a customer's first name into merchant text, escaped by the template."""

import re

PLACEHOLDER = "{first_name}"
_DANGLING = re.compile(r"\s+([,.!?])")


def personalise(text, customer):
    """Replace ``{first_name}``; without a name, drop it and tidy the spaces."""
    name = getattr(customer, "first_name", "") or ""
    text = text.replace(PLACEHOLDER, name)
    return text if name else _DANGLING.sub(r"\1", " ".join(text.split()))
