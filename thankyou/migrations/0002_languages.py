from django.conf import settings
from django.db import migrations


def create_locales(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    for code, _name in settings.LANGUAGES:
        Locale.objects.get_or_create(language_code=code)


class Migration(migrations.Migration):
    """Every configured language gets a Wagtail locale (its own page tree)."""

    dependencies = [
        ("thankyou", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_locales, migrations.RunPython.noop)]
