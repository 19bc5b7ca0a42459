"""The analytics dashboard: each shop's numbers, its A/B tests and CSV export."""

import csv
import io
import json
import re
from datetime import UTC, timedelta

import pytest
from django.contrib.auth.models import User
from django.utils import timezone
from wagtail.users.models import UserProfile

from tests.conftest import send_events
from thankyou.analytics import ab_testing, rollup
from thankyou.analytics.models import ABTest, DailyCount
from thankyou.blocks.quiz import QuizBlock
from thankyou.pages.models import ThankYouPageVariant

pytestmark = pytest.mark.django_db

URL = "/cms/thankyou/analytics/"
BODY = [
    ("heading", {"text": "Danke", "subtitle": ""}),
    ("text", {"text": "<p>Frisch geröstet.</p>"}),
]


@pytest.fixture(autouse=True)
def _no_lag(settings):
    settings.THANKYOU = {**settings.THANKYOU, "ROLLUP_LAG": 0}


def member(shop, role="editors", name=None):
    user = User.objects.create_user(name or f"{shop.key}-{role}", password="x")
    user.groups.add(getattr(shop, role))
    return user


@pytest.fixture
def traffic(api, token_for, shop, make_page):
    page = make_page(shop, body=BODY, title="Danke-Seite")
    for n in range(5):
        events = [("view", None, {}), ("block_view", 1, {})]
        if n < 2:
            events.append(("click", 1, {}))
        send_events(api, token_for, shop, f"order-{n}", events)
    rollup.roll_up()
    return page


def test_an_editor_sees_their_shops_numbers(client, shop, traffic):
    client.force_login(member(shop))
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Danke-Seite" in html
    rows = response.context["object_list"]
    page_row = next(row for row in rows if row["block_id"] == "")
    assert page_row["seen"] == 5
    text_row = next(row for row in rows if row["block"] == "Text")  # its name, not its type
    assert (text_row["seen"], text_row["click"], text_row["click_through"]) == (5, 2, 0.4)
    chart = json.loads(response.context["chart"] and json.dumps(response.context["chart"]))
    views = next(s for s in chart["series"] if s["metric"] == "view")
    assert views["data"][-1] == 5
    assert "No answers in this period yet" in html  # an honest empty state
    # One definition per figure: the tile counts orders, as the table's column.
    tile = next(t for t in response.context["totals"] if t["label"] == "Orders that saw a page")
    assert tile["value"] == page_row["seen"] == 5
    for name, label in (("day_from", "Date from"), ("day_to", "Date to")):
        assert re.search(rf'<input[^>]*name="{name}"[^>]*aria-label="{label}"', html), name


def test_todays_numbers_show_after_midnight_in_the_shops_time_zone(
    client, shop, make_page, api, token_for, monkeypatch
):
    # 23:30 UTC is already tomorrow in Berlin: the roll-up files the view
    # under the shop's day, and the dashboard's period must reach that day.
    late = timezone.now().replace(hour=23, minute=30, second=0, microsecond=0, tzinfo=UTC)
    monkeypatch.setattr(timezone, "now", lambda: late)
    assert shop.timezone == "Europe/Berlin"
    make_page(shop, body=BODY, title="Spät")
    send_events(api, token_for, shop, "night-1", [("view", None, {})])
    monkeypatch.setattr(timezone, "now", lambda: late + timedelta(minutes=1))
    rollup.roll_up()
    client.force_login(member(shop))
    rows = client.get(URL).context["object_list"]
    assert next(row for row in rows if row["block_id"] == "")["seen"] == 1


