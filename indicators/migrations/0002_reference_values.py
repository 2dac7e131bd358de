"""Published targets and England averages. Editable in the admin; never used as constants."""

from django.db import migrations

TARGETS = "DfE adoption scorecard thresholds (three-year averages), 426 and 121 days"
ENGLAND_2018_21 = "DfE adoption scorecards, England three-year average 2018-21"

VALUES = [
    ("A1", "target", "", 426, TARGETS),
    ("A10", "target", "", 426, TARGETS),
    ("A2", "target", "", 121, TARGETS),
    ("A10", "england", "2018-21", 409, ENGLAND_2018_21),
    ("A2", "england", "2018-21", 186, ENGLAND_2018_21),
]


def load(apps, schema_editor):
    ReferenceValue = apps.get_model("indicators", "ReferenceValue")
    for indicator, kind, period, value, source in VALUES:
        ReferenceValue.objects.update_or_create(
            indicator=indicator, kind=kind, period=period,
            defaults={"value": value, "source": source},
        )


def unload(apps, schema_editor):
    ReferenceValue = apps.get_model("indicators", "ReferenceValue")
    for indicator, kind, period, _, _ in VALUES:
        ReferenceValue.objects.filter(indicator=indicator, kind=kind, period=period).delete()


class Migration(migrations.Migration):
    dependencies = [("indicators", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
