from django.urls import include, path, re_path
from django.views.generic import TemplateView
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from thankyou.admin import overrides
from thankyou.api import embed, health, hosted
from thankyou.api import urls as api_urls
from thankyou.media import downloads
from thankyou_demo import urls as demo_urls

urlpatterns = [
    path("", TemplateView.as_view(template_name="home.html"), name="home"),
    path("cms/", include(overrides)),  # first: the admin's views of every shop, narrowed
    path("cms/", include(wagtailadmin_urls)),
    re_path(r"^documents/(\d+)/(.*)$", downloads.serve_to_editors),  # before Wagtail's
    path("documents/", include(wagtaildocs_urls)),
    path("api/v1/", include((api_urls, "api"))),
    path("embed/v1.js", embed.embed_script, name="embed-script"),
    path("o/<str:signed>/", hosted.hosted_page, name="hosted-page"),
    path("o/<str:signed>/open.gif", hosted.email_open, name="email-open"),
    path("embed/v1.mjs", embed.embed_module, name="embed-module"),
    path("embed/loader.js", embed.embed_loader, name="embed-loader"),
    path("d/<str:signed>/", downloads.serve_document, name="document-link"),
    path("demo/", include((demo_urls, "demo"))),
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("media/<path:path>", downloads.serve_media, name="media"),
]
