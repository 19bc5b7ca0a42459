"""Shops (tenants) and their signing secrets."""

import re
import secrets
import zoneinfo
from datetime import time
from decimal import Decimal
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from thankyou.core import caching

MAX_SECRETS = 2

color_validator = RegexValidator(
    r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$", _("Enter a colour such as #1a7f5a.")
)
font_validator = RegexValidator(
    r"^[A-Za-z0-9 ,'\"-]{1,120}$",
    _("Use font names, spaces, commas, quotes and hyphens only."),
)


# Names in the time zone database that are no place: the server's own zone, a placeholder.
NOT_A_PLACE = {"localtime", "Factory"}


def default_order_cutoff():
    """2 pm. A callable: Django warns of a fixed time default for ten seconds
    around that time each day, which failed ``check --deploy``."""
    return time(14, 0)


def timezone_choices():
    return [(name, name) for name in sorted(zoneinfo.available_timezones() - NOT_A_PLACE)]


DEFAULT_PORTS = {"http": 80, "https": 443}


def origin_of(text):
    """
    Return the origin as browsers send it (lower case, punycode, no default
    port, no trailing slash), or None if the text is not an origin.
    """
    parts = urlsplit(text)
    try:
        port = parts.port
        host = parts.hostname.encode("idna").decode("ascii") if parts.hostname else ""
    except (ValueError, UnicodeError):
        return None
    scheme = parts.scheme.lower()
    if (
        scheme not in DEFAULT_PORTS
        or not host
        or parts.path not in {"", "/"}
        or parts.query
        or parts.fragment
        or parts.username
    ):
        return None
    if ":" in host:  # IPv6
        host = f"[{host}]"
    return f"{scheme}://{host}" + (f":{port}" if port not in (None, DEFAULT_PORTS[scheme]) else "")


def validate_origins(value):
    for line in value.split():
        if origin_of(line) is None:
            raise ValidationError(
                _("%(origin)s is not an origin such as https://shop.example."),
                params={"origin": line},
                code="invalid_origin",
            )


SHOPIFY_DOMAIN_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}\.myshopify\.com\Z")


def validate_shopify_domain(value):
    if not SHOPIFY_DOMAIN_RE.match(value):
        raise ValidationError(
            _("Enter the shop's myshopify.com domain, e.g. acme.myshopify.com."),
            code="invalid_shopify_domain",
        )


def validate_registration_url(value):
    parts = urlsplit(value)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise ValidationError(_("Enter an http(s) URL."), code="invalid_url")
    try:
        value.format(order="", expires="", kid="", signature="")
    except (KeyError, IndexError, ValueError):
        raise ValidationError(
            _("Only {order}, {expires}, {kid} and {signature} may appear in braces."),
            code="invalid_placeholder",
        ) from None


