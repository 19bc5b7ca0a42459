"""The team video: uploaded files and YouTube/Vimeo behind a privacy facade."""

import pytest
from django.core.exceptions import ValidationError

from thankyou.blocks.samples import render_block, sample_document, sample_image
from thankyou.blocks.video import VideoBlock, parse_video_url

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.youtube.com/watch?v=M7lc1UVf-VE", ("youtube", "M7lc1UVf-VE", "")),
        ("https://youtu.be/M7lc1UVf-VE?t=3", ("youtube", "M7lc1UVf-VE", "")),
        ("https://www.youtube.com/shorts/M7lc1UVf-VE", ("youtube", "M7lc1UVf-VE", "")),
        ("https://vimeo.com/76979871", ("vimeo", "76979871", "")),
        ("https://vimeo.com/76979871/8272103f6e", ("vimeo", "76979871", "8272103f6e")),
        (
            "https://player.vimeo.com/video/76979871?h=8272103f6e",
            ("vimeo", "76979871", "8272103f6e"),
        ),
        ("https://www.youtube.com/watch?v=<script>", None),
        ("javascript:alert(1)//youtube.com/watch?v=M7lc1UVf-VE", None),
        ("https://evil.example/watch?v=M7lc1UVf-VE", None),
    ],
)
def test_video_links_are_recognised_strictly(url, expected):
    assert parse_video_url(url) == expected


def test_preview_value_shows_a_poster_and_play_link_but_no_player():
    html = render_block(VideoBlock(), name="video")
    assert "<iframe" not in html
    assert 'data-embed="https://www.youtube-nocookie.com/embed/M7lc1UVf-VE?autoplay=1' in html
    assert 'href="https://www.youtube.com/watch?v=M7lc1UVf-VE"' in html
    assert "Video abspielen: Ein Gruß aus unserer Rösterei" in html
    assert "ytimg" not in html  # the poster is ours, not the provider's thumbnail


def test_vimeo_player_does_not_track(shop, rendered):
    value = {
        "title": "Hallo",
        "file": None,
        "url": "https://vimeo.com/76979871",
        "poster": None,
        "captions": None,
        "captions_on": False,
        "caption": "Zwei Minuten aus der Rösterei",
    }
    body = rendered(shop, [("video", value)])
    assert "https://player.vimeo.com/video/76979871?autoplay=1&amp;dnt=1" in body["html"]
    # The merchant's caption and our privacy note are two sentences, not one line.
    assert "Zwei Minuten aus der Rösterei<br>" in body["html"]
    # The facade's script turns it into the player; a page with a file video needs none.
    assert [url.rsplit("/", 1)[1].split(".")[0] for url in body["scripts"]] == ["facade"]
    assert ".ty-video__play{" in body["css"] and ".ty-video .ty-embed" in body["css"]


def test_uploaded_video_with_captions_plays_from_our_server(shop, rendered, client):
    video = sample_document("roastery.webm")
    captions = sample_document("roastery.de.vtt")
    value = {
        "title": "Gruß aus der Rösterei",
        "file": video,
        "url": "",
        "poster": None,
        "captions": captions,
        "captions_on": True,
        "caption": "",
    }
    body = rendered(shop, [("video", value)])
    html = body["html"]
    assert 'preload="none"' in html and 'crossorigin="anonymous"' in html
    assert 'aria-label="Gruß aus der Rösterei"' in html
    assert '<track kind="captions" src="http://127.0.0.1:8000/d/' in html
    assert 'srclang="de"' in html
    assert ".ty-video__media" in body["css"]
    assert "ty-video__play" not in body["css"]  # no facade on this page: not its CSS either
    assert body["scripts"] == []  # nor its script

    src = body["blocks"][0]["value"]["src"]
    ranged = client.get(src, HTTP_RANGE="bytes=0-99")
    assert ranged.status_code == 206
    assert ranged["Content-Range"] == f"bytes 0-99/{video.file.size}"
    assert ranged["Access-Control-Allow-Origin"] == "*"
    assert len(b"".join(ranged.streaming_content)) == 100
    assert client.get(src, HTTP_RANGE="bytes=999999999-").status_code == 416

    track = client.get(body["blocks"][0]["value"]["captions"])
    assert track["Content-Type"] == "text/vtt"
    assert b"".join(track.streaming_content).startswith(b"WEBVTT")


def test_the_poster_of_an_uploaded_video_loads_on_the_shops_page(shop, rendered, client, settings):
    # The <video> fetches its poster with CORS (crossorigin, for the captions):
    # without the header the browser shows a black box on the shop's page.
    value = {
        "title": "Gruß aus der Rösterei",
        "file": sample_document("roastery.webm"),
        "url": "",
        "poster": sample_image("roastery"),
        "captions": None,
        "captions_on": False,
        "caption": "",
    }
    html = rendered(shop, [("video", value)])["html"]
    poster = html.split(' poster="')[1].split('"')[0].removeprefix(settings.PUBLIC_URL)
    assert poster.startswith("/media/images/")

    settings.SERVE_MEDIA = True
    response = client.get(poster, HTTP_ORIGIN="https://acme.example")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"

    settings.SERVE_MEDIA = False  # production: the proxy serves media (docs/operating.md)
    assert client.get(poster).status_code == 404


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"url": ""}, "url"),  # neither file nor link
        ({"url": "https://example.com/video"}, "url"),  # not YouTube or Vimeo
    ],
)
def test_a_video_needs_one_valid_source(changes, field):
    block = VideoBlock()
    value = {
        "title": "T",
        "file": None,
        "url": "https://youtu.be/M7lc1UVf-VE",
        "poster": None,
        "captions": None,
        "captions_on": True,
        "caption": "",
        **changes,
    }
    with pytest.raises(ValidationError) as error:
        block.clean(block.normalize(value))
    assert field in error.value.block_errors


def test_a_pdf_is_not_a_video():
    block = VideoBlock()
    pdf = sample_document("x.pdf", data=b"%PDF-1.4\n")
    value = {
        "title": "T",
        "file": pdf,
        "url": "",
        "poster": None,
        "captions": None,
        "captions_on": True,
        "caption": "",
    }
    with pytest.raises(ValidationError):
        block.clean(block.normalize(value))


def test_a_draft_may_leave_the_video_for_later_but_not_publish_without_one():
    block = VideoBlock()
    value = block.normalize({"title": "T", "file": None, "url": "", "captions_on": True})
    assert block.clean_deferred(value)["url"] == ""  # saving a draft, autosave
    with pytest.raises(ValidationError):
        block.clean(value)  # publishing
