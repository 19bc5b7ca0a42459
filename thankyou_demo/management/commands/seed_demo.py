"""Create the demo shop, its thank-you pages and logins; safe to run again."""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.models import Locale, Page, Site

from thankyou.analytics import ab_testing, stats
from thankyou.analytics.models import ABTest
from thankyou.blocks.models import GiftCode
from thankyou.core.models import Shop
from thankyou.media import work as image_work
from thankyou.pages.models import ShopRootPage, ThankYouPage, ThankYouPageVariant
from thankyou.pages.shops import setup_shop
from thankyou.targeting.models import SampleCustomer, Segment
from thankyou.targeting.visibility import rules_for
from thankyou.webhooks.events import event_choices
from thankyou.webhooks.models import WebhookSubscription
from thankyou_demo.content import (
    LANGUAGES,
    SAMPLE_CUSTOMER,
    SEGMENTS,
    TEXTS,
    body,
    demo_assets,
    vip_body,
)
from thankyou_demo.views import DEMO_RECEIVER, DEMO_REGISTRATION

DEMO_GIFT_CODES = 50
DEMO_WEBHOOK = "Demo receiver (/demo/webhook-receiver/)"
DEMO_ORIGINS = "http://127.0.0.1:8000\nhttp://localhost:8000"
LOGINS = [
    # username, password, role, what they can do, name (the account form requires one)
    ("admin", "thankyou-admin", None, "superuser: everything", ("Ada", "Admin")),
    (
        "owner",
        "thankyou-demo",
        "owners",
        "the demo shop's pages, settings and secrets",
        ("Olga", "Inhaberin"),
    ),
    (
        "editor",
        "thankyou-demo",
        "editors",
        "the demo shop's pages and media",
        ("Erik", "Redakteur"),
    ),
]


