"""Gift codes: one per order, atomically, from the shop's pool; empty pools warn."""

import contextlib
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client

from tests.conftest import make_claims
from thankyou.blocks.gift_code import GiftCodeBlock
from thankyou.blocks.models import GiftCode, GiftPool, Interaction
from thankyou.core.action_tokens import issue
from thankyou.core.context import context_from_claims
from thankyou.webhooks.models import WebhookDelivery, WebhookSubscription

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="concurrent claims need PostgreSQL (SQLite serialises all writes)",
)


def gift_page(shop, make_page):
    return make_page(shop, body=[("gift_code", GiftCodeBlock().get_preview_value())])


def token_for_order(shop, page, order_id, **claims):
    context = context_from_claims(shop, make_claims(shop, order={"id": order_id}, **claims))
    block = page.body[0].id
    return issue(context, page, page.live_revision_id, "", [block]), block


@pytest.mark.django_db
def test_reveal_gives_one_code_and_a_reload_the_same(act, shop, make_page):
    GiftCode.objects.bulk_create(GiftCode(shop=shop, code=f"C-{n}") for n in range(3))
    page = gift_page(shop, make_page)
    token, block = token_for_order(shop, page, "o-1")
    first = act("gift", token, block)
    assert first.status_code == 201
    code = first.json()["code"]
    assert act("gift", token, block).json() == {"code": code}
    claimed = GiftCode.objects.get(claimed_at__isnull=False)
    assert claimed.code == code and claimed.order_id == "o-1"


@pytest.mark.django_db
def test_a_test_order_sees_a_sample_code_and_takes_none(act, api, shop, make_page, token_for):
    GiftCode.objects.bulk_create(GiftCode(shop=shop, code=f"C-{n}") for n in range(2))
    WebhookSubscription.objects.create(
        shop=shop, url="https://hooks.example/x", events=["gift.claimed"], secret="s" * 32
    )
    gift = GiftCodeBlock().get_preview_value()
    page = make_page(shop, body=[("gift_code", gift), ("gift_code", gift)])
    context = context_from_claims(shop, make_claims(shop, order={"id": "t-1"}, test=True))
    blocks = [child.id for child in page.body]
    token = issue(context, page, page.live_revision_id, "", blocks)
    first = act("gift", token, blocks[0])
    assert first.status_code == 201
    assert first.json() == {"code": "MUSTER-TESTBESTELLUNG"}, "a sample, in the page's language"
    assert act("gift", token, blocks[0]).json() == first.json(), "the same on a replay"
    assert act("gift", token, blocks[1]).json() == first.json(), "and from the other block"
    assert not GiftCode.objects.filter(claimed_at__isnull=False).exists(), "nothing consumed"
    payloads = [delivery.payload for delivery in WebhookDelivery.objects.all()]
    assert [(p["test"], p["data"]) for p in payloads] == [(True, first.json())]

    reload = api.render({"token": token_for(shop, order={"id": "t-1"}, test=True)}).json()
    assert "MUSTER-TESTBESTELLUNG" in reload["html"], "a reload shows it again"

    GiftCode.objects.all().delete()  # an empty pool: a test order still sees its sample
    other, block = token_for_order(shop, gift_page(shop, make_page), "t-2", test=True)
    assert act("gift", other, block).json() == {"code": "MUSTER-TESTBESTELLUNG"}
    assert not GiftPool.objects.filter(missed__gt=0).exists(), "no customer missed a gift"


@pytest.mark.django_db
def test_an_empty_pool_says_so_kindly_and_warns_the_merchant(act, shop, make_page, rendered):
    page = gift_page(shop, make_page)
    token, block = token_for_order(shop, page, "o-1")
    response = act("gift", token, block)
    assert response.status_code == 409
    assert response.json()["code"] == "gift_codes_exhausted"
    assert not Interaction.objects.exists()  # nothing recorded: a refill helps later
    act("gift", *token_for_order(shop, page, "o-2"))
    pool = GiftPool.objects.get(shop=shop)
    assert pool.missed == 2 and pool.empty_since is not None

    body = rendered(shop, [("gift_code", GiftCodeBlock().get_preview_value())])
    html = body["html"]
    assert 'data-show="gift_codes_exhausted" tabindex="-1" hidden>Alle Geschenke' in html

    GiftCode.objects.create(shop=shop, code="REFILL")
    assert act("gift", token, block).json() == {"code": "REFILL"}


@pytest.mark.django_db
def test_an_order_gets_one_code_whichever_gift_block_it_reveals(act, shop, make_page):
    GiftCode.objects.bulk_create(GiftCode(shop=shop, code=f"C-{n}") for n in range(3))
    WebhookSubscription.objects.create(
        shop=shop, url="https://hooks.example/x", events=["gift.claimed"], secret="s" * 32
    )
    gift = GiftCodeBlock().get_preview_value()
    page = make_page(shop, body=[("gift_code", gift), ("gift_code", gift)])
    context = context_from_claims(shop, make_claims(shop, order={"id": "o-1"}))
    blocks = [child.id for child in page.body]
    token = issue(context, page, page.live_revision_id, "", blocks)
    codes = [act("gift", token, block).json()["code"] for block in blocks]
    assert codes[0] == codes[1]
    assert GiftCode.objects.filter(claimed_at__isnull=False).count() == 1
    assert WebhookDelivery.objects.count() == 1, "the merchant hears of one claim"


@pytest.mark.django_db
def test_codes_of_another_shop_are_never_given(act, make_shop, make_page):
    alpha, beta = make_shop("alpha"), make_shop("beta")
    GiftCode.objects.create(shop=beta, code="BETA-ONLY")
    page = gift_page(alpha, make_page)
    assert act("gift", *token_for_order(alpha, page, "o-1")).status_code == 409


