"""Shops are isolated from each other in the admin: pages, media, settings, secrets."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.utils import translation
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale

from tests.conftest import login
from thankyou.blocks.samples import sample_image
from thankyou.core.models import Shop
from thankyou.pages.models import ShopRootPage
from thankyou.targeting.models import Segment
from thankyou.webhooks.models import WebhookSubscription

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_shops(make_shop, make_page):
    alpha, beta = make_shop("alpha"), make_shop("beta")
    return {
        "alpha": (alpha, make_page(alpha, title="Alpha thanks")),
        "beta": (beta, make_page(beta, title="Beta thanks")),
    }


def test_editor_cannot_see_or_edit_another_shops_pages(two_shops):
    alpha, alpha_page = two_shops["alpha"]
    beta, beta_page = two_shops["beta"]
    editor = login(alpha.editors)

    assert editor.get(f"/cms/pages/{alpha_page.pk}/edit/").status_code == 200
    assert editor.get(f"/cms/pages/{beta_page.pk}/edit/").status_code in (302, 403)
    response = editor.post(
        f"/cms/pages/{beta_page.pk}/edit/", {"title": "Hijacked", "slug": "x", "body-count": 0}
    )
    assert response.status_code in (302, 403)
    beta_page.refresh_from_db()
    assert beta_page.title == "Beta thanks"

    beta_root = ShopRootPage.objects.filter(shop=beta).first()
    refused = editor.get(f"/cms/pages/{beta_root.pk}/")
    assert refused.status_code == 302 and refused["Location"] == "/cms/"
    explorer = editor.get("/cms/pages/").content.decode()
    assert "Alpha" in explorer and "Beta" not in explorer

    call_command("update_index", verbosity=0)  # Wagtail indexes pages in background tasks
    search = editor.get("/cms/pages/search/", {"q": "thanks"}).content.decode()
    assert "Alpha thanks" in search
    assert "Beta thanks" not in search


def test_editor_can_add_pages_in_every_language_of_the_own_shop(two_shops):
    alpha, _page = two_shops["alpha"]
    editor = login(alpha.editors)
    for root in ShopRootPage.objects.filter(shop=alpha):
        url = f"/cms/pages/add/thankyou/thankyoupage/{root.pk}/"
        assert editor.get(url).status_code == 200, root.locale


def test_an_editor_copies_a_page_into_the_shops_other_language(two_shops):
    alpha, alpha_page = two_shops["alpha"]
    _beta, beta_page = two_shops["beta"]
    editor = login(alpha.editors)
    english = Locale.objects.get(language_code="en")
    url = f"/cms/translation/submit/page/{alpha_page.pk}/"
    assert editor.get(url).status_code == 200
    response = editor.post(url, {"locales": [english.pk]})
    assert response.status_code == 302
    copy = alpha_page.get_translation(english)
    assert copy.get_parent().specific.shop == alpha, "into the shop's own English tree"
    refused = editor.get(f"/cms/translation/submit/page/{beta_page.pk}/")
    assert refused.status_code in (302, 403), "not another shop's page"


def test_page_chooser_lists_only_the_own_shops_pages(two_shops):
    alpha, _page = two_shops["alpha"]
    beta, _page = two_shops["beta"]
    editor = login(alpha.editors)
    html = editor.get("/cms/choose-page/").content.decode()
    assert "Alpha" in html and "Beta" not in html
    alpha_root = ShopRootPage.objects.filter(shop=alpha).first()
    assert "Alpha thanks" in editor.get(f"/cms/choose-page/{alpha_root.pk}/").json()["html"]
    beta_root = ShopRootPage.objects.filter(shop=beta).first()
    assert "Beta thanks" not in editor.get(f"/cms/choose-page/{beta_root.pk}/").content.decode()
    call_command("update_index", verbosity=0)
    html = editor.get("/cms/choose-page/search/", {"q": "thanks"}).content.decode()
    assert "Alpha thanks" in html
    assert "Beta thanks" not in html


def test_the_narrowed_admin_views_need_a_login_and_speak_the_user_s_language(two_shops):
    alpha, ours = two_shops["alpha"]
    for url in (
        f"/cms/choose-page/{ours.get_parent().pk}/",
        f"/cms/pages/{ours.pk}/move/{ours.get_parent().pk}/confirm/",
        "/cms/reports/page-types-usage/",
    ):
        response = Client().get(url)
        assert response.status_code == 302 and "/cms/login/" in response["Location"], url
    editor = login(alpha.editors, language="de")
    html = editor.get(f"/cms/choose-page/{ours.get_parent().pk}/").json()["html"]
    assert "Seite auswählen" in html


def test_no_admin_view_names_another_shops_page_by_its_id(two_shops):
    alpha, ours = two_shops["alpha"]
    _beta, theirs = two_shops["beta"]
    editor = login(alpha.editors)
    assert editor.get(f"/cms/choose-page/{theirs.pk}/").status_code == 404
    assert editor.get(f"/cms/choose-page/{ours.get_parent().pk}/").status_code == 200
    assert editor.get(f"/cms/choose-page/{ours.get_parent().get_parent().pk}/").status_code == 200
    report = editor.get("/cms/reports/page-types-usage/", follow=True)
    assert report.redirect_chain == [("/cms/", 302)], "the editor is sent to the dashboard"
    report = report.content.decode()
    assert "Beta thanks" not in report
    assert "page-types-usage" not in editor.get("/cms/").content.decode(), "not in the menu"
    admin = login(superuser=True, username="admin")
    assert admin.get("/cms/reports/page-types-usage/").status_code == 200
    # The report names the last edited page of each type: that is why editors are kept out.
    assert "Beta thanks" in admin.get("/cms/reports/page-types-usage/").content.decode()


def test_move_and_task_preview_do_not_name_another_shops_page(two_shops):
    alpha, ours = two_shops["alpha"]
    _beta, theirs = two_shops["beta"]
    editor = login(alpha.owners, username="alpha-owner")
    for url in (
        f"/cms/pages/{theirs.pk}/move/{ours.get_parent().pk}/confirm/",
        f"/cms/pages/{ours.pk}/move/{theirs.get_parent().pk}/confirm/",
        f"/cms/pages/workflow/preview/{theirs.pk}/1/",
    ):
        response = editor.get(url, follow=True)
        assert response.status_code == 404, url
        assert "Beta thanks" not in response.content.decode(), url
    # Within the shop's own tree, Wagtail's views answer as before.
    own = editor.get(f"/cms/pages/{ours.pk}/move/{ours.get_parent().get_parent().pk}/confirm/")
    assert own.status_code == 200 and "Alpha thanks" in own.content.decode()


def test_images_of_another_shop_are_not_offered(two_shops):
    alpha, _ = two_shops["alpha"]
    beta, _ = two_shops["beta"]

    def upload(shop, title):
        return get_image_model().objects.create(
            title=title,
            file=SimpleUploadedFile("b.gif", GIF, content_type="image/gif"),
            collection=Collection.objects.get(pk=shop.collection_id),
        )

    ours, image = upload(alpha, "Alpha own image"), upload(beta, "Beta secret image")
    editor = login(alpha.editors)
    listing = editor.get("/cms/images/").content.decode()
    assert "Alpha own image" in listing and "Beta secret image" not in listing
    chooser = editor.get("/cms/images/chooser/").content.decode()
    assert "Alpha own image" in chooser and "Beta secret image" not in chooser
    assert editor.get(f"/cms/images/{ours.pk}/").status_code == 200
    assert editor.get(f"/cms/images/{image.pk}/").status_code in (302, 403)


def test_editors_do_not_see_shop_settings(two_shops):
    alpha, _ = two_shops["alpha"]
    editor = login(alpha.editors)
    assert editor.get("/cms/shop/").status_code in (302, 403)
    assert editor.get(f"/cms/shop/edit/{alpha.pk}/").status_code in (302, 403, 404)


def test_owner_sees_and_changes_only_the_own_shop(two_shops):
    alpha, _ = two_shops["alpha"]
    beta, _ = two_shops["beta"]
    owner = login(alpha.owners)

    listing = owner.get("/cms/shop/").content.decode()
    assert "Alpha" in listing and "Beta" not in listing

    edit = owner.get(f"/cms/shop/edit/{alpha.pk}/")
    assert edit.status_code == 200
    assert alpha.secrets.get().kid in edit.content.decode()

    assert owner.get(f"/cms/shop/edit/{beta.pk}/").status_code in (403, 404)
    assert owner.post(f"/cms/shop/{beta.pk}/secrets/add/").status_code in (403, 404)
    assert beta.secrets.count() == 1
    assert owner.get("/cms/shop/new/").status_code in (302, 403)
    assert owner.post(f"/cms/shop/delete/{alpha.pk}/").status_code in (302, 403)
    assert Shop.objects.filter(pk=alpha.pk).exists()


def test_the_history_and_usage_of_another_shops_settings_are_not_shown(two_shops):
    alpha, _ = two_shops["alpha"]
    beta, _ = two_shops["beta"]
    hook = WebhookSubscription.objects.create(
        shop=beta, url="https://crm.beta.example/hook?token=s3cr3t", events=["quiz.answered"]
    )
    own = WebhookSubscription.objects.create(
        shop=alpha, url="https://crm.alpha.example/hook", events=["quiz.answered"]
    )
    owner = login(alpha.owners)
    for view in ("history", "usage"):
        response = owner.get(f"/cms/webhook_subscriptions/{view}/{own.pk}/")
        assert response.status_code == 200, view
        assert "crm.alpha.example" in response.content.decode(), view
    for url in (
        f"/cms/webhook_subscriptions/history/{hook.pk}/",
        f"/cms/webhook_subscriptions/usage/{hook.pk}/",
        f"/cms/shop/history/{beta.pk}/",
        f"/cms/shop/usage/{beta.pk}/",
    ):
        response = owner.get(url)
        assert response.status_code == 404, url
        assert "s3cr3t" not in response.content.decode()
    assert owner.get(f"/cms/shop/history/{alpha.pk}/").status_code == 200


def test_bulk_actions_do_not_name_another_shops_objects(two_shops):
    alpha, ours = two_shops["alpha"]
    beta, theirs = two_shops["beta"]
    segment = Segment.objects.create(shop=beta, name="Beta big spenders")
    image = sample_image("gift", collection=beta.collection, title="Beta unreleased product")
    own_segment = Segment.objects.create(shop=alpha, name="Alpha regulars")
    own_image = sample_image("gift", collection=alpha.collection, title="Alpha new product")
    editor = login(alpha.editors)
    for url, mine, other in (
        ("/cms/bulk/wagtailcore/page/delete/", ours, theirs),
        ("/cms/bulk/wagtailimages/image/delete/", own_image, image),
        ("/cms/bulk/thankyou/segment/delete/", own_segment, segment),
    ):
        assert str(other) not in editor.get(url, {"id": other.pk}).content.decode(), url
        html = editor.get(url, {"id": [mine.pk, other.pk]}).content.decode()
        assert str(mine) in html, url  # the editor's own are named
        assert str(other) not in html, url
    assert Segment.objects.filter(pk=segment.pk).exists()


def test_owner_rotates_secrets(shop):
    owner = login(shop.owners)
    old = shop.secrets.get()
    owner.post(f"/cms/shop/{shop.pk}/secrets/add/")
    assert shop.secrets.count() == 2
    owner.post(f"/cms/shop/{shop.pk}/secrets/add/")
    assert shop.secrets.count() == 2, "at most two secrets at once"

    owner.post(f"/cms/shop/{shop.pk}/secrets/{old.pk}/revoke/")
    remaining = shop.secrets.get()
    assert remaining.pk != old.pk
    owner.post(f"/cms/shop/{shop.pk}/secrets/{remaining.pk}/revoke/")
    assert shop.secrets.count() == 1, "the last secret cannot be revoked"


def test_revoking_a_secret_asks_first_and_names_it(shop):
    owner = login(shop.owners)
    old = shop.secrets.get()
    owner.post(f"/cms/shop/{shop.pk}/secrets/add/")
    confirm = owner.get(f"/cms/shop/{shop.pk}/secrets/{old.pk}/revoke/")
    assert confirm.status_code == 200
    assert f"Tokens signed with {old.kid} stop verifying at once" in confirm.content.decode()
    assert shop.secrets.filter(pk=old.pk).exists(), "asking is not revoking"
    assert owner.get(f"/cms/shop/{shop.pk}/secrets/add/").status_code == 200
    assert shop.secrets.count() == 2, "nor is asking to add adding"
    edit = owner.get(f"/cms/shop/edit/{shop.pk}/").content.decode()
    assert 'form="' not in edit, "no button of the shop's form acts on its secrets"


def test_the_order_cut_off_is_the_browsers_own_time_field(shop):
    owner = login(shop.owners)
    html = owner.get(f"/cms/shop/edit/{shop.pk}/").content.decode()
    assert 'type="time" name="order_cutoff" value="14:00"' in html


def test_shop_key_cannot_change_after_creation(shop):
    owner = login(shop.owners)
    html = owner.get(f"/cms/shop/edit/{shop.pk}/").content.decode()
    assert 'name="key"' in html and "disabled" in html.split('name="key"')[1].split(">")[0]


def shop_form_data(shop, **changes):
    """What the shop's edit form submits unchanged, with `changes`."""
    fields = [
        "name",
        "allowed_origins",
        "timezone",
        "order_cutoff",
        "delivery_days",
        "default_locale",
        "score_orders_per_year",
        "score_lifetime_value",
        "color_primary",
        "color_text",
        "color_background",
        "font_family",
        "corner_radius",
        "registration_url",
        "retention_days",
    ]
    data = {name: getattr(shop, name) for name in fields}
    data["order_cutoff"] = shop.order_cutoff.strftime("%H:%M")
    return {**data, **changes}


