import time

from django.db import migrations, models


def create_the_row(apps, schema_editor):
    """The one row every edit updates; its own first value, so that no two databases
    sharing one Redis start from the same generation."""
    CacheGeneration = apps.get_model("archive", "CacheGeneration")
    CacheGeneration.objects.using(schema_editor.connection.alias).get_or_create(
        pk=1, defaults={"value": time.time_ns()}
    )


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="CacheGeneration",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                (
                    "value",
                    models.BigIntegerField(help_text="The time of the last edit, in ns."),
                ),
            ],
            options={"verbose_name": "cache generation"},
        ),
        migrations.RunPython(create_the_row, migrations.RunPython.noop),
    ]
