from .base import ThankYouBlock

__all__ = ["ThankYouBlock"]
