"""A personal thank-you note from the team, with photo and signature."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from thankyou.blocks.base import ThankYouBlock
from thankyou.blocks.personal import PersonalCharBlock, PersonalTextBlock
from thankyou.blocks.samples import sample_image
from thankyou.media.images import RenditionImageBlock


def preview_value():
    return {
        "greeting": "Hallo {first_name},",
        "message": "danke, dass du bei uns bestellt hast. Wir rösten jede Bohne "
        "in kleinen Mengen in Leipzig und packen jedes Paket von Hand.\n"
        "Wenn etwas nicht passt, schreib mir einfach.",
        "photo": sample_image("portrait"),
        "signature": sample_image("signature"),
        "name": "Marie Keller",
        "role": "Röstmeisterin",
    }


class NoteBlock(ThankYouBlock):
    greeting = PersonalCharBlock(label=_("Greeting"), max_length=80, required=False)
    message = PersonalTextBlock(label=_("Message"), max_length=800)
    photo = RenditionImageBlock(preset="avatar", label=_("Photo"), required=False)
    signature = RenditionImageBlock(
        preset="inline",
        label=_("Signature"),
        required=False,
        help_text=_("A scan of a handwritten signature, ideally a PNG with transparency."),
    )
    name = blocks.CharBlock(label=_("Name"), max_length=80)
    role = blocks.CharBlock(label=_("Role"), max_length=80, required=False)

    class Meta:
        icon = "user"
        label = _("Thank-you note")
        template = "thankyou/blocks/note.html"
        stylesheet = "thankyou/blocks/note.css"
        description = _("A personal note from someone on the team, with photo and signature.")
        preview_translations = {
            "en": {
                "greeting": "Hello {first_name},",
                "message": "thank you for ordering from us. We roast every bean in "
                "small batches in Leipzig and pack every parcel by hand.\n"
                "If anything is not right, just write to me.",
                "role": "Head roaster",
            }
        }
        preview_value = staticmethod(preview_value)
