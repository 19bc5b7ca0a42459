"""
A video from the team: an uploaded file, or YouTube/Vimeo behind a facade.

Privacy by default: for YouTube and Vimeo the page shows our poster and a
play link; nothing is requested from the provider until the customer
clicks play (the block's script then loads the privacy-enhanced player).
Without JavaScript the link opens the video on the provider's site.
"""

import re
from urllib.parse import parse_qs, urlencode, urlsplit

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from thankyou.blocks.base import ThankYouBlock
from thankyou.blocks.choosers import CAPTIONS, VIDEO, DocumentOfTypeBlock
from thankyou.blocks.samples import sample_image
from thankyou.blocks.shapes import schema_field
from thankyou.core.html import absolute
from thankyou.media.downloads import MEDIA, document_url
from thankyou.media.images import RenditionImageBlock, picture_for

YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}\Z")
YOUTUBE_HOSTS = {"youtube.com", "m.youtube.com", "youtube-nocookie.com"}
PROVIDERS = {"youtube": "YouTube", "vimeo": "Vimeo"}
FACADE_STYLESHEET = "thankyou/blocks/video_facade.css"
FACADE_SCRIPT = "thankyou/blocks/facade.js"


def parse_video_url(url):
    """Return (provider, video id, Vimeo hash) for a YouTube or Vimeo URL, else None."""
    parts = urlsplit(url or "")
    host = (parts.hostname or "").removeprefix("www.")
    path = [segment for segment in parts.path.split("/") if segment]
    if parts.scheme not in ("http", "https"):
        return None
    video_id = None
    if host == "youtu.be" and path:
        video_id = path[0]
    elif host in YOUTUBE_HOSTS:
        if path == ["watch"]:
            video_id = parse_qs(parts.query).get("v", [""])[0]
        elif len(path) >= 2 and path[0] in ("embed", "shorts", "live"):
            video_id = path[1]
    if video_id is not None:
        return ("youtube", video_id, "") if YOUTUBE_ID.match(video_id) else None
    if host == "player.vimeo.com" and len(path) >= 2 and path[0] == "video":
        path = path[1:]
        private = parse_qs(parts.query).get("h", [""])[0]
    elif host == "vimeo.com" and path:
        private = path[1] if len(path) > 1 else ""
    else:
        return None
    if path[0].isdigit() and re.fullmatch(r"[0-9a-f]*", private):
        return "vimeo", path[0], private
    return None


def provider_urls(url, language, captions):
    """The privacy-enhanced player URL and the provider's own page for a video."""
    provider, video_id, private = parse_video_url(url)
    if provider == "youtube":
        query = {"autoplay": 1, "rel": 0, "hl": language, "cc_lang_pref": language}
        if captions:
            query["cc_load_policy"] = 1
        return (
            f"https://www.youtube-nocookie.com/embed/{video_id}?{urlencode(query)}",
            f"https://www.youtube.com/watch?v={video_id}",
        )
    query = {"autoplay": 1, "dnt": 1, **({"h": private} if private else {})}
    if captions:
        query["texttrack"] = language
    return (
        f"https://player.vimeo.com/video/{video_id}?{urlencode(query)}",
        f"https://vimeo.com/{video_id}" + (f"/{private}" if private else ""),
    )


def preview_value():
    return {
        "title": "Ein Gruß aus unserer Rösterei",
        "url": "https://www.youtube.com/watch?v=M7lc1UVf-VE",
        "poster": sample_image("roastery"),
        "captions_on": True,
        "caption": "Marie zeigt dir, wie deine Bohnen geröstet werden (1:40).",
    }


def _url(help_text):
    return serializers.URLField(allow_blank=True, help_text=help_text)


class VideoValueSerializer(serializers.Serializer):
    file = None
    url = None
    captions_on = None
    poster = _url(_("A 960 pixels wide rendition of the poster image; empty: none."))
    kind = schema_field(
        {"type": "string", "enum": ["file", "youtube", "vimeo", ""]},
        help_text=_("An uploaded file, or a YouTube or Vimeo video; empty: the file is gone."),
    )
    src = _url(_("The file (kind file)."))
    type = serializers.CharField(allow_blank=True, help_text=_("The file's MIME type."))
    captions = _url(_("WebVTT captions of the file; empty: none."))
    provider = serializers.CharField(allow_blank=True, help_text=_("YouTube or Vimeo."))
    embed = _url(_("The provider's privacy-enhanced player, to load on a click on play."))
    watch = _url(_("The video on the provider's site."))


