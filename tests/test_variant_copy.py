"""A new A/B variant starts from a copy of the page's content, not empty."""

import re

import pytest
from playwright.sync_api import expect
from wagtail.test.utils.form_data import inline_formset, streamfield

from tests.conftest import logged_in, login, page_edit_form
from thankyou.pages.models import ThankYouPageVariant

NO_SEGMENTS = {"count": 0}
BODY = [
    ("heading", {"text": "Danke!", "subtitle": "", "target_segments": NO_SEGMENTS}),
    ("heading", {"text": "Bis bald", "subtitle": "", "target_segments": NO_SEGMENTS}),
]


def texts(body):
    return [block.value["text"] for block in body]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_new_variant_starts_as_a_copy_of_the_page(browser, server, make_shop, make_page):
    shop = make_shop("acme")
    thanks = make_page(shop, body=[("heading", {"text": "Danke!", "subtitle": ""})])
    tab = logged_in(browser, server, shop.editors)
    tab.goto(f"{server}/cms/pages/{thanks.pk}/edit/")
    tab.get_by_role("button", name=re.compile("Add variant", re.IGNORECASE)).click()
    expect(tab.get_by_label("Start from the page's content")).to_be_checked()
    tab.fill("input[name='variants-0-name']", "Gift first")
    with tab.expect_navigation():
        tab.get_by_role("button", name="Save draft").click()

    copied = tab.locator("input[name='variants-0-body-0-value-text']")
    expect(copied).to_have_value("Danke!")  # the variant's own content, to change from there
    thanks.refresh_from_db()
    draft = thanks.get_latest_revision_as_object()
    [copy] = draft.variants.all()
    assert copy.name == "Gift first"
    assert [(b.block_type, b.value["text"]) for b in copy.body] == [("heading", "Danke!")]


@pytest.mark.django_db
def test_a_variant_with_content_or_unticked_keeps_its_own(shop, make_page):
    page = make_page(shop)
    own = [("heading", {"text": "Hallo", "subtitle": "", "target_segments": NO_SEGMENTS})]
    variants = inline_formset(
        [
            {"name": "Own", "weight": 30, "copy_original": "on", "body": streamfield(own)},
            {"name": "Empty", "weight": 30, "body": streamfield([])},
            {"name": "Copy", "weight": 30, "copy_original": "on", "body": streamfield([])},
        ]
    )
    form = page_edit_form(BODY, variants=variants)
    response = login(shop.editors).post(f"/cms/pages/{page.pk}/edit/", form)
    assert response.status_code == 302
    page.refresh_from_db()
    draft = page.get_latest_revision_as_object()
    bodies = {variant.name: texts(variant.body) for variant in draft.variants.all()}
    assert bodies == {"Own": ["Hallo"], "Empty": [], "Copy": ["Danke!", "Bis bald"]}
    assert not ThankYouPageVariant.objects.exists(), "a draft until published"
