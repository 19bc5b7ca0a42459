from django.db import migrations


def publish_roots(apps, schema_editor):
    """Shop page trees copied for another language were drafts ("DRAFT" in the tree)."""
    ShopRootPage = apps.get_model("thankyou", "ShopRootPage")
    ShopRootPage.objects.filter(live=False).update(live=True, has_unpublished_changes=False)


class Migration(migrations.Migration):
    dependencies = [("thankyou", "0018_redis_generations")]

    operations = [migrations.RunPython(publish_roots, migrations.RunPython.noop)]