def test_answer_shares_are_of_the_orders_that_answered_the_same_question(
    client, api, token_for, shop, make_page
):
    quiz_value = QuizBlock().get_preview_value()
    make_page(shop, body=[("quiz", quiz_value)])
    # As the embed sends a two-question quiz: "question:option"; every order
    # chose option 0 in question 0, half of them option 1 in question 1.
    paid = [("10", "EUR"), ("100", "USD"), ("30", "EUR"), ("20", "EUR")]
    for n, (total, currency) in enumerate(paid):
        answers = [("answer", 0, {"detail": "0:0"}), ("answer", 0, {"detail": f"1:{n % 2}"})]
        send_events(api, token_for, shop, f"o-{n}", answers, total=total, currency=currency)
    rollup.roll_up()
    client.force_login(member(shop))
    response = client.get(URL)
    (quiz,) = response.context["distributions"]

    def said(question, option):  # in the merchant's words: question and answer text
        asked = quiz_value["questions"][question]
        return f"{asked['question']}: {asked['options'][option]['label']}"

    shares = {row["choice"]: row["share"] for row in quiz["choices"]}
    assert shares == {said(0, 0): 1.0, said(1, 0): 0.5, said(1, 1): 0.5}
    assert quiz["block"] == f"Quiz: {quiz_value['heading']}"
    assert quiz["currencies"] == ["EUR", "USD"]
    # Question 1, option 0: orders 0 and 2, EUR 40 of the question's EUR 60.
    weighted = {row["choice"]: list(row["value_share"].items()) for row in quiz["choices"]}
    assert [(cur, round(float(share), 3)) for cur, share in weighted[said(1, 0)]] == [
        ("EUR", 0.667),
        ("USD", 0.0),
    ]
    html = response.content.decode()
    assert 'order value (EUR)</th><th scope="col">Share weighted by order value (USD)' in html
    assert "<td>66.7 %</td><td>0.0 %</td>" in html


def test_an_editor_of_shop_a_sees_nothing_of_shop_b(
    client, make_shop, make_page, api, token_for, traffic, shop
):
    other = make_shop("other")
    client.force_login(member(other))
    response = client.get(URL)
    assert response.status_code == 200
    assert "Danke-Seite" not in response.content.decode()
    assert response.context["object_list"] == []
    # Once shop B has numbers of its own, its editor sees those, and still none of A's.
    make_page(other, body=BODY, title="Andere Seite")
    send_events(api, token_for, other, "other-1", [("view", None, {})])
    rollup.roll_up()
    response = client.get(URL)
    assert "Andere Seite" in response.content.decode()
    assert "Danke-Seite" not in response.content.decode()
    assert [row["seen"] for row in response.context["object_list"] if not row["block_id"]] == [1]
    assert client.get(URL, {"shop": shop.pk}).status_code == 404
    assert client.get(URL, {"shop": shop.pk, "export": "csv"}).status_code == 404
    assert client.get(URL, {"shop": "x"}).status_code == 404


def test_someone_of_no_shop_is_refused(client, traffic):
    client.force_login(User.objects.create_user("nobody", password="x"))
    assert client.get(URL).status_code in (302, 403)


def test_csv_export_escapes_formulas(client, shop, make_page, api, token_for):
    page = make_page(shop, body=BODY, title="=HYPERLINK(evil)")
    send_events(api, token_for, shop, "o-1", [("view", None, {})])
    rollup.roll_up()
    client.force_login(member(shop))
    response = client.get(URL, {"export": "csv"})
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][:3] == ["Page", "Variant", "Block"]
    assert rows[1][0] == "'=HYPERLINK(evil)"
    assert page.pk


def test_the_period_filter(client, shop, traffic):
    DailyCount.objects.update(day=timezone.localdate() - timedelta(days=60))
    client.force_login(member(shop))
    assert client.get(URL).context["object_list"] == []
    old = (timezone.localdate() - timedelta(days=61)).isoformat()
    response = client.get(URL, {"day_from": old})
    assert response.context["object_list"]


def test_a_period_with_only_an_end_is_the_30_days_up_to_it_and_no_period_is_endless(
    client, shop, traffic
):
    DailyCount.objects.update(day=timezone.localdate() - timedelta(days=60))
    client.force_login(member(shop))
    end = timezone.localdate() - timedelta(days=50)
    response = client.get(URL, {"day_to": end.isoformat()})
    assert (response.context["start"], response.context["end"]) == (end - timedelta(29), end)
    assert response.context["object_list"], "the counts of 60 days ago"
    endless = client.get(URL, {"day_from": "0001-01-01", "day_to": "9999-12-31"})
    assert endless.status_code == 200
    assert len(endless.context["chart"]["labels"]) == 366


@pytest.mark.parametrize(
    ("language", "period"),
    [("en", "Nov. 1, 2026 to Nov. 30, 2026."), ("de", "1. November 2026 bis 30. November 2026.")],
)
def test_the_period_is_dated_as_every_other_date_of_the_admin(shop, traffic, language, period):
    from tests.conftest import login

    editor = login(shop.editors, username=f"editor-{language}", language=language)
    html = editor.get(URL, {"day_from": "2026-11-01", "day_to": "2026-11-30"}).content.decode()
    assert period in html


