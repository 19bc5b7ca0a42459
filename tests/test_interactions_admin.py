"""The admin's answers, sign-ups, gift codes and webhooks: per shop, exportable."""

import csv
import io
import re
from datetime import UTC, datetime

import openpyxl
import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation

from tests.conftest import login
from thankyou.blocks.models import GiftCode, GiftPool, NewsletterSignup, QuizAnswer, SurveyAnswer
from thankyou.webhooks.models import WebhookAttempt, WebhookDelivery, WebhookSubscription

pytestmark = pytest.mark.django_db


@pytest.fixture
def shops(make_shop):
    return make_shop("alpha", name="Alpha Roasters"), make_shop("beta", name="Beta Beans")


def survey(shop, order_id, text, option="other"):
    return SurveyAnswer.objects.create(
        shop=shop,
        order_id=order_id,
        block_id="b",
        kind="survey",
        option=option,
        option_label=option.title(),
        other_text=text,
        total="12.50",
        currency="EUR",
    )


def signup(shop, email):
    return NewsletterSignup.objects.create(
        shop=shop,
        order_id=f"o-{email}",
        block_id="n",
        kind="newsletter",
        email=email,
        consent_text="Yes please",
        consent_version="v1",
    )


def test_an_editor_sees_the_own_shops_answers_only(shops):
    alpha, beta = shops
    mine = survey(alpha, "A-1", "alpha text")
    theirs = survey(beta, "B-1", "beta secret")
    QuizAnswer.objects.create(
        shop=beta, order_id="B-2", block_id="q", kind="quiz", answers=[0], outcome="beta-outcome"
    )
    QuizAnswer.objects.create(
        shop=alpha, order_id="A-2", block_id="q", kind="quiz", answers=[0], outcome="alpha-outcome"
    )
    editor = login(alpha.editors)

    listing = editor.get("/cms/survey_answers/").content.decode()
    assert "alpha text" in listing and "beta secret" not in listing
    assert "Beta Beans" not in listing  # not even in the shop filter's choices
    quizzes = editor.get("/cms/quiz_answers/").content.decode()
    assert "alpha-outcome" in quizzes and "beta-outcome" not in quizzes
    assert editor.get(f"/cms/survey_answers/inspect/{mine.pk}/").status_code == 200
    assert editor.get(f"/cms/survey_answers/inspect/{theirs.pk}/").status_code == 404
    assert editor.get(f"/cms/survey_answers/edit/{mine.pk}/").status_code in (302, 403)


def test_sign_ups_and_webhooks_are_for_owners(shops):
    alpha, beta = shops
    signup(alpha, "anna@example.com")
    signup(beta, "bert@example.com")
    editor = login(alpha.editors, username="editor")
    menu = editor.get("/cms/").content.decode()
    assert "Quiz answers" in menu and "Newsletter sign-ups" not in menu
    assert editor.get("/cms/newsletter_signups/").status_code in (302, 403)
    assert editor.get("/cms/webhook_subscriptions/").status_code in (302, 403)

    owner = login(alpha.owners, username="owner")
    listing = owner.get("/cms/newsletter_signups/").content.decode()
    assert "anna@example.com" in listing and "bert@example.com" not in listing


def test_csv_export_per_shop_escapes_formulas(shops):
    alpha, beta = shops
    survey(alpha, "A-1", '=HYPERLINK("http://evil.example","click")')
    survey(alpha, "A-2", "+1 555", option="search")
    survey(alpha, "A-3", "@SUM(A1)")
    survey(beta, "B-1", "other shop")
    admin = login(superuser=True)
    response = admin.get("/cms/survey_answers/", {"export": "csv", "shop": alpha.pk})
    assert response.status_code == 200 and response["Content-Type"] == "text/csv"
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    texts = sorted(row[6] for row in rows[1:])
    assert texts == ["'+1 555", '\'=HYPERLINK("http://evil.example","click")', "'@SUM(A1)"]
    assert all(row[7] == "12.50" for row in rows[1:])


