"""
Every model of the app, for Django to find.

Each model lives with its concern (``thankyou.core.models``,
``thankyou.pages.models``, ...); code inside the package imports it from
there, never from here, so that this module's imports do not tie the layers
together.
"""

from thankyou.analytics.models import ABTest, DailyCount, Event, EventType, OrderSeen, RollupState
from thankyou.blocks.models import (
    BlockAnswer,
    GiftCode,
    GiftPool,
    Interaction,
    NewsletterSignup,
    QuizAnswer,
    QuizTally,
    SurveyAnswer,
)
from thankyou.blocks.referrals import ReferralCode, ReferralConversion
from thankyou.core.models import HashKey, Shop, ShopSecret
from thankyou.media.models import ImageWork
from thankyou.pages.models import HostedOrder, ShopRootPage, ThankYouPage, ThankYouPageVariant
from thankyou.targeting.models import SampleCustomer, Segment
from thankyou.webhooks.models import WebhookAttempt, WebhookDelivery, WebhookSubscription

__all__ = [
    "ABTest",
    "BlockAnswer",
    "DailyCount",
    "Event",
    "EventType",
    "GiftCode",
    "GiftPool",
    "HashKey",
    "HostedOrder",
    "ImageWork",
    "Interaction",
    "NewsletterSignup",
    "OrderSeen",
    "QuizAnswer",
    "QuizTally",
    "ReferralCode",
    "ReferralConversion",
    "RollupState",
    "SampleCustomer",
    "Segment",
    "Shop",
    "ShopRootPage",
    "ShopSecret",
    "SurveyAnswer",
    "ThankYouPage",
    "ThankYouPageVariant",
    "WebhookAttempt",
    "WebhookDelivery",
    "WebhookSubscription",
]