@pytest.mark.django_db
def test_each_gift_block_draws_from_its_own_pool_and_an_empty_one_takes_no_other(
    act, shop, make_page
):
    gift = GiftCodeBlock().get_preview_value()
    vip, plain, shared = (make_page(shop, body=[("gift_code", gift)]) for _n in range(3))
    vip_block, plain_block, shared_block = (page.body[0].id for page in (vip, plain, shared))
    GiftCode.objects.create(shop=shop, pool=vip_block, code="VIP-1")
    GiftCode.objects.create(shop=shop, pool=plain_block, code="PLAIN-1")
    GiftCode.objects.create(shop=shop, code="SHARED-1")

    assert act("gift", *token_for_order(shop, vip, "o-1")).json() == {"code": "VIP-1"}
    assert act("gift", *token_for_order(shop, plain, "o-2")).json() == {"code": "PLAIN-1"}
    empty = act("gift", *token_for_order(shop, vip, "o-3"))
    assert empty.status_code == 409, "the VIP pool is empty: no other pool's code is given"
    assert GiftCode.objects.filter(claimed_at__isnull=True).count() == 1
    assert act("gift", *token_for_order(shop, shared, "o-4")).json() == {"code": "SHARED-1"}, (
        "a block without codes of its own draws from the shop's shared pool"
    )
    assert shared_block not in GiftCode.objects.values_list("pool", flat=True)


def reveal_at_once(requests, network):
    """Post each (order number, action token, block) from 50 threads started together."""
    start = threading.Barrier(50)

    def reveal(request):
        n, token, block = request
        try:
            with contextlib.suppress(threading.BrokenBarrierError):
                start.wait(timeout=5)
            response = Client().post(
                "/api/v1/actions/gift",
                data={"action_token": token, "block": block},
                content_type="application/json",
                REMOTE_ADDR=f"10.{network}.{n // 250}.{n % 250}",
            )
            return n, response.status_code, response.json().get("code")
        finally:
            connection.close()  # each thread had a connection of its own

    with ThreadPoolExecutor(max_workers=50) as pool:
        return list(pool.map(reveal, requests))


@postgresql_only
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_200_concurrent_reveals_for_100_orders_give_100_distinct_codes(shop, make_page):
    GiftCode.objects.bulk_create(GiftCode(shop=shop, code=f"CODE-{n:03}") for n in range(150))
    page = gift_page(shop, make_page)
    orders = [token_for_order(shop, page, f"order-{n}") for n in range(100)]
    requests = [(n, *orders[n]) for n in range(100)] * 2  # each order asks twice at once
    results = reveal_at_once(requests, network=1)

    assert {status for _n, status, _code in results} <= {200, 201}
    assert sum(status == 201 for _n, status, _code in results) == 100
    codes_by_order = {}
    for n, _status, code in results:
        codes_by_order.setdefault(n, set()).add(code)
    assert all(len(codes) == 1 for codes in codes_by_order.values())  # both asks: one code
    codes = [next(iter(codes)) for codes in codes_by_order.values()]
    assert len(codes) == len(set(codes)) == 100
    assert GiftCode.objects.filter(claimed_at__isnull=False).count() == 100
    assert GiftCode.objects.filter(claimed_at__isnull=True).count() == 50


@postgresql_only
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_gift_blocks_revealed_at_once_give_the_order_one_code(shop, make_page):
    GiftCode.objects.bulk_create(GiftCode(shop=shop, code=f"CODE-{n:03}") for n in range(150))
    gift = GiftCodeBlock().get_preview_value()
    page = make_page(shop, body=[("gift_code", gift), ("gift_code", gift)])
    blocks = [child.id for child in page.body]
    orders = 60
    requests = []
    for n in range(orders):
        context = context_from_claims(shop, make_claims(shop, order={"id": f"order-{n}"}))
        token = issue(context, page, page.live_revision_id, "", blocks)
        requests += [(n, token, block) for block in blocks]  # two tabs, one block each
    results = reveal_at_once(requests, network=2)

    assert {status for _n, status, _code in results} == {201}  # each block's first reveal
    codes_by_order = {}
    for n, _status, code in results:
        codes_by_order.setdefault(n, set()).add(code)
    assert all(len(codes) == 1 for codes in codes_by_order.values()), codes_by_order
    assert GiftCode.objects.filter(claimed_at__isnull=False).count() == orders


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_migration_marks_one_holder_per_order_and_keeps_every_code(shop):
    executor = MigrationExecutor(connection)
    before = [("thankyou", "0007_interaction_customer_key")]
    latest = executor.loader.graph.leaf_nodes("thankyou")
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    Interaction0007 = old.get_model("thankyou", "Interaction")
    GiftCode0007 = old.get_model("thankyou", "GiftCode")

    def claim(order_id, block_id, code):
        row = Interaction0007.objects.create(
            shop_id=shop.pk, order_id=order_id, block_id=block_id, kind="gift"
        )
        GiftCode0007.objects.create(
            shop_id=shop.pk, code=code, claim=row, claimed_at=row.created_at
        )
        return row.pk

    raced = [claim("o-1", "block-a", "FIRST"), claim("o-1", "block-b", "SECOND")]
    alone = claim("o-2", "block-a", "ALONE")
    executor = MigrationExecutor(connection)
    executor.migrate(latest)

    holders = set(Interaction.objects.filter(holds_gift_code=True).values_list("pk", flat=True))
    assert holders == {raced[0], alone}
    assert set(GiftCode.objects.values_list("code", "claim_id")) == {
        ("FIRST", raced[0]),
        ("SECOND", raced[1]),
        ("ALONE", alone),
    }
