"""
A block that takes one kind of file offers only files of that kind: the team
video's chooser lists videos, the tips block's PDFs, each of the shop's own.
"""

import re

import pytest
from modelsearch import index
from wagtail.documents import get_document_model

from tests.conftest import logged_in, login
from thankyou.blocks.samples import sample_document
from thankyou.blocks.video import VideoBlock

pytestmark = pytest.mark.django_db


@pytest.fixture
def documents(make_shop, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    alpha, beta = make_shop("alpha"), make_shop("beta")
    for shop, filename, title in (
        (alpha, "team.mp4", "Team video"),
        (alpha, "team.webm", "Team video small"),
        (alpha, "guide.pdf", "Team guide"),
        (alpha, "team.vtt", "Team captions"),
        (beta, "beta.mp4", "Beta video"),
    ):
        document = sample_document(filename, title=title, collection=shop.collection, data=b"x")
        index.insert_or_update_object(document)  # else the worker's task does it
    return alpha


def chooser_urls(html):
    """The choosers' addresses in the page editor, by the extensions they ask for."""
    return {
        query: f"/cms/documents/chooser-of-types/?types={query}"
        for query in re.findall(r"/cms/documents/chooser-of-types/\?types=([\w%]+)", html)
    }


def listed(response):
    is_json = "json" in response["Content-Type"]
    html = response.json()["html"] if is_json else response.content.decode()
    names = get_document_model().objects.values_list("title", flat=True)
    return {name for name in names if re.search(rf">\s*{re.escape(name)}\s*<", html)}


def test_the_video_and_tips_choosers_list_only_their_kind_of_the_shops_files(documents, make_page):
    page = make_page(documents, body=[("video", VideoBlock().get_preview_value())])
    editor = login(documents.editors)
    urls = chooser_urls(editor.get(f"/cms/pages/{page.pk}/edit/").content.decode())
    assert set(urls) == {"mp4%2Cwebm", "vtt", "pdf"}, "video, captions, tips"

    assert listed(editor.get(urls["mp4%2Cwebm"])) == {"Team video", "Team video small"}
    assert listed(editor.get(urls["pdf"])) == {"Team guide"}
    assert listed(editor.get(urls["vtt"])) == {"Team captions"}


def test_searching_and_paging_keep_the_kind(documents):
    editor = login(documents.editors)
    modal = editor.get("/cms/documents/chooser-of-types/?types=mp4,webm").json()["html"]
    assert 'action="/cms/documents/chooser-of-types/results/?types=mp4%2Cwebm"' in modal
    searched = editor.get(
        "/cms/documents/chooser-of-types/results/", {"types": "mp4,webm", "q": "team"}
    )
    assert listed(searched) == {"Team video", "Team video small"}


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_editor_chooses_the_team_video_among_videos_only(browser, server, documents, make_page):
    from playwright.sync_api import expect

    page_obj = make_page(documents, body=[("video", VideoBlock().get_preview_value())])
    page = logged_in(browser, server, documents.editors)
    page.goto(f"{server}/cms/pages/{page_obj.pk}/edit/")
    video = page.locator("[data-contentpath='file']").first
    video.get_by_role("button", name="Choose a document").click()
    modal = page.locator(".modal-content")
    modal.get_by_role("link", name="Team video small").wait_for()
    assert modal.get_by_role("link", name="Team guide").count() == 0
    modal.get_by_role("link", name="Team video small").click()
    expect(video).to_contain_text("Team video small")
