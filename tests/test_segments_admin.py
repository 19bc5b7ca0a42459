"""
Segments and sample customers in the admin belong to a shop: its editors and
owners manage them; nobody sees, chooses or edits another shop's.
"""

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from tests.conftest import login, page_edit_form
from thankyou.pages.models import ThankYouPageVariant
from thankyou.targeting.models import SampleCustomer, Segment

pytestmark = pytest.mark.django_db

GUESTS = [("customer_type", {"customer": "guest"})]
SEGMENTS = "/cms/snippets/thankyou/segment/"
SAMPLES = "/cms/snippets/thankyou/samplecustomer/"


@pytest.fixture
def shops(make_shop):
    alpha, beta = make_shop("alpha"), make_shop("beta")
    return {
        shop.key: (shop, Segment.objects.create(shop=shop, name=name, conditions=GUESTS))
        for shop, name in ((alpha, "Alpha guests"), (beta, "Beta guests"))
    }


def segment_form(shop, name="New segment", conditions=GUESTS, match="all"):
    return nested_form_data(
        {"name": name, "shop": shop.pk, "match": match, "conditions": streamfield(conditions)}
    )


def test_editors_list_and_open_only_their_shops_segments(shops):
    alpha, alpha_segment = shops["alpha"]
    _beta, beta_segment = shops["beta"]
    editor = login(alpha.editors)
    listing = editor.get(SEGMENTS).content.decode()
    assert "Alpha guests" in listing and "Beta guests" not in listing
    assert "Guest" in listing, "the listing says what the conditions are"
    assert editor.get(f"{SEGMENTS}edit/{alpha_segment.pk}/").status_code == 200
    for view in ("edit", "delete", "usage", "history"):
        response = editor.get(f"{SEGMENTS}{view}/{beta_segment.pk}/")
        assert response.status_code == 404, view
        assert "Beta guests" not in response.content.decode()


def test_editors_cannot_change_or_delete_another_shops_segment(shops):
    alpha, _segment = shops["alpha"]
    beta, beta_segment = shops["beta"]
    editor = login(alpha.editors)
    edit = editor.post(f"{SEGMENTS}edit/{beta_segment.pk}/", segment_form(beta, "Hijacked"))
    assert edit.status_code == 404
    assert editor.post(f"{SEGMENTS}delete/{beta_segment.pk}/").status_code == 404
    beta_segment.refresh_from_db()
    assert beta_segment.name == "Beta guests"


def test_the_chooser_offers_only_the_own_shops_segments(shops):
    alpha, _segment = shops["alpha"]
    _beta, beta_segment = shops["beta"]
    editor = login(alpha.editors)
    chooser = editor.get("/cms/snippets/choose/thankyou/segment/").content.decode()
    assert "Alpha guests" in chooser and "Beta guests" not in chooser
    results = editor.get("/cms/snippets/choose/thankyou/segment/results/", {"q": "guests"})
    assert "Alpha guests" in results.content.decode()
    assert "Beta guests" not in results.content.decode()
    chosen = editor.get(f"/cms/snippets/choose/thankyou/segment/chosen/{beta_segment.pk}/")
    assert chosen.status_code == 404


def test_a_new_segment_belongs_to_one_of_the_users_shops(shops):
    alpha, _segment = shops["alpha"]
    beta, _segment = shops["beta"]
    editor = login(alpha.editors)
    form = editor.get(f"{SEGMENTS}add/").content.decode()
    assert "Alpha" in form and "Beta" not in form
    refused = editor.post(f"{SEGMENTS}add/", segment_form(beta, "Planted"))
    assert refused.status_code == 200
    assert not Segment.objects.filter(name="Planted").exists()
    created = editor.post(f"{SEGMENTS}add/", segment_form(alpha, "First orders"))
    assert created.status_code == 302
    assert Segment.objects.get(name="First orders").shop == alpha


def test_invalid_conditions_are_refused_with_a_message(shops):
    alpha, _segment = shops["alpha"]
    editor = login(alpha.editors)
    response = editor.post(
        f"{SEGMENTS}add/",
        segment_form(
            alpha,
            "Broken",
            [("order_total", {"minimum": "100", "maximum": "50", "currency": ""})],
        ),
    )
    assert response.status_code == 200
    assert "The maximum must not be less than the minimum." in response.content.decode()
    assert not Segment.objects.filter(name="Broken").exists()


def test_a_name_the_shop_already_uses_is_refused_at_the_name_field(shops):
    alpha, _segment = shops["alpha"]
    editor = login(alpha.editors)
    response = editor.post(f"{SEGMENTS}add/", segment_form(alpha, "Alpha guests"))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors == {"name": ["Already used in this shop."]}
    assert Segment.objects.filter(name="Alpha guests").count() == 1
    other_shop = login(shops["beta"][0].editors, username="beta-editor")
    created = other_shop.post(f"{SEGMENTS}add/", segment_form(shops["beta"][0], "Alpha guests"))
    assert created.status_code == 302, "another shop may use the same name"


