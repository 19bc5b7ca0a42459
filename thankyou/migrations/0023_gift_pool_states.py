"""A gift pool's empty-state per pool (a gift block's own or the shop's shared one), not per shop."""

import django.db.models.deletion
from django.db import migrations, models


def keep_states(apps, schema_editor):
    old, new = apps.get_model("thankyou", "ShopGiftPool"), apps.get_model("thankyou", "GiftPool")
    new.objects.bulk_create(
        new(shop_id=row.shop_id, pool="", missed=row.missed, empty_since=row.empty_since)
        for row in old.objects.all()
    )


class Migration(migrations.Migration):

    dependencies = [
        ("thankyou", "0022_editor3_english_names"),
    ]

    operations = [
        migrations.RenameModel("GiftPool", "ShopGiftPool"),
        migrations.CreateModel(
            name="GiftPool",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("pool", models.CharField(blank=True, default="", max_length=64)),
                ("missed", models.PositiveIntegerField(default=0)),
                ("empty_since", models.DateTimeField(blank=True, null=True)),
                ("shop", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+", to="thankyou.shop")),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(fields=("shop", "pool"), name="one_state_per_gift_pool")
                ],
            },
        ),
        migrations.RunPython(keep_states, migrations.RunPython.noop),
        migrations.DeleteModel("ShopGiftPool"),
    ]
