"""Admin page: paste a token, see whether it verifies and what it would render."""

from datetime import UTC, datetime

from django import forms
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView

from thankyou.admin.base import AdminPageMixin, ShopScopedMixin
from thankyou.core.context import verify_order_token
from thankyou.core.errors import ClientError
from thankyou.pages.explain import block_notes, customer_facts
from thankyou.pages.routing import audience_for, render


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Order context token"),
        widget=forms.Textarea(attrs={"rows": 6, "spellcheck": "false", "autocomplete": "off"}),
        help_text=_("The JWT your shop puts in data-token. It is checked, never stored."),
    )


class TokenCheckView(ShopScopedMixin, AdminPageMixin, FormView):
    template_name = "thankyou/admin/token_check.html"
    form_class = TokenForm
    page_title = _("Check a token")
    header_icon = "key"

    def form_valid(self, form):
        result = {"ok": False}
        try:
            context = verify_order_token(form.cleaned_data["token"])
            if not self.shops.filter(pk=context.shop.pk).exists():
                raise ClientError(_("Unknown shop."), field="iss", code="unknown_shop")
        except ClientError as error:
            result["error"] = error
        else:
            rendered = render(context)
            audience = audience_for(context)
            result.update(
                ok=True,
                context=context,
                expires=datetime.fromtimestamp(context.expires_at, UTC),
                facts=customer_facts(context),
                segments=audience.matched(),
                page=rendered.page if rendered else None,
                blocks=block_notes(rendered.decisions, audience, rendered.page.cta_limit)
                if rendered
                else [],
            )
        return self.render_to_response(self.get_context_data(form=form, result=result))
