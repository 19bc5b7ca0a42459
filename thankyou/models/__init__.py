from .pages import ShopRootPage, ThankYouPage
from .shop import Shop, ShopSecret

__all__ = ["Shop", "ShopRootPage", "ShopSecret", "ThankYouPage"]
