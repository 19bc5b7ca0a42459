from .pages import ShopRootPage, ThankYouPage
from .shop import Shop, ShopSecret
from .targeting import SampleCustomer, Segment

__all__ = ["SampleCustomer", "Segment", "Shop", "ShopRootPage", "ShopSecret", "ThankYouPage"]