def test_a_german_csv_says_ja_and_nein(shops):
    alpha, _beta = shops
    survey(alpha, "A-1", "Radio")
    SurveyAnswer.objects.filter(order_id="A-1").update(test=True)
    survey(alpha, "A-2", "Podcast")
    editor = login(alpha.editors, language="de")
    response = editor.get("/cms/survey_answers/", {"export": "csv"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][-1] == "Testbestellung"
    assert sorted(row[-1] for row in rows[1:]) == ["ja", "nein"]


def test_xlsx_export_writes_a_formula_as_text(shops):
    alpha, _beta = shops
    formula = '=HYPERLINK("http://evil.example","click")'
    survey(alpha, "A-1", formula)
    response = login(superuser=True).get("/cms/survey_answers/", {"export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    cells = [cell for row in sheet.iter_rows() for cell in row if "HYPERLINK" in str(cell.value)]
    assert [(cell.data_type, cell.value) for cell in cells] == [("s", formula)]


def test_csv_export_writes_yes_and_no_and_times_for_people(shops):
    alpha, _beta = shops
    survey(alpha, "A-1", "a podcast")
    response = login(superuser=True).get("/cms/survey_answers/", {"export": "csv"})
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    (row,) = rows
    assert row["Test order"] == "no"
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\+0[12]:00", row["Time"]), "Berlin"


def test_listings_show_words_and_icons_not_python_values(shops):
    alpha, _beta = shops
    WebhookSubscription.objects.create(
        shop=alpha, url="https://hooks.example/x", events=["quiz.answered", "gift.claimed"]
    )
    QuizAnswer.objects.create(
        shop=alpha, order_id="A-9", block_id="q", kind="quiz", answers=[1], outcome="espresso"
    )
    owner = login(alpha.owners)
    listing = owner.get("/cms/webhook_subscriptions/").content.decode()
    assert "Quiz answer, Gift claimed" in listing
    assert "[&#x27;quiz.answered&#x27;" not in listing and ">True<" not in listing
    answers = owner.get("/cms/quiz_answers/").content.decode()
    assert ">False<" not in answers and "icon-cross" in answers


def test_uploading_a_csv_of_gift_codes(shops):
    alpha, beta = shops
    GiftCode.objects.create(shop=alpha, code="KNOWN")
    GiftPool.objects.create(shop=alpha, missed=3, empty_since=timezone.now())
    editor = login(alpha.editors)
    form = editor.get("/cms/gift_codes/upload/").context["form"]
    assert form["shop"].value() == alpha.pk, "the editor's only shop is chosen already"
    csv_file = SimpleUploadedFile(
        "codes.csv", b"code\nNEW-1\nNEW-2\nKNOWN\nNEW-1\n\nhas space\n", "text/csv"
    )
    response = editor.post("/cms/gift_codes/upload/", {"shop": alpha.pk, "file": csv_file})
    assert response.status_code == 302
    assert sorted(GiftCode.objects.filter(shop=alpha).values_list("code", flat=True)) == [
        "KNOWN",
        "NEW-1",
        "NEW-2",
    ]
    assert GiftPool.objects.get(shop=alpha).missed == 0
    said = [str(message) for message in get_messages(response.wsgi_request)]
    assert said == [
        "2 codes added to “The shop's shared pool”. 1 was in the pool already."
        " 1 line was skipped (too long or with spaces)."
    ]

    other = SimpleUploadedFile("codes.csv", b"SNEAKY\n", "text/csv")
    refused = editor.post("/cms/gift_codes/upload/", {"shop": beta.pk, "file": other})
    assert refused.status_code == 200 and "shop" in refused.context["form"].errors
    assert not GiftCode.objects.filter(shop=beta).exists()


def test_pasting_gift_codes_for_one_gift_block_of_the_only_shop(shops, make_page):
    from thankyou.blocks.gift_code import GiftCodeBlock

    alpha, beta = shops
    gift = {**GiftCodeBlock().get_preview_value(), "heading": "VIP gift"}
    vip = make_page(alpha, body=[("gift_code", gift)], title="VIP page")
    make_page(beta, body=[("gift_code", gift)], title="Beta page")
    editor = login(alpha.editors)
    page = editor.get("/cms/gift_codes/upload/")
    form = page.context["form"]
    assert form["shop"].value() == alpha.pk, "the editor's only shop is chosen already"
    block = vip.body[0].id
    assert [str(label) for _value, label in form.fields["pool"].choices] == [
        "The shop's shared pool",
        "VIP page: VIP gift",
    ], "the pool is chosen among the shop's gift blocks, by their titles"

    empty = editor.post("/cms/gift_codes/upload/", {"shop": alpha.pk, "pool": block})
    assert empty.context["form"].errors == {"codes": ["Paste codes or choose a CSV file."]}
    spaces = editor.post(
        "/cms/gift_codes/upload/", {"shop": alpha.pk, "pool": block, "codes": "a b\n \n"}
    )
    assert "No line holds a code" in spaces.context["form"].errors["codes"][0]

    pasted = "VIP-1\r\n  VIP-2  \n\nVIP-1\n"
    response = editor.post(
        "/cms/gift_codes/upload/", {"shop": alpha.pk, "pool": block, "codes": pasted}
    )
    assert response.status_code == 302
    assert sorted(GiftCode.objects.values_list("pool", "code")) == [
        (block, "VIP-1"),
        (block, "VIP-2"),
    ]
    said = [str(message) for message in get_messages(response.wsgi_request)]
    assert said == ["2 codes added to “VIP page: VIP gift”."]

    german = login(alpha.editors, username="deutsch", language="de")
    refused = german.post("/cms/gift_codes/upload/", {"shop": alpha.pk}).content.decode()
    assert "Füge Codes ein oder wähle eine CSV-Datei." in refused
    assert "Gemeinsamer Pool des Shops" in refused


def test_an_empty_pool_warns_the_merchant(shops):
    alpha, beta = shops
    GiftPool.objects.create(shop=alpha, missed=4, empty_since=timezone.now())
    GiftPool.objects.create(shop=beta, missed=9, empty_since=timezone.now())
    editor = login(alpha.editors)
    dashboard = editor.get("/cms/").content.decode()
    assert "“The shop&#x27;s shared pool”: 4 customers found no gift code" in dashboard
    assert "Beta Beans" not in dashboard and "9 customers" not in dashboard
    listing = editor.get("/cms/gift_codes/").content.decode()
    assert "“The shop&#x27;s shared pool” has no gift codes left: 4 customers" in listing

    GiftCode.objects.create(shop=alpha, code="FRESH")  # codes again: no warning
    assert "found no gift code" not in editor.get("/cms/").content.decode()


def test_the_empty_pool_warning_speaks_german_with_the_shop_s_local_time(shops):
    alpha, _beta = shops
    ran_out = datetime(2026, 12, 24, 9, 30, tzinfo=UTC)  # 10:30 in Berlin
    GiftPool.objects.create(shop=alpha, missed=1, empty_since=ran_out)
    editor = login(alpha.editors)
    with translation.override("de"):
        html = editor.get("/cms/gift_codes/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
        home = editor.get("/cms/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "1 Kunde konnte seit 24. Dezember 2026 10:30 kein Geschenk" in html
    assert "„Gemeinsamer Pool des Shops“: 1 Kunde hat seit 24. Dezember 2026 10:30" in home


def test_a_gift_block_s_empty_pool_is_named_and_cleared_by_codes_for_it(shops, make_page):
    from thankyou.blocks.gift_code import GiftCodeBlock

    alpha, _beta = shops
    gift = {**GiftCodeBlock().get_preview_value(), "heading": "VIP gift"}
    block = make_page(alpha, body=[("gift_code", gift)], title="VIP page").body[0].id
    GiftCode.objects.create(shop=alpha, pool=block, code="VIP-USED", claimed_at=timezone.now())
    GiftCode.objects.create(shop=alpha, code="SHARED-FREE")
    GiftPool.objects.create(shop=alpha, pool=block, missed=2, empty_since=timezone.now())
    editor = login(alpha.editors)
    assert (
        "“VIP page: VIP gift”: 2 customers found no gift code"
        in editor.get("/cms/").content.decode()
    )
    listing = editor.get("/cms/gift_codes/").content.decode()
    assert "“VIP page: VIP gift” has no gift codes left: 2 customers" in listing
    assert "shared pool” has no gift codes left" not in listing, "the shared pool has codes"

    editor.post("/cms/gift_codes/upload/", {"shop": alpha.pk, "codes": "SHARED-2"})
    assert "2 customers found no gift code" in editor.get("/cms/").content.decode()
    editor.post("/cms/gift_codes/upload/", {"shop": alpha.pk, "pool": block, "codes": "VIP-2"})
    assert "found no gift code" not in editor.get("/cms/").content.decode()
    assert GiftPool.objects.get(pool=block).missed == 0


def test_the_gift_code_list_says_each_code_s_gift_block(shops, make_page):
    from thankyou.blocks.gift_code import GiftCodeBlock

    alpha, _beta = shops
    gift = {**GiftCodeBlock().get_preview_value(), "heading": "VIP gift"}
    block = make_page(alpha, body=[("gift_code", gift)], title="VIP page").body[0].id
    GiftCode.objects.create(shop=alpha, pool=block, code="VIP-1")
    GiftCode.objects.create(shop=alpha, code="SHARED-1")
    GiftCode.objects.create(shop=alpha, pool="gone-block", code="OLD-1")
    editor = login(alpha.editors)
    rows = editor.get("/cms/gift_codes/").content.decode().split("<tr")

    def row_of(code):
        return next(row for row in rows if code in row)

    assert "VIP page: VIP gift" in row_of("VIP-1")
    assert "The shop&#x27;s shared pool" in row_of("SHARED-1")
    assert "A gift block no longer on any page" in row_of("OLD-1")
    vip_only = editor.get("/cms/gift_codes/", {"pool": f"{alpha.pk}:{block}"}).content.decode()
    assert "VIP-1" in vip_only and "SHARED-1" not in vip_only and "OLD-1" not in vip_only
    shared = editor.get("/cms/gift_codes/", {"pool": f"{alpha.pk}:"}).content.decode()
    assert "SHARED-1" in shared and "VIP-1" not in shared
    response = editor.get("/cms/gift_codes/", {"export": "csv"})
    export = b"".join(response.streaming_content).decode()
    lines = export.splitlines()
    assert lines[0].startswith("Code,Gift block,")
    assert "VIP-1,VIP page: VIP gift," in export


def test_an_owner_subscribes_a_webhook_for_the_own_shop(shops, dns):
    alpha, beta = shops
    dns["crm.example"] = "93.184.216.34"
    owner = login(alpha.owners)
    form = {
        "shop": alpha.pk,
        "url": "https://crm.example/hooks/thankyou",
        "events": ["newsletter.signed_up", "gift.claimed"],
        "description": "CRM",
        "active": "on",
    }
    assert owner.post("/cms/webhook_subscriptions/new/", form).status_code == 302
    subscription = WebhookSubscription.objects.get()
    assert subscription.events == ["newsletter.signed_up", "gift.claimed"]
    assert len(subscription.secret) == 64

    plain = owner.post("/cms/webhook_subscriptions/new/", {**form, "url": "http://crm.example/"})
    assert "url" in plain.context["form"].errors
    german = owner.post(
        "/cms/webhook_subscriptions/new/",
        {**form, "url": "https://user:pw@crm.example/"},
        headers={"Accept-Language": "de"},
    )
    assert german.context["form"].errors["url"] == [
        "Die Adresse braucht einen Host und keine Zugangsdaten."
    ]
    foreign = owner.post("/cms/webhook_subscriptions/new/", {**form, "shop": beta.pk})
    assert "shop" in foreign.context["form"].errors
    assert WebhookSubscription.objects.count() == 1


def test_a_receiver_on_a_private_address_is_refused_when_saved(shops, dns, settings):
    alpha, _beta = shops
    settings.THANKYOU = {**settings.THANKYOU, "WEBHOOKS_ALLOW_LOOPBACK": False}
    dns.update(
        {
            "crm.example": "93.184.216.34",
            "intranet.example": "10.1.2.3",
            "metadata.example": "169.254.169.254",
            "sneaky.example": "::ffff:127.0.0.1",
        }
    )
    owner = login(alpha.owners)
    form = {"shop": alpha.pk, "events": ["quiz.answered"], "description": "", "active": "on"}
    for url in (
        "https://127.0.0.1/hook",
        "https://localhost/hook",
        "https://10.0.0.8/hook",
        "https://192.168.1.20:8443/hook",
        "https://169.254.169.254/latest/meta-data/",
        "https://[::1]/hook",
        "https://[fd00::1]/hook",
        "https://intranet.example/hook",
        "https://metadata.example/hook",
        "https://sneaky.example/hook",
    ):
        refused = owner.post("/cms/webhook_subscriptions/new/", {**form, "url": url})
        assert refused.status_code == 200, url
        errors = refused.context["form"].errors["url"]
        assert errors == ["The host resolves to a non-public address."], url
    unknown = owner.post(
        "/cms/webhook_subscriptions/new/", {**form, "url": "https://nowhere.invalid/"}
    )
    assert unknown.context["form"].errors["url"] == ["The host name does not resolve."]
    for port in ("0", "99999"):
        url = f"https://crm.example:{port}/"
        refused = owner.post("/cms/webhook_subscriptions/new/", {**form, "url": url})
        assert refused.context["form"].errors["url"] == [
            "The port is not a number from 1 to 65535."
        ], url
    assert not WebhookSubscription.objects.exists()

    saved = owner.post("/cms/webhook_subscriptions/new/", {**form, "url": "https://crm.example/"})
    assert saved.status_code == 302
    subscription = WebhookSubscription.objects.get()
    moved = owner.post(
        f"/cms/webhook_subscriptions/edit/{subscription.pk}/",
        {**form, "url": "https://intranet.example/hook"},
    )
    assert "url" in moved.context["form"].errors, "changing the URL is checked too"
    subscription.refresh_from_db()
    assert subscription.url == "https://crm.example/"

    settings.THANKYOU["WEBHOOKS_ALLOW_LOOPBACK"] = True  # development and tests
    local = owner.post(
        "/cms/webhook_subscriptions/new/", {**form, "url": "http://127.0.0.1:8000/hook"}
    )
    assert local.status_code == 302


def test_the_delivery_log_shows_attempts_and_retries_by_hand(shops):
    alpha, beta = shops
    subscription = WebhookSubscription.objects.create(
        shop=alpha, url="https://crm.example/", events=["quiz.answered"]
    )
    delivery = WebhookDelivery.objects.create(
        subscription=subscription,
        shop=alpha,
        event="quiz.answered",
        payload={"event": "quiz.answered", "data": {"outcome": "espresso"}},
        status="failed",
        attempts=12,
        last_status_code=500,
        last_error="HTTP 500",
    )
    WebhookAttempt.objects.create(delivery=delivery, status_code=500, error="HTTP 500")
    owner = login(alpha.owners)
    page = owner.get(f"/cms/webhook_deliveries/inspect/{delivery.pk}/").content.decode()
    assert "HTTP 500" in page and "espresso" in page and "Send again now" in page

    response = owner.post(f"/cms/webhook_deliveries/{delivery.pk}/retry/")
    assert response.status_code == 302
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("pending", 0)
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "The delivery is sent again in a moment."
    ]

    WebhookSubscription.objects.filter(pk=subscription.pk).update(active=False)
    WebhookDelivery.objects.filter(pk=delivery.pk).update(status="failed")
    inactive = owner.post(f"/cms/webhook_deliveries/{delivery.pk}/retry/")
    assert [str(m) for m in get_messages(inactive.wsgi_request)][-1] == (
        "Its subscription is inactive: it is sent once you activate it again."
    ), "not promised a delivery that waits"

    other_owner = login(beta.owners, username="beta-owner")
    assert other_owner.post(f"/cms/webhook_deliveries/{delivery.pk}/retry/").status_code == 404
    assert other_owner.get(f"/cms/webhook_deliveries/inspect/{delivery.pk}/").status_code == 404


@pytest.mark.parametrize("export", ["csv", "xlsx"])
def test_quiz_answers_export_with_their_answers(shops, export):
    alpha, _beta = shops
    QuizAnswer.objects.create(
        shop=alpha, order_id="A-9", block_id="q", kind="quiz", answers=[1, 0], outcome="espresso"
    )
    response = login(superuser=True).get("/cms/quiz_answers/", {"export": export})
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if export == "csv":
        rows = list(csv.reader(io.StringIO(content.decode())))
        assert rows[1][2:6] == ["A-9", "q", "1, 0", "espresso"]
    else:
        assert content.startswith(b"PK")  # a workbook


def test_an_answer_s_details_name_what_the_merchant_needs_and_no_internals(shops):
    alpha, _beta = shops
    answer = survey(alpha, "A-1", "a podcast")
    signed_up = signup(alpha, "anna@example.com")
    owner = login(alpha.owners)
    for url in (
        f"/cms/survey_answers/inspect/{answer.pk}/",
        f"/cms/newsletter_signups/inspect/{signed_up.pk}/",
    ):
        html = owner.get(url).content.decode()
        assert "A-1" in html or "anna@example.com" in html
        for internal in ("Customer key", "Revision id", "Holds gift code", "Result"):
            assert internal not in html, (url, internal)
    GiftCode.objects.create(shop=alpha, code="C-1")
    assert "Order id" not in owner.get("/cms/gift_codes/").content.decode()
