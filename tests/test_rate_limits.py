"""
Rate limits on the public API: per client and per shop, 429 with Retry-After.

The limits count in one-minute windows; each test stops the clock (the
clock fixture), so that no window ends in the middle of one.
"""

import pytest
from django.core.cache import cache

from tests.conftest import make_claims
from thankyou.core import jws

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _stopped(clock):
    """The clock stops a quarter into a window."""
    clock.now = clock.now // 60 * 60 + 15
    return clock


@pytest.fixture
def limits(settings):
    def set_limits(**rates):
        settings.THANKYOU = {
            **settings.THANKYOU,
            "RATE_LIMITS": {**settings.THANKYOU["RATE_LIMITS"], **rates},
        }

    return set_limits


def test_a_client_over_its_limit_gets_429_with_retry_after(api, shop, page, token_for, limits):
    limits(render_client=3)
    token = token_for(shop)
    statuses = [api.render({"token": token}).status_code for _ in range(3)]
    assert statuses == [200, 200, 200]
    refused = api.render({"token": token})
    assert refused.status_code == 429
    assert refused.json()["code"] == "rate_limited"
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert int(refused["Retry-After"]) in (45, 46), "the rest of the window, rounded up"
    other_client = api.render({"token": token}, REMOTE_ADDR="10.0.0.2")
    assert other_client.status_code == 200


def test_the_next_window_starts_afresh(api, shop, page, token_for, limits, clock):
    limits(render_client=2, render_shop=2)
    clock.advance(44)  # the window's last second
    assert [api.render({"token": token_for(shop)}).status_code for _ in range(2)] == [200, 200]
    refused = api.render({"token": token_for(shop)})
    assert refused.status_code == 429 and int(refused["Retry-After"]) in (1, 2)
    clock.advance(1)
    assert [api.render({"token": token_for(shop)}).status_code for _ in range(3)] == [200, 200, 429]


def test_a_forged_forwarded_header_does_not_make_a_new_client(api, shop, page, token_for, limits):
    limits(render_client=2)
    statuses = [
        api.render({"token": token_for(shop)}, HTTP_X_FORWARDED_FOR=f"198.51.100.{n}").status_code
        for n in range(3)
    ]
    assert statuses == [200, 200, 429]


def test_behind_a_proxy_each_client_is_limited_by_its_own_address(
    api, shop, page, token_for, limits, settings
):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    limits(render_client=2)

    def render(forwarded_for):
        return api.render(
            {"token": token_for(shop)}, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded_for
        ).status_code

    assert [render("203.0.113.5") for _ in range(2)] == [200, 200]
    assert render("203.0.113.5") == 429
    assert render("192.0.2.7, 203.0.113.5") == 429  # what the client sent comes first
    assert render("203.0.113.6") == 200


def test_forged_tokens_do_not_use_up_the_shops_limit(api, shop, page, token_for, limits):
    """Anyone can name a shop; only tokens it signed count against it."""
    limits(render_shop=3)
    forged = jws.sign(make_claims(shop), "not-the-shops-secret")
    for n in range(5):
        assert api.render({"token": forged}, REMOTE_ADDR=f"203.0.113.{n}").status_code == 401
    statuses = [api.render({"token": token_for(shop)}).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]


def test_an_ipv6_client_is_its_64_network(api, shop, page, token_for, limits):
    limits(render_client=2)

    def render(address):
        return api.render({"token": token_for(shop)}, REMOTE_ADDR=address).status_code

    assert [render("2001:db8::1"), render("2001:db8::2")] == [200, 200]
    assert render("2001:db8::ffff:1") == 429, "a new address of the same subscriber"
    assert render("2001:db8:0:1::1") == 200, "another /64"
    # IPv4 clients of a dual-stack listener stay one client per address.
    assert [render("::ffff:203.0.113.1"), render("::ffff:203.0.113.1")] == [200, 200]
    assert render("::ffff:203.0.113.2") == 200
    assert render("203.0.113.1") == 429, "the same client as ::ffff:203.0.113.1"


def test_a_shop_over_its_limit_gets_429_from_any_client(
    api, make_shop, make_page, token_for, limits
):
    limits(render_shop=2)
    busy, calm = make_shop("busy"), make_shop("calm")
    make_page(busy)
    make_page(calm)
    for n in range(2):
        assert api.render({"token": token_for(busy)}, REMOTE_ADDR=f"10.0.1.{n}").status_code == 200
    assert api.render({"token": token_for(busy)}, REMOTE_ADDR="10.0.1.9").status_code == 429
    assert api.render({"token": token_for(calm)}, REMOTE_ADDR="10.0.1.9").status_code == 200


@pytest.mark.skipif(not hasattr(cache, "client"), reason="counted in Redis")
def test_counters_expire_with_their_window(api, shop, page, token_for, limits):
    limits(render_client=5, render_shop=5)
    for _ in range(2):
        assert api.render({"token": token_for(shop)}).status_code == 200
    client = cache.client.get_client()
    counters = client.keys(cache.make_key("throttle:render_*"))
    assert len(counters) == 2
    assert all(0 < client.ttl(key) <= 65 for key in counters)
    assert sorted(int(client.get(key)) for key in counters) == [2, 2]


def test_bad_requests_count_against_the_client(api, shop, limits):
    limits(render_client=2)
    for _ in range(2):
        assert api.render({"token": "a.b.c"}).status_code == 401
    assert api.render({"token": "a.b.c"}).status_code == 429


def test_with_the_cache_down_rendering_goes_on_and_the_log_says_why(
    api, shop, page, token_for, settings, caplog
):
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, "REDIS_CLIENT_CLASS": "cms.cache.RestingRedis"},
        }
    }
    response = api.render({"token": token_for(shop)}, HTTP_ORIGIN="https://acme.example")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "https://acme.example"
    assert "cache unavailable" in caplog.text or "going on without it" in caplog.text
    ready = api.get("/readyz")
    assert ready.status_code == 200, "a host that serves stays in the load balancer"
    assert ready.json() == {"status": "degraded", "database": "ok", "cache": "unreachable"}


def test_no_client_address_is_kept_in_the_cache(api, shop, page, token_for, limits):
    limits(render_client=5)
    assert api.render({"token": token_for(shop)}, REMOTE_ADDR="203.0.113.9").status_code == 200
    redis = getattr(getattr(cache, "client", None), "get_client", None)
    keys = [key.decode() for key in redis().keys("*")] if redis else list(cache._cache)
    assert any("throttle:render_client" in key for key in keys)
    assert not [key for key in keys if "203.0.113.9" in key]