def test_owner_sets_the_registration_url_and_how_long_personal_data_is_kept(shop):
    owner = login(shop.owners)
    form = owner.get(f"/cms/shop/edit/{shop.pk}/").content.decode()
    assert 'name="registration_url"' in form and 'name="retention_days"' in form

    url = "https://acme.example/register?order={order}&signature={signature}"
    response = owner.post(
        f"/cms/shop/edit/{shop.pk}/", shop_form_data(shop, registration_url=url, retention_days=30)
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    shop.refresh_from_db()
    assert (shop.registration_url, shop.retention_days) == (url, 30)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("registration_url", "javascript:alert(1)"),
        ("registration_url", "https://acme.example/{password}"),
        ("retention_days", 0),
    ],
)
def test_owner_cannot_save_a_bad_registration_url_or_retention(shop, field, value):
    owner = login(shop.owners)
    response = owner.post(f"/cms/shop/edit/{shop.pk}/", shop_form_data(shop, **{field: value}))
    assert response.status_code == 200
    assert list(response.context["form"].errors) == [field], "refused for this field alone"
    shop.refresh_from_db()
    assert (shop.registration_url, shop.retention_days) == ("", 365)


NEW_SHOP = {
    "name": "Neu",
    "key": "neu",
    "allowed_origins": "https://neu.example",
    "timezone": "Europe/Berlin",
    "default_locale": "de",
    "color_primary": "#123456",
    "color_text": "#000000",
    "color_background": "#ffffff",
    "font_family": "Inter, sans-serif",
    "corner_radius": 4,
    "delivery_days": 2,
    "score_orders_per_year": 6,
    "score_lifetime_value": "1000",
    "retention_days": 365,
}


