from django.urls import path
from django.utils.csp import CSP
from django.views.decorators.csp import csp_override
from django.views.decorators.gzip import gzip_page
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from thankyou.api import actions, events, shopify, views

# Swagger UI sets inline styles; nothing else on our pages may.
docs_view = csp_override(
    {
        "default-src": [CSP.SELF],
        "script-src": [CSP.SELF],
        "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
        "img-src": [CSP.SELF, "data:"],
    }
)(SpectacularSwaggerSplitView.as_view(url_name="api:schema"))

# A page's render is some 17 KB of JSON: compressed, a slow network brings the
# content a round trip's worth sooner. Django's compression pads each answer
# randomly against BREACH-style guessing of the action token beside it.
urlpatterns = [
    path("render", gzip_page(views.RenderView.as_view()), name="render"),
    path(
        "shopify/render",
        gzip_page(shopify.ShopifyRenderView.as_view()),
        name="render-shopify",
    ),
    path("events", events.EventsView.as_view(), name="events"),
    *actions.urlpatterns(),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", docs_view, name="docs"),
]
