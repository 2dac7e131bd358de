from django.db import migrations, models


def forget_versions(apps, schema_editor):
    # The one global version becomes one per area; cached figures keyed on it are never read again.
    apps.get_model("indicators", "DataVersion").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("indicators", "0005_data_version"),
    ]

    operations = [
        migrations.RunPython(forget_versions, migrations.RunPython.noop),
        migrations.AddField(
            model_name="dataversion",
            name="key",
            field=models.CharField(max_length=30, unique=True, default=""),
            preserve_default=False,
        ),
    ]
