"""A shop's sample customers: the built-in personas, then its own (the preview's modes)."""

from thankyou.core.context import context_from_claims
from thankyou.targeting.models import SampleCustomer
from thankyou.targeting.personas import DEFAULT_PERSONA, PERSONAS, locale_for, persona_claims


def personas_for(shop):
    """The built-in personas, then the shop's sample customers."""
    samples = SampleCustomer.objects.filter(shop=shop) if shop is not None else []
    return [*PERSONAS.values(), *(sample.as_persona() for sample in samples)]


def persona_for(shop, mode_name):
    if mode_name in PERSONAS:
        return PERSONAS[mode_name]
    return next(
        (persona for persona in personas_for(shop) if persona.name == mode_name),
        PERSONAS[DEFAULT_PERSONA],
    )


def persona_context(persona, shop, language):
    """The verified order context of the persona's order on a page in this language."""
    return context_from_claims(shop, persona_claims(persona, shop, locale_for(persona, language)))
