from django.conf import settings


class AdminReportOnlyCSPMiddleware:
    """
    Put the Wagtail admin's Content Security Policy in report-only mode.

    Wagtail does not yet run under a strict policy; the rest of our pages do.
    Must come after Django's ContentSecurityPolicyMiddleware in MIDDLEWARE, so
    that it sees the response first and sets the overrides that one reads.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith("/cms/"):
            response._csp_config = {}
            response._csp_ro_config = settings.SECURE_CSP
        return response
