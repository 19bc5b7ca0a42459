"""
The admin makes no request to another host: no avatars from gravatar.com
unless the operator asks for them (GRAVATAR_PROVIDER_URL).
"""

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model

from tests.conftest import login

pytestmark = pytest.mark.django_db

MENU_LINK = re.compile(r'"url": "[^"]*"')
URL = re.compile(r"""(?:https?:)?//[a-z0-9.-]+[^\s"'<>)]*""", re.IGNORECASE)


class Requests(HTMLParser):
    """URLs of other hosts a browser would fetch: every URL in the page but a link's target."""

    def __init__(self, own_hosts):
        super().__init__()
        self.own_hosts, self.found, self.tag = own_hosts, set(), None

    def handle_starttag(self, tag, attrs):
        self.tag = tag
        for name, value in attrs:
            if not (tag == "a" and name == "href"):
                self.collect(value or "")

    def handle_endtag(self, tag):
        self.tag = None

    def handle_data(self, data):
        if self.tag in ("script", "style"):  # the sidebar's props (JSON), inline styles
            # A menu item's "url" is a link's target (the editor guide), not a request.
            self.collect(MENU_LINK.sub("", data.replace("\\/", "/")))

    def collect(self, text):
        for url in URL.findall(text):
            host = urlsplit(url).hostname
            if host and host not in self.own_hosts:
                self.found.add(url)


def foreign_requests(client, url, own_hosts=("testserver", "127.0.0.1", "localhost")):
    response = client.get(url)
    assert response.status_code == 200, url
    parser = Requests(own_hosts)
    parser.feed(response.content.decode())
    return parser.found


def test_the_admin_loads_nothing_from_another_host(shop, page):
    client = login(superuser=True)
    get_user_model().objects.filter(username="someone").update(email="editor@example.com")
    get_user_model().objects.create_user("other", email="other@example.com")
    for url in (
        "/cms/",
        "/cms/account/",
        "/cms/users/",
        f"/cms/pages/{page.get_parent().pk}/",
        f"/cms/pages/{page.pk}/edit/",
        f"/cms/pages/{page.pk}/history/",
        f"/cms/shop/edit/{shop.pk}/",
        "/cms/reports/site-history/",
    ):
        assert foreign_requests(client, url) == set(), url
