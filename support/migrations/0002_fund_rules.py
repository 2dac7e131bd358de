"""Adoption Support Fund rules by financial year (domain.md). Editable in the admin."""

from django.db import migrations

RULES = [
    ("2015-16", 5000, 2500, True,
     "Fair access limit of £5,000 a child a year for therapy, plus up to £2,500 for specialist "
     "assessment; match funding above the limit."),
    ("2025-26", 3000, 0, False, "£3,000 a child a year in all; no match funding."),
]


def load(apps, schema_editor):
    FundRule = apps.get_model("support", "FundRule")
    for applies_from, limit, assessment, match, notes in RULES:
        FundRule.objects.update_or_create(
            applies_from=applies_from,
            defaults={
                "fair_access_limit": limit,
                "specialist_assessment_limit": assessment,
                "match_funding": match,
                "notes": notes,
            },
        )


def unload(apps, schema_editor):
    apps.get_model("support", "FundRule").objects.filter(
        applies_from__in=[rule[0] for rule in RULES]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("support", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
