"""
The hand-written claims checker, kept for speed (docs/performance.md,
"Validating public input"), agrees with DRF serializers of the same rules
(bin/bench-claims) on what it accepts and what it refuses.
"""

import copy
from importlib.machinery import SourceFileLoader
from importlib.util import module_from_spec, spec_from_loader
from pathlib import Path
from types import SimpleNamespace

import pytest

from thankyou.core.claims import validate_claims
from thankyou.targeting.personas import PERSONAS, persona_claims

BENCH = Path(__file__).resolve().parent.parent / "bin" / "bench-claims"


def drf_claims():
    loader = SourceFileLoader("bench_claims", str(BENCH))
    module = module_from_spec(spec_from_loader("bench_claims", loader))
    loader.exec_module(module)
    return module.Claims


def demo_claims():
    shop = SimpleNamespace(key="demo")
    return [persona_claims(persona, shop, "de-DE") for persona in PERSONAS.values()]


def set_path(claims, path, value):
    claims = copy.deepcopy(claims)
    *parents, last = path.split(".")
    target = claims
    for key in parents:
        target = target[key]
    if value is None:
        del target[last]
    else:
        target[last] = value
    return claims


def accepted_by_both(claims):
    checker_errors = validate_claims(claims, 500)[1]
    serializer = drf_claims()(data=claims)
    return not checker_errors, serializer.is_valid()


@pytest.mark.parametrize("claims", demo_claims(), ids=sorted(PERSONAS))
def test_both_accept_the_demo_orders(claims):
    assert accepted_by_both(claims) == (True, True)


@pytest.mark.parametrize(
    ("path", "value"),
    [
        ("order.currency", "EURO"),
        ("order.total", "12,50"),
        ("order.shipping.country", "DEU"),
        ("locale", "de DE"),
        ("referral", "a b?"),
        ("order.id", None),
        ("customer.email", "not-an-address"),
        ("customer.orders_count", -1),
        ("order.created_at", "yesterday"),
    ],
)
def test_both_refuse_the_same_bad_claims(path, value):
    claims = set_path(demo_claims()[0], path, value)
    assert accepted_by_both(claims) == (False, False)
