"""The standard segment conditions, registered through the same hook as an app's."""

from wagtail import hooks

from thankyou.targeting.conditions import STANDARD_CONDITIONS


@hooks.register("register_segment_conditions")
def register_standard_conditions():
    return STANDARD_CONDITIONS