class Command(BaseCommand):
    help = "Create the demo shop 'demo' with thank-you pages and demo logins."

    @transaction.atomic
    def handle(self, *args, **options):
        shop, _created = Shop.objects.get_or_create(
            key="demo",
            defaults={
                "name": "Bohnenglück Kaffeerösterei",
                "allowed_origins": DEMO_ORIGINS,
                "timezone": "Europe/Berlin",
                "country": "DE",
                "default_locale": "de",
                "color_primary": "#8a4b22",
                "color_text": "#2b211c",
                "color_background": "#fffdf9",
                "font_family": "system-ui, sans-serif",
                "corner_radius": 10,
            },
        )
        setup_shop(shop)
        self._retire_welcome_page()
        segments = self._seed_segments(shop)
        self._seed_pages(shop, segments)
        self._seed_ab_test(shop)
        self._seed_interactions(shop)
        image_work.drive()  # the demo's images, made now: it shows them before a worker runs
        logins = self._seed_logins(shop)
        secret = shop.secrets.order_by("-created_at", "-pk").first()

        self.stdout.write(self.style.SUCCESS("Demo shop ready (for trying things out only)."))
        self.stdout.write(f"  Demo page:      {settings.PUBLIC_URL}/demo/")
        self.stdout.write(f"  Editor:         {settings.PUBLIC_URL}/cms/")
        self.stdout.write(f"  Webhook log:    {settings.PUBLIC_URL}{DEMO_RECEIVER}")
        self.stdout.write(f"  Shop key (iss): {shop.key}")
        self.stdout.write(f"  Signing secret: {secret.secret}  (kid {secret.kid})")
        for username, password, description in logins:
            self.stdout.write(f"  Login:          {username} / {password}  ({description})")

    def _retire_welcome_page(self):
        """Point the default site at the tree root and drop Wagtail's sample page; the
        dashboard names the site (no customer visits it): the product, not "localhost"."""
        root = Page.get_first_root_node()
        Site.objects.filter(is_default_site=True).exclude(root_page=root).update(root_page=root)
        Site.objects.filter(is_default_site=True, site_name="").update(
            site_name=settings.WAGTAIL_SITE_NAME
        )
        for page in Page.objects.filter(depth=2, content_type__model="page", numchild=0):
            page.delete()

    def _seed_segments(self, shop):
        segments = {}
        # Demos seeded before English names existed get them too (update).
        for key, ((name, name_en), match, conditions) in SEGMENTS.items():
            segments[key], _created = Segment.objects.get_or_create(
                shop=shop, name=name, defaults={"match": match, "conditions": conditions}
            )
            Segment.objects.filter(pk=segments[key].pk, name_en="").update(name_en=name_en)
        sample, _created = SampleCustomer.objects.get_or_create(
            shop=shop, name=SAMPLE_CUSTOMER["name"], defaults=SAMPLE_CUSTOMER
        )
        SampleCustomer.objects.filter(pk=sample.pk, name_en="").update(
            name_en=SAMPLE_CUSTOMER["name_en"]
        )
        return segments

    def _seed_pages(self, shop, segments):
        """
        A default page and a page for VIPs, each in every language. A page
        whose blocks or targeting differ from the demo's gets the demo content,
        unless someone edited it in the editor: seeding runs on every `make run`.
        """
        assets = demo_assets(shop.collection)
        default_locale = Locale.objects.get(language_code=shop.default_locale)
        root = ShopRootPage.objects.get(shop=shop, locale=default_locale)
        # The default page offers its calls to action one after another (each
        # follows when the one before is done or dismissed), so a guest can try
        # them all; the VIP page keeps to one.
        for make_body, segment, title_key, priority, cta_limit in (
            (body, None, "title", 50, 5),
            (vip_body, segments["vip"], "vip_title", 80, 1),
        ):
            pages = ThankYouPage.objects.filter(shop=shop, segment=segment)
            page = pages.filter(locale=default_locale).first()
            if page is None:
                page = root.add_child(
                    instance=ThankYouPage(
                        title=TEXTS[shop.default_locale][title_key],
                        segment=segment,
                        priority=priority,
                        cta_limit=cta_limit,
                        body=make_body(shop.default_locale, assets, segments),
                    )
                )
                page.save_revision().publish()
            for language in LANGUAGES:
                locale = Locale.objects.get(language_code=language)
                translated = pages.filter(locale=locale).first()
                if translated is None:
                    translated = page.copy_for_translation(locale)
                content = make_body(language, assets, segments)
                if translated.revisions.exclude(user=None).exists():
                    continue
                if (
                    not translated.live
                    or _outline(translated.body) != _outline(content)
                    or translated.cta_limit != cta_limit
                ):
                    translated.title = TEXTS[language][title_key]
                    translated.body = content
                    translated.cta_limit = cta_limit
                    translated.save_revision().publish()

    def _seed_ab_test(self, shop):
        """An A/B test on the default page: does showing the tips PDF first get it read?"""
        page = ThankYouPage.objects.filter(
            shop=shop, segment=None, locale__language_code=shop.default_locale
        ).first()
        if page is None or ABTest.objects.filter(page=page).exists():
            return
        original = list(page.body.raw_data)
        tips = [child for child in original if child["type"] == "tips"]
        rest = [child for child in original if child["type"] != "tips"]
        name = "Tipps zuerst" if shop.default_locale == "de" else "Tips first"
        page.variants = [ThankYouPageVariant(name=name, weight=50, body=rest[:1] + tips + rest[1:])]
        page.save_revision().publish()
        ab_testing.start(
            page, goal="download", baseline=20, effect=10, sample_size=stats.sample_size(0.2, 0.1)
        )

    def _seed_interactions(self, shop):
        """A gift code pool, the registration link, a webhook to the demo receiver."""
        registration = settings.PUBLIC_URL + DEMO_REGISTRATION
        if shop.registration_url != registration:
            shop.registration_url = registration
            shop.save(update_fields=["registration_url"])
        if not GiftCode.objects.filter(shop=shop).exists():
            GiftCode.objects.bulk_create(
                GiftCode(shop=shop, code=f"BOHNE-{secrets.token_hex(3).upper()}")
                for _ in range(DEMO_GIFT_CODES)
            )
        subscription, _created = WebhookSubscription.objects.get_or_create(
            shop=shop, description=DEMO_WEBHOOK
        )
        # Every event, designers' blocks' included; none the merchant chose is dropped.
        events = [event for event, _label in event_choices()]
        subscription.events = list(dict.fromkeys([*subscription.events, *events]))
        subscription.url = settings.PUBLIC_URL + DEMO_RECEIVER
        subscription.active = True
        subscription.save()

    def _seed_logins(self, shop):
        User = get_user_model()
        logins = []
        for username, password, role, description, (first_name, last_name) in LOGINS:
            user, created = User.objects.get_or_create(
                username=username,
                defaults={
                    "email": f"{username}@example.com",
                    "first_name": first_name,
                    "last_name": last_name,
                },
            )
            if created:
                user.set_password(password)
                user.is_superuser = user.is_staff = role is None
                user.save()
            if role:
                user.groups.add(getattr(shop, role))
            logins.append(
                (
                    username,
                    password if created else password + " (if unchanged)",
                    description,
                )
            )
        return logins


def _outline(body):
    """Blocks and their targeting: what the demo checks a page still has."""
    if isinstance(body, list):
        body = ThankYouPage._meta.get_field("body").stream_block.normalize(body)
    return [(rule.type, rule.segments, rule.priority) for rule in rules_for(body)]
