from django.conf import settings
from django.utils import translation
from django.utils.csp import CSP
from wagtail.users.models import UserProfile


class AdminReportOnlyCSPMiddleware:
    """
    Put the Wagtail admin's Content Security Policy in report-only mode (its
    previews included).

    Wagtail does not yet run under a strict policy; the rest of our pages do,
    and so do admin views that set ``enforce_csp`` on their response (the
    block gallery's frames). The admin frames its own previews, so its policy
    allows frames of this origin, both ways. Must come after Django's
    ContentSecurityPolicyMiddleware in MIDDLEWARE, so that it sees the response
    first and sets the overrides that one reads.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        policy = settings.SECURE_CSP
        self.policy = {
            **policy,
            "frame-src": [CSP.SELF, *policy.get("frame-src", [])],
            "frame-ancestors": [CSP.SELF],
        }

    def __call__(self, request):
        response = self.get_response(request)
        # A page preview is rendered for a stand-in request of the page's own
        # URL (is_dummy) and shown in the editor's frame.
        admin = request.path.startswith("/cms/") or getattr(request, "is_dummy", False)
        if admin and not getattr(response, "enforce_csp", False):
            response._csp_config = {}
            response._csp_ro_config = self.policy
        return response


class AdminLanguageMiddleware:
    """
    Answer an admin user in the language of their profile for the whole request.

    Wagtail switches to it only inside its views, so what it says around them
    (a refused permission's message) came in the browser's language. Must come
    after AuthenticationMiddleware and LocaleMiddleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith("/cms/") and request.user.is_authenticated:
            try:
                profile = request.user.wagtail_userprofile  # kept on the user for Wagtail
            except UserProfile.DoesNotExist:
                profile = None
            if profile is not None and profile.preferred_language:
                request.LANGUAGE_CODE = language = profile.preferred_language
                with translation.override(language):  # the thread's language back after
                    response = self.get_response(request)
                response.headers["Content-Language"] = language
                return response
        return self.get_response(request)
