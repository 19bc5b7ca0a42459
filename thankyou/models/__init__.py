from .ab_tests import ABTest, ThankYouPageVariant
from .analytics import DailyCount, Event, EventType, OrderSeen, RollupState
from .image_work import ImageWork
from .interactions import (
    BlockAnswer,
    GiftCode,
    GiftPool,
    HashKey,
    Interaction,
    NewsletterSignup,
    QuizAnswer,
    QuizTally,
    SurveyAnswer,
)
from .pages import ShopRootPage, ThankYouPage
from .shop import Shop, ShopSecret
from .targeting import SampleCustomer, Segment
from .webhooks import WebhookAttempt, WebhookDelivery, WebhookSubscription

__all__ = [
    "ABTest",
    "BlockAnswer",
    "DailyCount",
    "Event",
    "EventType",
    "GiftCode",
    "GiftPool",
    "HashKey",
    "ImageWork",
    "Interaction",
    "NewsletterSignup",
    "OrderSeen",
    "QuizAnswer",
    "QuizTally",
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