class VideoBlock(ThankYouBlock):
    value_serializer = VideoValueSerializer

    title = blocks.CharBlock(
        label=_("Title"),
        max_length=120,
        help_text=_("Names the video for screen readers and on the play button."),
    )
    file = DocumentOfTypeBlock(
        VIDEO, label=_("Video file"), required=False, help_text=_("MP4 or WebM.")
    )
    url = blocks.URLBlock(
        label=_("or YouTube/Vimeo link"),
        required=False,
        help_text=_("Loaded from the provider only when the customer clicks play."),
    )
    poster = RenditionImageBlock(
        preset="poster",
        label=_("Poster image"),
        required=False,
        help_text=_("Shown before playing; nothing is loaded from YouTube or Vimeo for it."),
    )
    captions = DocumentOfTypeBlock(
        CAPTIONS,
        label=_("Captions (WebVTT)"),
        required=False,
        help_text=_("For an uploaded file, in the page's language."),
    )
    captions_on = blocks.BooleanBlock(
        label=_("Turn on the provider's captions"), required=False, default=True
    )
    caption = blocks.CharBlock(label=_("Text below the video"), max_length=240, required=False)

    class Meta:
        icon = "media"
        label = _("Team video")
        template = "thankyou/blocks/video.html"
        stylesheet = "thankyou/blocks/video.css"
        description = _(
            "A video file, or a YouTube/Vimeo video that loads only on a click on play."
        )
        preview_translations = {
            "en": {
                "title": "Greetings from our roastery",
                "caption": "Marie shows you how your beans are roasted (1:40).",
            }
        }
        preview_value = staticmethod(preview_value)

    def clean(self, value):
        value = super().clean(value)
        has_file, has_url = value.get("file") is not None, bool(value.get("url"))
        if has_file == has_url and (has_file or not self.is_deferred_validation):  # drafts may wait
            raise StructBlockValidationError(
                block_errors={"url": ValidationError(_("Choose a video file or enter a link."))}
            )
        if has_url and parse_video_url(value["url"]) is None:
            raise StructBlockValidationError(
                block_errors={
                    "url": ValidationError(_("Enter a link to a YouTube or Vimeo video."))
                }
            )
        return value

    def stylesheets(self, value):
        """The facade's play button only for a YouTube or Vimeo video."""
        own = super().stylesheets(value)
        return (*own, FACADE_STYLESHEET) if value.get("file") is None else own

    def scripts(self, value):
        """The facade turns into the player only for a YouTube or Vimeo video."""
        own = super().scripts(value)
        return (*own, FACADE_SCRIPT) if value.get("file") is None else own

    def video_for(self, value, context):
        """What the template and the value need of the video (every key, "" where none)."""
        language = context.get("locale") or "en"
        block_id = context.get("block_id", "")
        poster = picture_for(value["poster"], "poster")
        video = {
            "title": value["title"],
            "poster": absolute(poster.fallback[min(1, len(poster.fallback) - 1)].url)
            if poster
            else "",
            **dict.fromkeys(("kind", "src", "type", "captions", "provider", "embed", "watch"), ""),
        }
        if value["file"] is not None:
            extension = value["file"].file_extension.lower()
            video.update(
                kind="file",
                src=document_url(value["file"], block_id, MEDIA),
                type="video/webm" if extension == "webm" else "video/mp4",
                captions=document_url(value["captions"], block_id, MEDIA)
                if value["captions"] is not None
                else "",
            )
        elif parse_video_url(value["url"]):
            provider = parse_video_url(value["url"])[0]
            embed, watch = provider_urls(value["url"], language, value["captions_on"])
            video.update(kind=provider, provider=PROVIDERS[provider], embed=embed, watch=watch)
        return video

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["video"] = self.video_for(value, context)
        context["poster"] = picture_for(value["poster"], "poster")
        return context

    def get_api_representation(self, value, context=None):
        return {**self.video_for(value, context or {}), "caption": value["caption"]}