def test_a_german_editor_exports_german_headings(client, shop, traffic):
    editor = member(shop)
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "de"
    profile.save()
    client.force_login(editor)
    response = client.get(URL, {"export": "csv"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][:3] == ["Seite", "Variante", "Block"]


def test_start_a_test_and_end_it_promoting_the_winner(client, shop, traffic, api, token_for):
    page = traffic
    page.variants = [ThankYouPageVariant(name="Kurz", weight=50, body=BODY[:1])]
    page.save_revision().publish()
    editor = member(shop)
    client.force_login(editor)
    assert "Start a test of" in client.get(URL).content.decode()

    start = f"/cms/thankyou/analytics/tests/start/{page.pk}/"
    response = client.post(start, {"goal": "click", "baseline": "150", "effect": "5"})
    assert response.status_code == 200 and not ABTest.objects.exists()  # a bad baseline
    response = client.post(start, {"goal": "click", "baseline": "10", "effect": "5"})
    assert response.status_code == 302
    test = ABTest.objects.get()
    assert test.sample_size == 686  # decided now, before any data
    assert [arm["weight"] for arm in test.arms] == [50, 50]

    for n in range(30):
        send_events(api, token_for, shop, f"t-{n}", [("view", None, {})])
    rollup.roll_up()
    response = client.get(URL)
    html = response.content.decode()
    assert "Collecting data" in html  # no early winner
    variants = {row["variant"] for row in response.context["object_list"]}
    assert {"Kurz", "original"} <= variants, "by the names the merchant gave them"
    assert not any(re.fullmatch(r"\d+-\w+", str(name)) for name in variants)
    result = ab_testing_result(test)
    assert sum(arm["orders"] for arm in result["arms"]) == 30

    response = client.post(f"/cms/thankyou/analytics/tests/{test.pk}/end/", {"winner": "B"})
    assert response.status_code == 302
    test.refresh_from_db()
    assert (test.running, test.winner) == (False, "B")
    body = api.render({"token": token_for(shop)}).json()
    assert body["variant"] == "" and len(body["blocks"]) == 1


def test_the_smallest_values_offered_start_a_test_and_no_data_shows_no_difference(
    client, shop, traffic
):
    page = traffic
    page.variants = [ThankYouPageVariant(name="Kurz", weight=50, body=BODY[:1])]
    page.save_revision().publish()
    client.force_login(member(shop))
    start = f"/cms/thankyou/analytics/tests/start/{page.pk}/"
    response = client.post(start, {"goal": "click", "baseline": "0.1", "effect": "0.1"})
    assert response.status_code == 302, response.context["form"].errors
    html = client.get(URL).content.decode()
    assert "0.0 pp" not in html, "no orders yet: no difference to show"


def test_a_variant_deleted_during_a_test_cannot_be_kept(client, shop, traffic, api, token_for):
    page = traffic
    page.variants = [ThankYouPageVariant(name="Kurz", weight=50, body=BODY[:1])]
    page.save_revision().publish()
    test = ab_testing.start(page, goal="click", baseline=10, effect=5, sample_size=700)
    page.variants = []
    page.save_revision().publish()
    client.force_login(member(shop))
    assert "deleted from the page" in client.get(URL).content.decode()
    end = f"/cms/thankyou/analytics/tests/{test.pk}/end/"
    assert 'value="B" required disabled' in client.get(end).content.decode()
    refused = client.post(end, {"winner": "B"})
    assert refused.status_code == 200
    test.refresh_from_db()
    assert test.running and test.winner == ""
    assert client.post(end, {"winner": "A"}).status_code == 302
    test.refresh_from_db()
    assert (test.running, test.winner) == (False, "A")
    assert len(api.render({"token": token_for(shop)}).json()["blocks"]) == 2, "the original"


def ab_testing_result(test):
    from thankyou.analytics.reports import ab_result

    return ab_result(test)


def test_another_shops_editor_cannot_start_or_end_tests(client, shop, make_shop, traffic):
    page = traffic
    page.variants = [ThankYouPageVariant(name="Kurz", weight=50, body=BODY[:1])]
    page.save_revision().publish()
    test = ab_testing.start(page, goal="click", baseline=10, effect=5, sample_size=686)
    client.force_login(member(make_shop("other")))
    assert client.get(f"/cms/thankyou/analytics/tests/start/{page.pk}/").status_code == 404
    assert (
        client.post(f"/cms/thankyou/analytics/tests/{test.pk}/end/", {"winner": "B"}).status_code
        == 404
    )
    test.refresh_from_db()
    assert test.running
