from django.conf import settings
from django.utils.csp import CSP


class AdminReportOnlyCSPMiddleware:
    """
    Put the Wagtail admin's Content Security Policy in report-only mode (its
    previews included).

    Wagtail does not yet run under a strict policy; the rest of our pages do.
    The admin frames its own previews, so its policy allows frames of this
    origin, both ways. Must come after Django's ContentSecurityPolicyMiddleware in MIDDLEWARE, so
    that it sees the response first and sets the overrides that one reads.
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
        if request.path.startswith("/cms/") or getattr(request, "is_dummy", False):
            response._csp_config = {}
            response._csp_ro_config = self.policy
        return response
