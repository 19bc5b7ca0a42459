from django.urls import path
from django.utils.csp import CSP
from django.views.decorators.csp import csp_override
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

urlpatterns = [
    path("render", views.RenderView.as_view(), name="render"),
    path("shopify/render", shopify.ShopifyRenderView.as_view(), name="render-shopify"),
    path("events", events.EventsView.as_view(), name="events"),
    path("actions/quiz", actions.QuizView.as_view(), name="action-quiz"),
    path("actions/survey", actions.SurveyView.as_view(), name="action-survey"),
    path("actions/newsletter", actions.NewsletterView.as_view(), name="action-newsletter"),
    path("actions/gift", actions.GiftView.as_view(), name="action-gift"),
    path("actions/<str:action>", actions.BlockAnswerView.as_view(), name="action-block"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", docs_view, name="docs"),
]