class Shop(models.Model):
    """A merchant's shop: identified by a public key, verified by its secrets."""

    name = models.CharField(_("name"), max_length=120)
    key = models.SlugField(
        _("key"),
        max_length=64,
        unique=True,
        help_text=_("Public identifier; the order context's 'iss' claim."),
    )
    allowed_origins = models.TextField(
        _("allowed origins"),
        blank=True,
        validators=[validate_origins],
        help_text=_("One origin per line, e.g. https://shop.example. Used for CORS."),
    )
    timezone = models.CharField(
        _("time zone"), max_length=64, default="Europe/Berlin", choices=timezone_choices
    )
    default_locale = models.CharField(
        _("default language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default="de",
    )
    country = models.CharField(
        _("ships from"),
        max_length=2,
        blank=True,
        validators=[RegexValidator(r"^[A-Z]{2}\Z", _("Two capital letters, e.g. DE."))],
        help_text=_(
            "The country the shop works in (e.g. DE): its public holidays are not processing "
            "days. Empty: the shipping country's."
        ),
    )
    order_cutoff = models.TimeField(
        _("daily order cut-off"),
        null=True,
        blank=True,
        default=default_order_cutoff,
        help_text=_(
            "Orders placed after this time (in the shop's time zone) are processed the "
            "next business day. Empty: every order the same day."
        ),
    )
    delivery_days = models.PositiveSmallIntegerField(
        _("delivery time (business days)"),
        default=2,
        validators=[MaxValueValidator(30)],
        help_text=_(
            "Business days from processing to delivery: the {delivery_date} placeholder "
            "in texts shows the date this many business days after the processing day."
        ),
    )
    score_orders_per_year = models.PositiveSmallIntegerField(
        _("orders per year for a full frequency score"),
        default=6,
        validators=[MinValueValidator(1)],
        help_text=_("Half of the customer score (50 points) comes from orders per year."),
    )
    score_lifetime_value = models.DecimalField(
        _("money spent for a full value score"),
        max_digits=12,
        decimal_places=2,
        default=Decimal("1000"),
        validators=[MinValueValidator(Decimal("1"))],
        help_text=_(
            "The other half (50 points) comes from the total a customer has spent, "
            "in the shop's currency."
        ),
    )
    color_primary = models.CharField(
        _("primary colour"), max_length=7, default="#1a7f5a", validators=[color_validator]
    )
    color_text = models.CharField(
        _("text colour"), max_length=7, default="#1f2328", validators=[color_validator]
    )
    color_background = models.CharField(
        _("background colour"),
        max_length=7,
        default="#ffffff",
        validators=[color_validator],
    )
    font_family = models.CharField(
        _("font"),
        max_length=120,
        default="system-ui, sans-serif",
        validators=[font_validator],
    )
    corner_radius = models.PositiveSmallIntegerField(_("corner radius (px)"), default=8)
    registration_url = models.CharField(
        _("registration URL"),
        max_length=500,
        blank=True,
        validators=[validate_registration_url],
        help_text=_(
            "Where the account prompt sends guests, e.g. https://shop.example/register"
            "?order={order}&expires={expires}&kid={kid}&signature={signature}. Without "
            "placeholders these parameters are appended. Verify the signature with the "
            "shop's signing secret (see the README)."
        ),
    )
    retention_days = models.PositiveIntegerField(
        _("keep personal data (days)"),
        default=365,
        validators=[MinValueValidator(1)],
        help_text=_(
            "Newsletter sign-ups, free-text answers and webhook payloads older than this "
            "are deleted by the purge_personal_data command."
        ),
    )
    email_open_tracking = models.BooleanField(
        _("count e-mail opens"),
        default=False,
        help_text=_(
            "Adds an invisible image (1 by 1 pixel) to the confirmation e-mail's part, so "
            "that opened e-mails are counted (once per order) in the analytics. It names no "
            "customer, but tells us when the e-mail was opened: mention it in your privacy "
            "notice."
        ),
    )
    # A Shopify shop: its checkout UI extension calls the server with a session
    # token signed with the app's secret; the order's facts come from the Admin API.
    shopify_domain = models.CharField(
        _("Shopify domain"),
        max_length=80,
        blank=True,
        validators=[validate_shopify_domain],
        help_text=_("For a Shopify shop: its myshopify.com domain, e.g. acme.myshopify.com."),
    )
    shopify_client_id = models.CharField(
        _("Shopify app's client ID"),
        max_length=64,
        blank=True,
        help_text=_("The API key (client ID) of the app that holds the thank-you page extension."),
    )
    shopify_client_secret = models.CharField(
        _("Shopify app's client secret"), max_length=128, blank=True
    )
    shopify_access_token = models.CharField(
        _("Shopify Admin API access token"), max_length=128, blank=True
    )

    root_page = models.OneToOneField(
        "wagtailcore.Page",
        verbose_name=_("page tree"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    collection = models.OneToOneField(
        "wagtailcore.Collection",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    editors = models.OneToOneField(
        Group,
        verbose_name=_("editors group"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="edited_shop",
    )
    owners = models.OneToOneField(
        Group,
        verbose_name=_("owners group"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="owned_shop",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("shop")
        verbose_name_plural = _("shops")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["shopify_domain"],
                condition=~models.Q(shopify_domain=""),
                name="unique_shopify_domain",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def on_shopify(self):
        """Whether the shop is connected to Shopify (domain, app and Admin API access)."""
        return all(
            (
                self.shopify_domain,
                self.shopify_client_id,
                self.shopify_client_secret,
                self.shopify_access_token,
            )
        )

    @cached_property
    def origins(self):
        return frozenset(filter(None, map(origin_of, self.allowed_origins.split())))

    def allows_origin(self, origin):
        # Shopify runs checkout extensions on an origin it may change without
        # notice; their requests carry the shop's session token or our action token.
        return origin in self.origins or self.on_shopify

    def theme_css(self):
        """Return the shop's branding as CSS custom properties on the host."""
        return (
            ":host{"
            f"--ty-primary:{self.color_primary};"
            f"--ty-text:{self.color_text};"
            f"--ty-bg:{self.color_background};"
            f"--ty-font:{self.font_family};"
            f"--ty-radius:{int(self.corner_radius)}px"
            "}"
        )

    def is_owner(self, user):
        return user.is_superuser or (
            self.owners_id is not None and user.groups.filter(pk=self.owners_id).exists()
        )


def cached_shop(key, generation):
    """Return the shop with this key and its secrets (cached per generation)."""
    return (
        caching.shared(
            f"ty:shop:{key}:{generation}",
            lambda: Shop.objects.prefetch_related("secrets").filter(key=key).first() or _NO_SHOP,
            3600,
        )
        or None
    )


def forget_shop(shop):
    """Start a new generation: the shop's cached data and pages are renewed."""
    caching.new_generation(shop.key)
    caching.new_generation(caching.EVERY_SHOP)  # e.g. the origins of all shops


class _NoShop:
    """Cached answer for a key no shop has (None would mean "not cached")."""

    def __bool__(self):
        return False


_NO_SHOP = _NoShop()


def new_kid():
    return secrets.token_hex(4)


def new_secret():
    return secrets.token_hex(32)  # 256 bits


class ShopSecret(models.Model):
    """A signing secret; a shop holds at most two at once, for rotation."""

    shop = models.ForeignKey(Shop, on_delete=models.CASCADE, related_name="secrets")
    kid = models.CharField(_("key id"), max_length=16, default=new_kid)
    secret = models.CharField(max_length=128, default=new_secret, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("signing secret")
        verbose_name_plural = _("signing secrets")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["shop", "kid"], name="unique_kid_per_shop"),
        ]

    def __str__(self):
        return f"{self.shop.key}/{self.kid}"

    def clean(self):
        if not re.fullmatch(r"[A-Za-z0-9_-]{1,16}", self.kid or ""):
            raise ValidationError({"kid": _("Use letters, digits, - and _ only.")})
        others = ShopSecret.objects.filter(shop_id=self.shop_id).exclude(pk=self.pk)
        if others.count() >= MAX_SECRETS:
            raise ValidationError(
                _("A shop holds at most two secrets; revoke the older one first.")
            )


def new_hash_key():
    return secrets.token_hex(32)


class HashKey(models.Model):
    """The day's random key for IP hashes; deleted after a while, so old hashes
    cannot be reversed even with SECRET_KEY."""

    day = models.DateField(unique=True)
    secret = models.CharField(max_length=64, default=new_hash_key)

    def __str__(self):
        return str(self.day)


class Generation(models.Model):
    """
    The current generations of a shop's cached data and of its set of live
    pages (``thankyou.core.caching``); the key "*" is every shop's at once.
    Kept in the database, so every process sees a change once committed,
    whatever became of the cache meanwhile.
    """

    key = models.CharField(max_length=64, primary_key=True)
    data = models.BigIntegerField(default=0)
    pages = models.BigIntegerField(default=0)

    def __str__(self):
        return self.key
