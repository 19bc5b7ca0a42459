"""
Secrets in the admin: shown in full once, right after they are made, masked
afterwards.

The view that makes a secret marks it in the session (its id only, never the
secret); the next page that shows it shows it in full and forgets the mark.
Whoever missed it makes a new one.
"""

SESSION_KEY = "thankyou.secrets_to_reveal"


def _key(obj):
    return f"{obj._meta.label_lower}:{obj.pk}"


def reveal_once(request, obj):
    """Let the next page that shows this object's secret show it in full."""
    request.session[SESSION_KEY] = [*request.session.get(SESSION_KEY, []), _key(obj)]


def take_reveal(request, obj):
    """Whether to show this object's secret in full now; True once after ``reveal_once``."""
    marked = request.session.get(SESSION_KEY, []) if request is not None else []
    if _key(obj) not in marked:
        return False
    request.session[SESSION_KEY] = [key for key in marked if key != _key(obj)]
    return True


def masked(secret):
    """Enough of a secret to tell two apart, nothing to sign with."""
    return "•" * 12 + secret[-4:]