def test_a_segment_in_use_is_not_deleted(shops, make_page):
    alpha, segment = shops["alpha"]
    make_page(alpha, title="For guests", segment=segment)
    unused = Segment.objects.create(shop=alpha, name="Unused", conditions=GUESTS)
    editor = login(alpha.editors)
    response = editor.post(f"{SEGMENTS}delete/{segment.pk}/", follow=True)
    assert "still used by: For guests" in response.content.decode()
    bulk = f"/cms/bulk/thankyou/segment/delete/?id={segment.pk}&id={unused.pk}"
    assert "still used by: For guests" in editor.post(bulk, follow=True).content.decode()
    assert set(Segment.objects.filter(shop=alpha)) == {segment, unused}

    editor.post(f"{SEGMENTS}delete/{unused.pk}/")
    assert not Segment.objects.filter(pk=unused.pk).exists()


@pytest.mark.parametrize("where", ["body", "variant"])
def test_a_segment_only_a_block_uses_is_not_deleted_either(shops, make_page, where):
    alpha, segment = shops["alpha"]
    body = [("heading", {"text": "Hi guests", "subtitle": "", "target_segments": [segment]})]
    page = make_page(alpha, title="Default", body=body if where == "body" else None)
    if where == "variant":  # an A/B variant's block
        page.variants = [ThankYouPageVariant(name="Gift first", weight=50, body=body)]
        page.save_revision().publish()
    editor = login(alpha.editors)
    response = editor.post(f"{SEGMENTS}delete/{segment.pk}/", follow=True)
    assert "still used by: Default" in response.content.decode()
    assert Segment.objects.filter(pk=segment.pk).exists()


def test_a_variant_cannot_target_another_shops_segment(shops, make_page):
    alpha, _segment = shops["alpha"]
    _beta, theirs = shops["beta"]
    page = make_page(alpha, title="Tested")
    targeted = {"count": 1, "0": {"value": theirs.pk, "deleted": "", "order": 0, "id": "s1"}}
    variant = [("heading", {"text": "Hi", "subtitle": "", "target_segments": targeted})]
    form = page_edit_form(
        [], variants=inline_formset([{"name": "B", "weight": 50, "body": streamfield(variant)}])
    )
    response = login(alpha.editors).post(f"/cms/pages/{page.pk}/edit/", form)
    assert response.status_code == 200, "the form is shown again"
    assert "choose the shop&#x27;s own segments" in response.content.decode()
    assert not page.variants.exists()


def test_superusers_see_every_shops_segments(shops):
    admin = login(superuser=True, username="root")
    listing = admin.get(SEGMENTS).content.decode()
    assert "Alpha guests" in listing and "Beta guests" in listing


def test_sample_customers_are_shop_owned_too(shops):
    alpha, _segment = shops["alpha"]
    beta, _segment = shops["beta"]
    item = ("item", {"sku": "S-1", "name": "Beans", "category": "", "quantity": 1, "price": "9"})
    theirs = SampleCustomer.objects.create(shop=beta, name="Beta's tester", items=[item])
    SampleCustomer.objects.create(shop=alpha, name="Alpha's tester", items=[item])
    editor = login(alpha.editors)
    listing = editor.get(SAMPLES).content.decode()
    assert "Alpha&#x27;s tester" in listing and "Beta's tester" not in listing
    assert "Beta&#x27;s tester" not in listing
    assert editor.get(f"{SAMPLES}edit/{theirs.pk}/").status_code == 404
    created = editor.post(
        f"{SAMPLES}add/",
        nested_form_data(
            {
                "name": "Coffee subscriber",
                "shop": alpha.pk,
                "first_name": "Kim",
                "orders_count": 4,
                "total_spent": "120.00",
                "first_order_days_ago": 300,
                "shipping_country": "AT",
                "locale": "de-AT",
                "items": streamfield([item]),
            }
        ),
    )
    assert created.status_code == 302, created.content.decode()[:2000]
    assert SampleCustomer.objects.get(name="Coffee subscriber").shop == alpha


def test_the_blocks_segment_chooser_speaks_each_editors_language(shops, make_page):
    alpha, _segment = shops["alpha"]
    page = make_page(alpha, title="Tested")
    english = login(alpha.editors, username="anne", language="en")
    german = login(alpha.editors, username="jonas", language="de")
    assert "Choose segment" in english.get(f"/cms/pages/{page.pk}/edit/").content.decode()
    german_editor = german.get(f"/cms/pages/{page.pk}/edit/").content.decode()
    assert "Segment auswählen" in german_editor
    assert "Choose segment" not in german_editor
