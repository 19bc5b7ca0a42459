"""The standard blocks, registered through the same hook as a designer's."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from thankyou.blocks.account_prompt import AccountPromptBlock
from thankyou.blocks.general import HeadingBlock, TextBlock
from thankyou.blocks.gift import GiftBlock
from thankyou.blocks.gift_code import GiftCodeBlock
from thankyou.blocks.image import ImageBlock
from thankyou.blocks.interactive import designer_blocks
from thankyou.blocks.newsletter_prompt import NewsletterPromptBlock
from thankyou.blocks.next_steps import NextStepsBlock
from thankyou.blocks.note import NoteBlock
from thankyou.blocks.packing_steps import PackingStepsBlock
from thankyou.blocks.quiz import QuizBlock
from thankyou.blocks.referral import ReferralBlock, ReferredCondition
from thankyou.blocks.referrals import EVENT as REFERRAL_EVENT
from thankyou.blocks.referrals import observe as record_referrals
from thankyou.blocks.survey import SurveyBlock
from thankyou.blocks.tips import TipsBlock
from thankyou.blocks.video import VideoBlock
from thankyou.webhooks.models import EVENTS


@hooks.register("register_thankyou_blocks")
def register_standard_blocks():
    return [
        ("heading", HeadingBlock()),
        ("text", TextBlock()),
        ("image", ImageBlock()),
        ("note", NoteBlock()),
        ("video", VideoBlock()),
        ("packing_steps", PackingStepsBlock()),
        ("next_steps", NextStepsBlock()),
        ("gift", GiftBlock()),
        ("tips", TipsBlock()),
        ("account_prompt", AccountPromptBlock()),
        ("newsletter_prompt", NewsletterPromptBlock()),
        ("quiz", QuizBlock()),
        ("survey", SurveyBlock()),
        ("gift_code", GiftCodeBlock()),
        ("referral", ReferralBlock()),
    ]


@hooks.register("register_webhook_events")
def register_answer_events():
    """The core's events, then the answers to designers' blocks (``<action>.answered``)."""
    own = [
        (f"{block.meta.action}.answered", _("Answer: %(block)s") % {"block": block.meta.label})
        for block in designer_blocks()
    ]
    return [*EVENTS, (REFERRAL_EVENT, _("Referral converted")), *own]


hooks.register("after_thankyou_render", record_referrals)


@hooks.register("register_segment_conditions")
def register_referral_condition():
    return [("referral", ReferredCondition())]
