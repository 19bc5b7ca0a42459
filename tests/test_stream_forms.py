"""
A malformed StreamField POST to the admin (a wrong count, a block without its
type or order) gets a form error with the stored content shown again, never a
500, and nothing stored changes.
"""

import pytest
from wagtail.models import Revision
from wagtail.test.utils.form_data import nested_form_data, streamfield

from tests.conftest import login, page_edit_form
from thankyou.targeting.models import Segment

pytestmark = pytest.mark.django_db

MESSAGE = "This content arrived incomplete and could not be read; nothing was saved."

HEADING = ("heading", {"text": "Changed", "subtitle": "", "target_segments": {"count": 0}})


def malformed(form, prefix):
    """Each way a hand-made POST can break a StreamField's numbered keys."""

    def without(key):
        return {name: value for name, value in form.items() if name != key}

    return {
        "a count beyond the blocks": {**form, f"{prefix}-count": "3"},
        "a count that is no number": {**form, f"{prefix}-count": "x"},
        "no count": without(f"{prefix}-count"),
        "a block without its type": without(f"{prefix}-0-type"),
        "a block without its order": without(f"{prefix}-0-order"),
        "an order that is no number": {**form, f"{prefix}-0-order": "x"},
    }


def test_a_malformed_page_body_is_a_form_error(shop, page):
    client = login(superuser=True)
    client.raise_request_exception = False
    revisions = Revision.objects.count()
    well_formed = page_edit_form([HEADING])
    assert client.post(f"/cms/pages/{page.pk}/edit/", well_formed).status_code == 302
    assert Revision.objects.count() == revisions + 1
    cases = malformed(well_formed, "body")
    # The block's settings (a nested list) are read by their count too.
    cases["a block without its settings"] = {
        k: v for k, v in well_formed.items() if not k.startswith("body-0-value-target_segments")
    }
    for name, form in cases.items():
        response = client.post(f"/cms/pages/{page.pk}/edit/", form)
        assert response.status_code == 200, name
        html = response.content.decode()
        assert MESSAGE in html, name
        assert "Changed" in html, f"{name}: the stored content is shown again"
        assert Revision.objects.count() == revisions + 1, f"{name}: nothing saved"
        preview = client.post(f"/cms/pages/{page.pk}/edit/preview/", form)
        assert preview.status_code == 200 and preview.json()["is_valid"] is False, name


def test_a_malformed_segment_is_a_form_error_in_german_too(shop):
    segment = Segment.objects.create(
        shop=shop, name="Guests", conditions=[("customer_type", {"customer": "guest"})]
    )
    client = login(shop.editors, language="de")
    client.raise_request_exception = False
    form = nested_form_data(
        {
            "name": "Renamed",
            "shop": shop.pk,
            "match": "all",
            "conditions": streamfield([("customer_type", {"customer": "account"})]),
        }
    )
    url = f"/cms/snippets/thankyou/segment/edit/{segment.pk}/"
    for name, bad in malformed(form, "conditions").items():
        response = client.post(url, bad)
        assert response.status_code == 200, name
        assert "Dieser Inhalt kam unvollst" in response.content.decode(), name
    segment.refresh_from_db()
    assert segment.name == "Guests"
    assert segment.conditions[0].value["customer"] == "guest"