def test_superuser_creates_a_ready_shop_in_the_admin(db):
    admin = login(superuser=True, username="root")
    response = admin.post("/cms/shop/new/", NEW_SHOP)
    assert response.status_code == 302, response.content.decode()[:2000]
    shop = Shop.objects.get(key="neu")
    assert shop.secrets.count() == 1
    assert shop.collection is not None
    assert {root.locale.language_code for root in ShopRootPage.objects.filter(shop=shop)} == {
        "de",
        "en",
    }
    assert shop.editors.permissions.filter(codename="access_admin").exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("allowed_origins", "javascript:alert(1)"),
        ("allowed_origins", "https://shop.example/path"),
        ("allowed_origins", "https://shop.example:99999"),
        ("color_primary", "red;}body{display:none"),
        ("font_family", "x;}</style><script>"),
    ],
)
def test_shop_settings_refuse_unsafe_values(db, field, value):
    admin = login(superuser=True, username="root")
    response = admin.post("/cms/shop/new/", {**NEW_SHOP, "key": "bad", field: value})
    assert response.status_code == 200
    assert list(response.context["form"].errors) == [field], "refused for this field alone"
    assert not Shop.objects.filter(key="bad").exists()


def test_token_check_page_explains_a_token(shop, page, token_for):
    editor = login(shop.editors)
    html = editor.post("/cms/thankyou/token/", {"token": token_for(shop)}).content.decode()
    assert "The token verifies." in html
    assert page.title in html

    crumbs = editor.get("/cms/thankyou/token/").context["breadcrumbs_items"]
    assert [str(crumb["label"]) for crumb in crumbs] == ["Home", "Check a token"]

    html = editor.post("/cms/thankyou/token/", {"token": "a.b.c"}).content.decode()
    assert "does not verify" in html
    assert html.count("The token is not a well-formed JWT.") == 1  # said once
    assert "(claim" not in html, "the token is no claim"

    html = editor.post(
        "/cms/thankyou/token/",
        {"token": token_for(shop, order={"id": "1", "total": "1,5"}, locale="x")},
    ).content.decode()
    assert "<code>order.total</code>" in html and "<code>locale</code>" in html  # each named
    assert "Claim order.total:" not in html, "each claim once, in the list"


