"""
A shop's pages show only the shop's own images and documents: the choosers
offer no others, and a form naming another shop's by id is refused.
"""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from tests.conftest import login
from thankyou.blocks.samples import sample_image
from thankyou.pages.models import ShopRootPage, ThankYouPage
from thankyou.targeting.models import Segment

pytestmark = pytest.mark.django_db


@pytest.fixture
def theirs(make_shop):
    """Beta's confidential document and unreleased product image."""
    beta = make_shop("beta")
    document = get_document_model()(title="Beta price list", collection=beta.collection)
    document.file.save("beta.pdf", ContentFile(b"%PDF-1.4 BETA-CONFIDENTIAL"), save=False)
    document.save()
    image = sample_image("gift", collection=beta.collection, title="Beta unreleased")
    return document, image


def tips(document):
    return (
        "tips",
        {
            "title": "Guide",
            "description": "",
            "document": document.pk,
            "cover": "",
            "link_label": "Download",
            "by_category": streamfield([]),
            "target_segments": {"count": 0},
        },
    )


def image_block(image):
    return (
        "image",
        {"image": image.pk, "alt": "x", "caption": "", "target_segments": {"count": 0}},
    )


def page_form(body, variants=()):
    form = nested_form_data(
        {
            "title": "Thanks",
            "slug": "thanks",
            "priority": 50,
            "cta_limit": 1,
            "body": streamfield(body),
            "variants": inline_formset(
                [{"name": "B", "weight": 50, "body": streamfield(v)} for v in variants]
            ),
        }
    )
    for key in [k for k in form if k.endswith("by_category-count")]:
        form[key] = 0
    return form


@pytest.fixture
def editor_and_page(make_shop, make_page):
    alpha = make_shop("alpha")
    return login(alpha.editors, username="alpha-editor"), make_page(alpha, title="Ours")


def test_another_shops_document_or_image_cannot_be_put_on_a_page(editor_and_page, theirs):
    editor, page = editor_and_page
    document, image = theirs
    revisions = page.revisions.count()
    for body in ([tips(document)], [image_block(image)]):
        preview = editor.post(f"/cms/pages/{page.pk}/edit/preview/", page_form(body))
        assert preview.json()["is_valid"] is False
        response = editor.post(f"/cms/pages/{page.pk}/edit/", page_form(body))
        assert response.status_code == 200
        assert "not in this shop&#x27;s media" in response.content.decode()
    assert page.revisions.count() == revisions, "nothing saved"


def test_nor_into_an_ab_variant(editor_and_page, theirs):
    editor, page = editor_and_page
    document, _image = theirs
    response = editor.post(
        f"/cms/pages/{page.pk}/edit/", page_form([], variants=[[tips(document)]])
    )
    assert response.status_code == 200
    assert "not in this shop&#x27;s media" in response.content.decode()
    assert not ThankYouPage.objects.get(pk=page.pk).variants.exists()


def test_the_shops_own_media_are_accepted(editor_and_page):
    editor, page = editor_and_page
    own = sample_image("gift", collection=page.shop.collection, title="Ours")
    response = editor.post(f"/cms/pages/{page.pk}/edit/", page_form([image_block(own)]))
    assert response.status_code == 302
    assert page.revisions.count() == 2


def test_a_new_page_may_show_the_shops_own_image_for_its_own_segment(make_shop):
    alpha = make_shop("alpha")
    editor = login(alpha.editors, username="alpha-editor")
    own = sample_image("gift", collection=alpha.collection, title="Ours")
    guests = Segment.objects.create(
        shop=alpha, name="Guests", conditions=[("customer_type", {"customer": "guest"})]
    )
    root = ShopRootPage.objects.get(shop=alpha, locale__language_code=alpha.default_locale)
    form = {**page_form([image_block(own)]), "segment": guests.pk, "action-publish": "publish"}
    response = editor.post(f"/cms/pages/add/thankyou/thankyoupage/{root.pk}/", form)
    errors = response.content.decode() if response.status_code == 200 else ""
    assert "not in this shop&#x27;s media" not in errors
    assert "Choose a segment of this page&#x27;s shop" not in errors
    assert response.status_code == 302
    page = ThankYouPage.objects.get(shop=alpha)
    assert page.live and page.segment == guests and page.body[0].value["image"] == own


def test_the_admin_api_lists_only_the_shops_own_media(editor_and_page, theirs):
    editor, page = editor_and_page
    document = get_document_model()(title="Alpha guide", collection=page.shop.collection)
    document.file.save("alpha.pdf", ContentFile(b"%PDF-1.4 ALPHA"), save=False)
    document.save()
    ours = (document, sample_image("gift", collection=page.shop.collection, title="Alpha gift"))
    for endpoint, own_item, theirs_item in zip(("documents", "images"), ours, theirs, strict=True):
        listing = editor.get(f"/cms/api/main/{endpoint}/")
        assert listing.status_code == 200
        titles = [item["title"] for item in listing.json()["items"]]
        assert own_item.title in titles, endpoint
        assert theirs_item.title not in titles, endpoint
        assert editor.get(f"/cms/api/main/{endpoint}/{theirs_item.pk}/").status_code == 404


def test_the_admin_api_lists_the_shops_own_media(make_shop):
    alpha = make_shop("alpha")
    sample_image("gift", collection=alpha.collection, title="Alpha gift")
    editor = login(alpha.editors, username="alpha-editor")
    titles = [item["title"] for item in editor.get("/cms/api/main/images/").json()["items"]]
    assert "Alpha gift" in titles


def test_documents_reach_only_their_shops_editors_and_our_links(
    theirs, make_shop, client, settings
):
    from thankyou.core.models import Shop
    from thankyou.media.downloads import document_url

    settings.SERVE_MEDIA = True
    document, _image = theirs
    wagtail_url = document.url  # the admin's download link; its ids count up
    assert client.get(wagtail_url).status_code == 404
    assert login(make_shop("alpha").editors).get(wagtail_url).status_code == 404
    beta_editor = login(Shop.objects.get(key="beta").editors, username="beta-editor")
    assert b"BETA-CONFIDENTIAL" in b"".join(beta_editor.get(wagtail_url).streaming_content)
    assert client.get(f"/media/{document.file.name}").status_code == 404  # its file by name
    # Customers download through the links rendered pages carry.
    assert client.get(document_url(document)).status_code == 200


def test_documents_are_refused_by_every_name_of_their_file(theirs, client, settings):
    settings.SERVE_MEDIA = True  # the default with DEBUG: this server serves /media/
    document, image = theirs
    name = document.file.name  # documents/beta.pdf
    assert name.startswith("documents/")
    rest = name.removeprefix("documents/")
    for path in (
        name,
        f"/{name}",  # /media//documents/…
        f"./{name}",
        f"images/../{name}",
        f"original_images/../{name}",
        f"documents//{rest}",
        f"documents/./{rest}",
        f"Documents/{rest}",  # a case-insensitive file system opens it
        f"%2e/{name}",
        f"images/%2e%2e/{name}",
        f"images%2F..%2F{name}",
        f"documents%2F{rest}",
        f"%2Fdocuments/{rest}",
        f"images/..\\{name}",
    ):
        response = client.get(f"/media/{path}")
        assert response.status_code == 404, path
        content = b"".join(getattr(response, "streaming_content", [response.content]))
        assert b"BETA-CONFIDENTIAL" not in content, path
    # Images are served there, by their normalised name only.
    assert client.get(f"/media/{image.file.name}").status_code == 200
    assert client.get(f"/media/images/../{image.file.name}").status_code == 404
