"""Adoption support: referrals, assessments of need, the Adoption Support Fund and contact."""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q

from agencies.models import LocalAuthority
from core.dates import is_financial_year
from journeys.models import NEGATIVE_AMOUNT, AdopterHousehold, Child

NOT_CONSECUTIVE = "A financial year is two consecutive years, such as 2024-25, not {text}."


def check_financial_year(record, name: str) -> None:
    """The field's financial year names two consecutive years (the pattern is the validator's)."""
    text = getattr(record, name) or ""
    well_formed = len(text) == 7 and text[:4].isdigit() and text[4] == "-" and text[5:].isdigit()
    if well_formed and not is_financial_year(text):
        raise ValidationError({name: NOT_CONSECUTIVE.format(text=text)})


financial_year_validator = RegexValidator(r"^\d{4}-\d{2}$", "A financial year looks like 2024-25.")


class SupportReferral(models.Model):
    """A request for adoption support, usually a call to the advice line."""

    la = models.ForeignKey(LocalAuthority, on_delete=models.PROTECT, related_name="+")
    child = models.ForeignKey(
        Child, null=True, blank=True, on_delete=models.PROTECT, related_name="support_referrals"
    )
    household = models.ForeignKey(
        AdopterHousehold, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    referred = models.DateField()
    via_advice_line = models.BooleanField(default=True)
    summary = models.TextField(blank=True)

    class Meta:
        ordering = ["-referred"]

    def __str__(self) -> str:
        return f"Referral {self.pk} of {self.referred}"


class SupportAssessment(models.Model):
    referral = models.OneToOneField(
        SupportReferral, on_delete=models.CASCADE, related_name="assessment"
    )
    started = models.DateField()
    completed = models.DateField(null=True, blank=True)
    needs_identified = models.TextField(blank=True)
    support_plan = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(completed__isnull=True) | Q(completed__gte=F("started")),
                name="assessment_completed_not_before_started",
            )
        ]

    def __str__(self) -> str:
        return f"Assessment of referral {self.referral_id}"


class FundRule(models.Model):
    """Adoption Support Fund limits from a financial year on, until a later rule replaces them."""

    applies_from = models.CharField(
        max_length=7, unique=True, validators=[financial_year_validator]
    )
    fair_access_limit = models.DecimalField(max_digits=9, decimal_places=2)
    specialist_assessment_limit = models.DecimalField(
        max_digits=9, decimal_places=2, default=0, help_text="0 when included in the limit."
    )
    match_funding = models.BooleanField(default=False)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["applies_from"]

    def __str__(self) -> str:
        return f"Fund rules from {self.applies_from}"

    def clean(self) -> None:
        check_financial_year(self, "applies_from")
        for name in ("fair_access_limit", "specialist_assessment_limit"):
            if (getattr(self, name) or 0) < 0:
                raise ValidationError({name: NEGATIVE_AMOUNT})


class FundApplication(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted"
        APPROVED = "approved", "Approved"
        DECLINED = "declined", "Declined"
        WITHDRAWN = "withdrawn", "Withdrawn"

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="fund_applications")
    referral = models.ForeignKey(
        SupportReferral, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    financial_year = models.CharField(max_length=7, validators=[financial_year_validator])
    therapy_type = models.CharField(max_length=100)
    specialist_assessment = models.BooleanField(default=False)
    provider = models.CharField(max_length=200)
    amount_applied = models.DecimalField(max_digits=9, decimal_places=2)
    amount_approved = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)
    match_funding = models.DecimalField(max_digits=9, decimal_places=2, default=0)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SUBMITTED)
    submitted = models.DateField(null=True, blank=True)
    decided = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-submitted"]
        indexes = [models.Index(fields=["financial_year"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(decided__isnull=True)
                | Q(submitted__isnull=False, decided__gte=F("submitted")),
                name="fund_decision_not_before_submission",
            ),
            models.CheckConstraint(
                condition=Q(amount_applied__gte=0)
                & (Q(amount_approved__isnull=True) | Q(amount_approved__gte=0)),
                name="fund_amounts_not_negative",
            ),
            models.CheckConstraint(
                condition=~Q(status="approved", amount_approved__isnull=True),
                name="approved_application_has_amount",
            ),
        ]

    def __str__(self) -> str:
        return f"ASF {self.financial_year} {self.therapy_type}"

    def clean(self) -> None:
        check_financial_year(self, "financial_year")
        if (self.match_funding or 0) < 0:
            raise ValidationError({"match_funding": NEGATIVE_AMOUNT})


class ContactArrangement(models.Model):
    class Kind(models.TextChoices):
        LETTERBOX = "letterbox", "Letterbox"
        DIRECT = "direct", "Direct contact"

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="contact_arrangements")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    with_whom = models.CharField(max_length=200)
    frequency = models.CharField(max_length=100, blank=True)
    started = models.DateField()
    ended = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(ended__isnull=True) | Q(ended__gte=F("started")),
                name="contact_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} with {self.with_whom}"
