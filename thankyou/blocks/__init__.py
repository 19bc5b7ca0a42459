from thankyou.blocks.base import ThankYouBlock

__all__ = ["ThankYouBlock"]
