from django.db import migrations, models


def mark_holders(apps, schema_editor):
    """Mark each order's first claim that got a code; an order that got two
    codes in a race before this migration keeps both, one of them marked."""
    GiftCode = apps.get_model("thankyou", "GiftCode")
    Interaction = apps.get_model("thankyou", "Interaction")
    seen, holders = set(), []
    claims = GiftCode.objects.filter(claim__isnull=False).order_by("claimed_at", "pk")
    for shop_id, order_id, claim_id in claims.values_list(
        "claim__shop_id", "claim__order_id", "claim_id"
    ):
        if (shop_id, order_id) not in seen:
            seen.add((shop_id, order_id))
            holders.append(claim_id)
    for start in range(0, len(holders), 500):
        Interaction.objects.filter(pk__in=holders[start : start + 500]).update(
            holds_gift_code=True
        )


class Migration(migrations.Migration):
    dependencies = [
        ("thankyou", "0007_interaction_customer_key"),
    ]

    operations = [
        migrations.AddField(
            model_name="interaction",
            name="holds_gift_code",
            field=models.BooleanField(default=False, editable=False),
        ),
        migrations.RunPython(mark_holders, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="interaction",
            constraint=models.UniqueConstraint(
                condition=models.Q(("holds_gift_code", True)),
                fields=("shop", "order_id"),
                name="one_gift_code_per_order",
            ),
        ),
    ]
