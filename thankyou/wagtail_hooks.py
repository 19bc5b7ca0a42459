"""
Wagtail loads this module of each app. The standard blocks and segment
conditions register through the same hooks as a designer's app; the admin
adds its views.
"""

from thankyou.admin import wagtail_hooks as admin  # noqa: F401
from thankyou.blocks import wagtail_hooks as blocks  # noqa: F401
from thankyou.targeting import wagtail_hooks as targeting  # noqa: F401
