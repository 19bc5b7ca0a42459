"""Admin page: every registered block, rendered with its preview value."""

from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from thankyou.admin.base import AdminPageMixin
from thankyou.blocks.registry import get_block_types
from thankyou.blocks.samples import (
    DARK_THEME,
    render_block,
    sample_context,
    sample_shop,
    stylesheet_for,
)
from thankyou.targeting.personas import DEFAULT_PERSONA, PERSONAS


class BlockGalleryView(AdminPageMixin, TemplateView):
    """Designers and merchants see each block in a light and a dark shop theme."""

    template_name = "thankyou/admin/block_gallery.html"
    page_title = _("Block gallery")
    header_icon = "placeholder"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        persona = self.request.GET.get("customer", DEFAULT_PERSONA)
        persona = persona if persona in PERSONAS else DEFAULT_PERSONA
        language = self.request.GET.get("lang", "de")
        language = language if language in ("de", "en") else "de"
        light = sample_shop(self.request.user)
        dark = sample_shop(self.request.user, **DARK_THEME)
        sample = sample_context(light, persona, language)
        blocks = []
        for name, block in get_block_types():
            value = block.preview_value_in(language)
            sheets = [
                (_("Light"), stylesheet_for(block, value, shop=light)),
                (_("Dark"), stylesheet_for(block, value, shop=dark)),
            ]
            states = [("", render_block(block, value, sample, name=name))]
            result = getattr(block.meta, "preview_result", None)
            if result is not None:  # a block that asks: also as the order sees it answered
                answered = {**sample, "done_actions": {"sample": result}}
                states.append((_("answered"), render_block(block, value, answered, name=name)))
            views = [
                (f"{theme}, {state}" if state else theme, html, css)
                for state, html in states
                for theme, css in sheets
            ]
            blocks.append({"name": name, "block": block, "views": views})
        context.update(
            blocks=blocks,
            language=language,
            persona=persona,
            personas=PERSONAS.values(),
            languages=(("de", _("German")), ("en", _("English"))),
        )
        return context
