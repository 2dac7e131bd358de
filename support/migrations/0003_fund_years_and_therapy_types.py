"""Fund applications: the financial year comes from the date submitted, no longer typed, and the
therapy type from a list (issue 17). Runs before the field becomes a shorter list of choices."""

from django.db import migrations

# Words in a typed therapy type and the kind on the list they mean (first match wins).
THERAPY_WORDS = (
    ("specialist", "specialist_assessment"),
    ("assessment", "specialist_assessment"),
    ("dyadic", "ddp"),
    ("ddp", "ddp"),
    ("theraplay", "theraplay"),
    ("therapeutic parenting", "therapeutic_parenting"),
    ("parenting", "therapeutic_parenting"),
    ("emdr", "emdr"),
    ("sensory", "sensory"),
    ("family", "family"),
    ("play", "creative"),
    ("art", "creative"),
    ("music", "creative"),
    ("drama", "creative"),
    ("creative", "creative"),
    ("psychotherapy", "psychotherapy"),
    ("counselling", "psychotherapy"),
)
KINDS = {kind for _, kind in THERAPY_WORDS} | {"other"}


def therapy_kind(text: str) -> str:
    lowered = (text or "").strip().lower()
    if lowered in KINDS:
        return lowered
    for word, kind in THERAPY_WORDS:
        if word in lowered:
            return kind
    return "other"


def fund_year(day) -> str:
    first = day.year if day.month >= 4 else day.year - 1
    return f"{first}-{(first + 1) % 100:02d}"


def derive(apps, schema_editor):
    FundApplication = apps.get_model("support", "FundApplication")
    for application in FundApplication.objects.all().iterator():
        application.therapy_type = therapy_kind(application.therapy_type)
        if application.submitted is not None:
            application.financial_year = fund_year(application.submitted)
        application.save(update_fields=["therapy_type", "financial_year"])


class Migration(migrations.Migration):
    dependencies = [("support", "0002_fund_rules")]

    operations = [migrations.RunPython(derive, migrations.RunPython.noop)]
