from django.db import migrations


def grant(apps, schema_editor):
    """Let existing shops' editors and owners use "Translate" (new shops get it in setup_shop)."""
    Permission = apps.get_model("auth", "Permission")
    Shop = apps.get_model("thankyou", "Shop")
    translate = Permission.objects.filter(
        content_type__app_label="simple_translation", codename="submit_translation"
    ).first()
    if translate is None:  # a new database: permissions are made after the migrations
        return
    for shop in Shop.objects.all():
        for group_id in (shop.editors_id, shop.owners_id):
            if group_id:
                translate.group_set.add(group_id)


class Migration(migrations.Migration):
    dependencies = [
        ("thankyou", "0009_shop_country"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("simple_translation", "0001_initial"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
