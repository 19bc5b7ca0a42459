"""
A/B tests at render time: which arm of a running test an order sees.

Assignment is computed, never stored: a keyed hash of the shop, the test,
the order's test flag and its id picks a point in [0, 1), and the arms'
weights divide that interval. The same order therefore always sees the same
variant, and the split follows the weights.
"""

import hashlib
import hmac
from dataclasses import dataclass, replace
from functools import lru_cache

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from thankyou.analytics.models import ABTest
from thankyou.core import caching


@dataclass(frozen=True)
class Arm:
    label: str  # what events carry: "<test id>-<arm key>"
    weight: int
    prepared: object  # the PreparedPage of this arm's body; None if the variant is gone


@lru_cache(maxsize=4)
def _key(secret_key):
    return hashlib.sha256(b"thankyou.variants|" + secret_key.encode()).digest()


def bucket(shop_key, test_id, is_test, order_id):
    """The order's point in [0, 1) for this test (keyed: not guessable from outside)."""
    message = f"{shop_key}\x00{test_id}\x00{int(bool(is_test))}\x00{order_id}".encode()
    digest = hmac.new(_key(settings.SECRET_KEY), message, hashlib.sha256).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def pick(arms, point):
    """The arm whose share of [0, 1) holds the point (weights need not sum to 100)."""
    total = sum(arm.weight for arm in arms)
    edge = 0
    for arm in arms:
        edge += arm.weight
        if point * total < edge:
            return arm
    return arms[-1]


def with_arms(prepared, prepare_body):
    """Attach the running test's arms to a prepared page (done once per cached page)."""
    test = ABTest.objects.filter(page_id=prepared.page.pk, ended_at=None).first()
    if test is None:
        return prepared
    bodies = {variant.key: variant.body for variant in prepared.page.variants.all()}
    arms = []
    for arm in test.arms:
        if not arm["variant"]:
            arm_page = prepared
        elif arm["variant"] in bodies:
            arm_page = prepare_body(bodies[arm["variant"]])
        else:
            arm_page = None
        arms.append(Arm(test.label(arm["key"]), int(arm["weight"]), arm_page))
    arms = [arm for arm in arms if arm.weight > 0]
    return replace(prepared, test_id=test.pk, arms=tuple(arms)) if arms else prepared


def choose(context, prepared):
    """Return (prepared page of the order's arm, variant label)."""
    if not prepared.arms:
        return prepared, ""
    point = bucket(context.shop.key, prepared.test_id, context.test, context.order.id)
    arm = pick(prepared.arms, point)
    if arm.prepared is None:  # its variant was deleted mid-test: original, not counted
        return prepared, ""
    return arm.prepared, arm.label


def body_shown(page, label):
    """The body an order with this variant label was shown: its arm's variant, else the page's."""
    test_id, _dash, arm_key = label.partition("-")
    test = ABTest.objects.filter(pk=test_id, page_id=page.pk).first() if test_id.isdigit() else None
    arm = next((arm for arm in test.arms if arm["key"] == arm_key), None) if test else None
    if arm and arm["variant"]:
        for variant in page.variants.all():
            if variant.key == arm["variant"]:
                return variant.body
    return page.body


def arms_of(page):
    """The arms a new test of the page would have: the original and each variant."""
    variants = list(page.variants.all())
    others = sum(variant.weight for variant in variants)
    arms = [{"key": "A", "variant": "", "name": "", "weight": max(0, 100 - others)}]
    for index, variant in enumerate(variants, start=1):
        arms.append(
            {
                "key": chr(ord("A") + index),
                "variant": variant.key,
                "name": variant.name,
                "weight": variant.weight,
            }
        )
    return arms


def _renew(shop_key):
    """New cached pages for the shop, now and again once committed (no stale copy)."""
    caching.new_generation(shop_key)
    transaction.on_commit(lambda: caching.new_generation(shop_key))


@transaction.atomic
def start(page, *, goal, baseline, effect, sample_size, user=None):
    test = ABTest.objects.create(
        shop_id=page.shop_id,
        page=page,
        goal=goal,
        arms=arms_of(page),
        baseline=baseline,
        effect=effect,
        sample_size=sample_size,
        started_by=user,
    )
    _renew(page.shop.key)
    return test


@transaction.atomic
def end(test, *, winner="", user=None):
    """
    End the test; promote the winning arm's body to the page's body.

    The page is published as a new revision without variants, so the winner
    is what every order sees from now on. Ending without a winner (or with
    the original, or with a variant deleted during the test) keeps the
    original and drops the variants.
    """
    page = test.page.specific
    arm = next((arm for arm in test.arms if arm["key"] == winner), None)
    variants = {variant.key: variant for variant in page.variants.all()}
    if arm is not None and arm["variant"] in variants:
        page.body = variants[arm["variant"]].body
    elif arm is not None and arm["variant"]:  # deleted during the test: the original stays
        arm = None
    page.variants = []
    page.save_revision(user=user, log_action=True).publish(user=user)
    test.ended_at = timezone.now()
    test.winner = arm["key"] if arm else ""
    test.save(update_fields=["ended_at", "winner"])
    _renew(page.shop.key)
    return test
