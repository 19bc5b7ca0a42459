from django.conf import settings


class AdminReportOnlyCSPMiddleware:
    """
    Put the Wagtail admin's Content Security Policy in report-only mode (its
    previews included).

    Wagtail does not yet run under a strict policy; the rest of our pages do.
    Must come after Django's ContentSecurityPolicyMiddleware in MIDDLEWARE, so
    that it sees the response first and sets the overrides that one reads.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # A page preview is rendered for a stand-in request of the page's own
        # URL (is_dummy) and shown in the editor's frame.
        if request.path.startswith("/cms/") or getattr(request, "is_dummy", False):
            response._csp_config = {}
            response._csp_ro_config = settings.SECURE_CSP
        return response
