"""
/demo/inbox/: the demo shop's sent order-confirmation e-mails.

"Send" renders each sample order's e-mail (POST /api/v1/render's e-mail
format, called in-process) and sends it through Django's mailer "demo", a
file backend writing to DEMO_MAIL_DIR: no outside service. The inbox lists
what that folder holds; each e-mail's HTML part is shown in a frame of its
own, under a policy that allows its inline styles and nothing else.
"""

import email
from email import policy
from pathlib import Path

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.mail import EmailMultiAlternatives, mailers
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.csp import CSP
from django.views.decorators.cache import never_cache
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.csp import csp_override
from django.views.decorators.http import require_http_methods

from thankyou.api.views import email_body
from thankyou.core.context import verify_order_token
from thankyou.core.models import Shop
from thankyou.core.signing import sign_claims
from thankyou.pages import routing
from thankyou.targeting.personas import PERSONAS, persona_claims
from thankyou.tenancy.scoping import shops_of
from thankyou_demo.views import DEMO_SHOP, LANGUAGES

SEPARATOR = b"\n" + b"-" * 79 + b"\n"  # between the messages of one file (file backend)
SHOWN = 50


def demo_user(view):
    """The view for users who may see the demo shop; others log in first."""

    def checked(request, *args, **kwargs):
        if not Shop.objects.filter(key=DEMO_SHOP).exists():
            raise Http404
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), "wagtailadmin_login")
        if not shops_of(request.user).filter(key=DEMO_SHOP).exists():
            return HttpResponse(status=403)
        return view(request, *args, **kwargs)

    return checked


@never_cache
@csp_override({**settings.SECURE_CSP, "frame-src": [CSP.SELF]})
@require_http_methods(["GET", "POST"])
@demo_user
def inbox(request):
    if request.method == "POST":
        language = request.POST.get("lang", "de")
        send_confirmations(LANGUAGES.get(language, LANGUAGES["de"]))
        return redirect("demo:inbox")
    return render(request, "demo/inbox.html", {"messages": received()[:SHOWN]})


@never_cache
@xframe_options_sameorigin
@csp_override(
    {
        "default-src": [CSP.NONE],
        "style-src": [CSP.UNSAFE_INLINE],
        "img-src": [CSP.SELF, settings.PUBLIC_URL],
        "frame-ancestors": [CSP.SELF],
        "base-uri": [CSP.NONE],
        "form-action": [CSP.NONE],
    }
)
@demo_user
def message_html(request, name):
    found = next((message for message in received() if message["name"] == name), None)
    if found is None:
        raise Http404
    return HttpResponse(found["html"], content_type="text/html; charset=utf-8")


def send_confirmations(locale):
    """Send each sample order's confirmation e-mail; return how many were sent."""
    shop = Shop.objects.get(key=DEMO_SHOP)
    messages = []
    for persona in PERSONAS.values():
        token = sign_claims(shop, persona_claims(persona, shop, locale))
        context = verify_order_token(token)
        result = routing.render(context)
        if result is None:
            continue
        data = email_body(result, context, token)
        with translation.override(context.language):
            message = EmailMultiAlternatives(
                data["subject"],
                data["text"],
                settings.DEFAULT_FROM_EMAIL,
                [context.customer.email],
            )
        message.attach_alternative(data["html"], "text/html")
        messages.append(message)
    return mailers["demo"].send_messages(messages) or 0


def received():
    """The e-mails in the demo's mail folder, newest first, each as a dict."""
    folder = Path(settings.DEMO_MAIL_DIR)
    found = []
    for path in sorted(folder.glob("*.log"), reverse=True) if folder.is_dir() else ():
        for index, raw in enumerate(path.read_bytes().split(SEPARATOR)):
            if not raw.strip():
                continue
            parsed = email.message_from_bytes(raw, policy=policy.default)
            html, text = parsed.get_body(("html",)), parsed.get_body(("plain",))
            found.append(
                {
                    "name": f"{path.stem}-{index}",
                    "subject": parsed["subject"],
                    "to": parsed["to"],
                    "date": parsed["date"],
                    "html": html.get_content() if html else "",
                    "text": text.get_content() if text else "",
                }
            )
    return found