def test_token_check_does_not_reveal_other_shops(two_shops, token_for):
    alpha, _ = two_shops["alpha"]
    beta, _ = two_shops["beta"]
    editor = login(alpha.editors)
    html = editor.post("/cms/thankyou/token/", {"token": token_for(beta)}).content.decode()
    assert "does not verify" in html
    assert "Beta thanks" not in html
    html = editor.post("/cms/thankyou/token/", {"token": token_for(alpha)}).content.decode()
    assert "The token verifies." in html and "Alpha thanks" in html


GIF = (
    b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,"
    b"\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
)


def test_a_refusal_speaks_the_editors_language_not_the_browsers(two_shops):
    alpha, _ = two_shops["alpha"]
    editor = login(alpha.editors, language="de")  # the browser asks for nothing: English
    response = editor.get("/cms/shop/", follow=True)
    with translation.override("de"):
        refused = translation.gettext("Sorry, you do not have permission to access this area.")
    assert refused != "Sorry, you do not have permission to access this area."
    assert [str(m).strip() for m in response.context["messages"]] == [refused]
    assert response["Content-Language"] == "de"
    assert translation.get_language() == "en", "the language does not outlast the request"


def admin_views():
    """(route, namespace, view) of every admin URL: classes for class-based views."""
    from django.urls import URLResolver, get_resolver

    def walk(patterns, route="", namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}:{pattern.namespace}" if pattern.namespace else namespace
                yield from walk(pattern.url_patterns, route + str(pattern.pattern), inner)
            elif route.startswith("cms/"):
                callback = pattern.callback
                view = getattr(callback, "view_class", None) or getattr(callback, "cls", callback)
                yield route + str(pattern.pattern), namespace, view

    return list(walk(get_resolver().url_patterns))


# Wagtail's document chooser, narrowed to some file types: documents are
# scoped by their shop's collection (Wagtail's collection permissions,
# tests/test_media_isolation.py).
SCOPED_BY_COLLECTION = {":thankyou_documents_of_types"}


def test_every_admin_view_of_ours_is_scoped_to_the_users_shops():
    from thankyou.admin.base import ShopScopedMixin

    views = admin_views()
    ours = {space for _route, space, view in views if view.__module__.startswith("thankyou")}
    checked, unscoped = 0, []
    for route, namespace, view in views:
        if not (view.__module__.startswith("thankyou") or (namespace and namespace in ours)):
            continue
        if namespace in SCOPED_BY_COLLECTION:
            continue
        checked += 1
        scoped = isinstance(view, type) and issubclass(view, ShopScopedMixin)
        if not (scoped or getattr(view, "shop_scoped", False)):
            unscoped.append(f"{route} {view.__module__}.{view.__qualname__}")
    assert checked > 80  # shops, targeting, interactions, analytics, gallery, overrides
    assert unscoped == [], "\n".join(unscoped)
