"""The demo sends each sample order's confirmation e-mail to a local inbox (/demo/inbox/)."""

import pytest
from django.core.management import call_command
from django.test import Client

from tests.conftest import login
from thankyou.pages.models import HostedOrder
from thankyou.targeting.personas import PERSONAS

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings, tmp_path):
    settings.DEMO_MAIL_DIR = tmp_path / "mail"
    settings.MAILERS = {
        **settings.MAILERS,
        "demo": {
            "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "OPTIONS": {"file_path": str(settings.DEMO_MAIL_DIR)},
        },
    }
    call_command("seed_demo", verbosity=0)
    return login(superuser=True)


def test_the_demo_sends_each_sample_order_s_email_to_its_inbox(demo):
    assert "No e-mails yet." in demo.get("/demo/inbox/").content.decode()
    response = demo.post("/demo/inbox/", {"lang": "en"})
    assert response.status_code == 302
    inbox = demo.get("/demo/inbox/").content.decode()
    assert inbox.count('class="demo-mail"') == len(PERSONAS)
    assert HostedOrder.objects.count() == len(PERSONAS)  # each e-mail links its order's page
    assert "lena@example.com" in inbox

    name = inbox.split('src="/demo/inbox/', 1)[1].split("/", 1)[0]
    message = demo.get(f"/demo/inbox/{name}/")
    assert message.status_code == 200
    assert "<table" in message.content.decode() and "/o/" in message.content.decode()
    assert "style-src 'unsafe-inline'" in message["Content-Security-Policy"]
    assert "script-src" not in message["Content-Security-Policy"]
    assert message["X-Frame-Options"] == "SAMEORIGIN"
    assert demo.get("/demo/inbox/nothing-0/").status_code == 404


def test_the_inbox_is_for_the_demo_shop_s_users(demo):
    assert Client().get("/demo/inbox/").status_code == 302  # to the login
    assert Client().post("/demo/inbox/", {"lang": "de"}).status_code in (302, 403)
