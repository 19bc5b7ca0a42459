"""Analytics by channel: the shop's page, the e-mail (opens) and the hosted order page."""

import csv
import io
import json
import re
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import User
from django.test import Client
from wagtail.users.models import UserProfile

from tests.conftest import make_claims, send_events
from thankyou.analytics import reports, rollup
from thankyou.analytics.models import DailyCount, Event
from thankyou.blocks.quiz import QuizBlock

pytestmark = pytest.mark.django_db

BODY = [
    ("heading", {"text": "Danke", "subtitle": ""}),
    ("quiz", QuizBlock().get_preview_value()),
]
DASHBOARD = "/cms/thankyou/analytics/"


@pytest.fixture(autouse=True)
def _no_lag(settings):
    settings.THANKYOU = {**settings.THANKYOU, "ROLLUP_LAG": 0}


@pytest.fixture
def email(api, shop, make_page, token_for):
    make_page(shop, body=BODY, title="Danke-Seite")

    def render(order="1001", **overrides):
        claims = make_claims(shop)
        claims["order"] = {**claims["order"], "id": order}
        response = api.render(
            {"token": token_for(shop, **{**claims, **overrides}), "format": "email"}
        )
        assert response.status_code == 200, response.content
        return response.json()

    return render


def open_image(html):
    found = re.findall(r'<img src="([^"]*/open\.gif)"[^>]*>', html)
    return found[0] if found else None


def test_no_tracking_image_unless_the_shop_counts_opens(email):
    assert open_image(email()["html"]) is None


def test_the_tracking_image_counts_one_open_per_order_and_names_no_customer(email, shop):
    shop.email_open_tracking = True
    shop.save()
    data = email()
    url = open_image(data["html"])
    assert url and 'width="1" height="1" alt=""' in data["html"]
    assert url not in data["text"]
    for secret in ("anna", "1001", "example.com"):
        assert secret not in url.lower()
    path = urlsplit(url).path
    for _ in range(3):  # the e-mail opened again, or shown in two clients
        response = Client().get(path)
        assert response.status_code == 200
        assert response["Content-Type"] == "image/gif" and response.content.startswith(b"GIF")
        assert response["Cache-Control"] == "no-store"
    assert list(Event.objects.values_list("type", "channel")) == [("email_open", "email")]
    Client().get(urlsplit(open_image(email(order="1002")["html"])).path)
    rollup.roll_up()
    channels = {row["channel"]: row for row in reports.channels(DailyCount.objects.all())}
    assert channels["email"]["email_opens"] == 2


def test_a_tampered_image_url_gets_404(email, shop):
    shop.email_open_tracking = True
    shop.save()
    path = urlsplit(open_image(email()["html"])).path
    signed = path.split("/")[2]
    tampered = signed[:5] + ("A" if signed[5] != "A" else "B") + signed[6:]
    for broken in (f"/o/{tampered}/open.gif", "/o/nothing/open.gif", "/o/x:y/open.gif"):
        response = Client().get(broken)
        assert response.status_code == 404
        assert response.json()["field"] == "signed"
    assert not Event.objects.exists()


def test_no_image_for_test_orders(email, shop):
    shop.email_open_tracking = True
    shop.save()
    assert open_image(email(test=True)["html"]) is None


def hosted_render(api, email):
    """Follow the e-mail's link to the hosted page and render what its embed shows."""
    page = Client().get(urlsplit(email()["hosted_url"]).path).content.decode()
    token = re.search(r'data-token="([^"]+)"', page).group(1)
    response = api.render({"token": token})
    assert response.status_code == 200, response.content
    return response.json()


def test_views_and_answers_on_the_hosted_page_count_apart_from_the_shop(
    api, email, shop, token_for, client
):
    render = hosted_render(api, email)
    quiz = render["blocks"][1]["id"]
    events = [{"type": "view"}, {"type": "answer", "block": quiz, "detail": "0:1"}]
    response = api.post(
        "/api/v1/events",
        data=json.dumps({"action_token": render["action_token"], "events": events}),
        content_type="text/plain",
    )
    assert response.status_code == 200, response.content
    send_events(api, token_for, shop, "2002", [("view", None, {}), ("view", None, {})])
    assert sorted(Event.objects.values_list("type", "channel")) == [
        ("answer", "hosted"),
        ("view", "embed"),
        ("view", "embed"),
        ("view", "hosted"),
    ]
    rollup.roll_up()
    channels = {row["channel"]: row for row in reports.channels(DailyCount.objects.all())}
    assert channels["hosted"]["views"] == 1
    assert channels["embed"]["views"] == 2
    hosted_answers = {a["label"]: a["value"] for a in channels["hosted"]["actions"]}
    assert hosted_answers["Answers"] == 1
    assert {a["label"]: a["value"] for a in channels["embed"]["actions"]}["Answers"] == 0

    editor = User.objects.create_user("editor", password="x")
    editor.groups.add(shop.editors)
    client.force_login(editor)
    html = client.get(DASHBOARD).content.decode()
    assert "By channel" in html and "Hosted page" in html
    export = client.get(DASHBOARD, {"export": "csv"})
    rows = list(csv.reader(io.StringIO(b"".join(export.streaming_content).decode())))
    page_row = dict(zip(rows[0], rows[1], strict=True))
    assert page_row["Views on the shop's page"] == "2"
    assert page_row["Views on the hosted page"] == "1"
    assert page_row["Answers on the hosted page"] == "1"
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "de"
    profile.save()
    german = client.get(DASHBOARD).content.decode()
    assert "Nach Kanal" in german and "Bestellseite" in german


def test_a_shop_token_cannot_claim_an_unknown_channel(api, shop, make_page, token_for):
    make_page(shop, body=BODY)
    response = api.render({"token": token_for(shop, **make_claims(shop), channel="email")})
    assert response.status_code == 400
    assert "channel" in response.json()["fields"]
