"""
Admin page: every registered block, rendered with its preview value.

Each view of a block is a frame of its own, served under the policy of a
strict shop page (``SHOP_PAGE_CSP``): a block that needs inline style or
script looks as broken here as it would on the shop, not only in its tests.
"""

from django.conf import settings
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.csp import csp_override
from django.views.generic import TemplateView

from thankyou.admin.base import AdminPageMixin, ShopScopedMixin, shop_scoped
from thankyou.blocks.registry import get_block_types
from thankyou.blocks.samples import (
    DARK_THEME,
    prepare_block,
    render_block,
    sample_context,
    sample_shop,
    stylesheet_for,
)
from thankyou.targeting.personas import DEFAULT_PERSONA, PERSONAS

LANGUAGES = (("de", _("German")), ("en", _("English")))
THEMES = {"light": (_("Light"), {}), "dark": (_("Dark"), DARK_THEME)}


def _choices(query):
    """The sample customer, language and theme asked for, else the defaults."""
    persona = query.get("customer", DEFAULT_PERSONA)
    language = query.get("lang", "")
    theme = query.get("theme", "light")
    return (
        persona if persona in PERSONAS else DEFAULT_PERSONA,
        language if language in dict(LANGUAGES) else admin_language(),
        theme if theme in THEMES else "light",
    )


def admin_language():
    """The admin's language, the gallery's unless another is chosen."""
    language = (translation.get_language() or "")[:2]
    return language if language in dict(LANGUAGES) else LANGUAGES[0][0]


class BlockGalleryView(ShopScopedMixin, AdminPageMixin, TemplateView):
    """Designers and merchants see each block in a light and a dark shop theme."""

    template_name = "thankyou/admin/block_gallery.html"
    page_title = _("Block gallery")
    header_icon = "placeholder"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        persona, language, _theme = _choices(self.request.GET)
        blocks = []
        for name, block in get_block_types():
            # The frames only read: their sample media and renditions are made here, one by one.
            prepare_block(block, block.preview_value_in(language))
            states = [("", "")]
            if getattr(block.meta, "preview_result", None) is not None:
                states.append((_("answered"), "answered"))  # as the order sees it answered
            views = [
                (
                    f"{label}, {state_label}" if state_label else label,
                    reverse("thankyou_block_frame", args=[name])
                    + "?"
                    + urlencode(
                        {
                            "customer": persona,
                            "lang": language,
                            "theme": theme,
                            **({"state": state} if state else {}),
                        }
                    ),
                )
                for state_label, state in states
                for theme, (label, _colours) in THEMES.items()
            ]
            blocks.append({"name": name, "block": block, "views": views})
        context.update(
            blocks=blocks,
            language=language,
            persona=persona,
            personas=PERSONAS.values(),
            languages=LANGUAGES,
        )
        return context


def _block(name):
    block = dict(get_block_types()).get(name)
    if block is None:
        raise Http404
    return block


@shop_scoped  # its sample shop is the user's first (sample_shop)
@xframe_options_sameorigin
@csp_override(settings.SHOP_PAGE_CSP)
def block_frame(request, name):
    """One view of a block, as a strict shop page shows it."""
    block = _block(name)
    persona, language, theme = _choices(request.GET)
    shop = sample_shop(request.user, **THEMES[theme][1])
    context = sample_context(shop, persona, language)
    result = getattr(block.meta, "preview_result", None)
    if request.GET.get("state") == "answered" and result is not None:
        context["done_actions"] = {"sample": result}
    with translation.override(language):
        html = render_block(
            block, block.preview_value_in(language), context, name=name, inline=True
        )
    stylesheet = (
        reverse("thankyou_block_frame_css", args=[name])
        + "?"
        + urlencode({"lang": language, "theme": theme})
    )
    response = TemplateResponse(
        request,
        "thankyou/admin/block_frame.html",
        {"html": html, "language": language, "stylesheet": stylesheet},
    )
    response.enforce_csp = True
    return response


@shop_scoped
def block_frame_css(request, name):
    """The CSS a shop page gets for the block's preview value, in the theme asked for."""
    block = _block(name)
    _persona, language, theme = _choices(request.GET)
    shop = sample_shop(request.user, **THEMES[theme][1])
    css = stylesheet_for(block, block.preview_value_in(language), shop=shop)
    return HttpResponse(css, content_type="text/css; charset=utf-8")
