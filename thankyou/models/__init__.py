from .ab_tests import ABTest, ThankYouPageVariant
from .analytics import DailyCount, Event, EventType, OrderSeen, RollupState
from .pages import ShopRootPage, ThankYouPage
from .shop import Shop, ShopSecret
from .targeting import SampleCustomer, Segment

__all__ = [
    "ABTest",
    "DailyCount",
    "Event",
    "EventType",
    "OrderSeen",
    "RollupState",
    "SampleCustomer",
    "Segment",
    "Shop",
    "ShopRootPage",
    "ShopSecret",
    "ThankYouPage",
    "ThankYouPageVariant",
]
