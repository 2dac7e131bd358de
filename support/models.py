"""Adoption support: referrals, assessments of need, the Adoption Support Fund and contact."""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q

from agencies.models import LocalAuthority, RegionalAdoptionAgency
from core.dates import is_financial_year
from indicators.periods import financial_year_label, financial_year_of
from journeys.models import NEGATIVE_AMOUNT, AdopterHousehold, Child

NOT_CONSECUTIVE = "A financial year is two consecutive years, such as 2024-25, not {text}."


def check_financial_year(record, name: str) -> None:
    """The field's financial year names two consecutive years (the pattern is the validator's)."""
    text = getattr(record, name) or ""
    well_formed = len(text) == 7 and text[:4].isdigit() and text[4] == "-" and text[5:].isdigit()
    if well_formed and not is_financial_year(text):
        raise ValidationError({name: NOT_CONSECUTIVE.format(text=text)})


financial_year_validator = RegexValidator(r"^\d{4}-\d{2}$", "A financial year looks like 2024-25.")
EXCHANGE_BEFORE_ARRANGEMENT = "An exchange cannot be before the arrangement started."
NO_APPLICATION_DATE = "Enter the date the application was submitted."


def fund_year_of(day) -> str:
    """The financial year (2025-26) a Fund application of this date counts in."""
    return financial_year_label(financial_year_of(day))


class TherapyType(models.TextChoices):
    """What the Fund pays for: the kinds of therapy and assessment an application names."""

    THERAPEUTIC_PARENTING = "therapeutic_parenting", "Therapeutic parenting"
    DDP = "ddp", "Dyadic developmental psychotherapy"
    THERAPLAY = "theraplay", "Theraplay"
    CREATIVE = "creative", "Creative therapies (art, music, drama or play)"
    EMDR = "emdr", "Eye movement desensitisation and reprocessing (EMDR)"
    SENSORY = "sensory", "Sensory integration therapy"
    FAMILY = "family", "Family therapy"
    PSYCHOTHERAPY = "psychotherapy", "Psychotherapy or counselling"
    SPECIALIST_ASSESSMENT = "specialist_assessment", "Specialist assessment"
    OTHER = "other", "Other therapy"


class SupportReferral(models.Model):
    """A request for adoption support, usually a call to the advice line."""

    la = models.ForeignKey(LocalAuthority, on_delete=models.PROTECT, related_name="+")
    child = models.ForeignKey(
        Child, null=True, blank=True, on_delete=models.PROTECT, related_name="support_referrals"
    )
    household = models.ForeignKey(
        AdopterHousehold, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Family(models.TextChoices):
        ADOPTIVE = "adoptive", "Adoptive family"
        BIRTH_PARENT = "birth_parent", "Birth parent"
        SPECIAL_GUARDIANSHIP = "special_guardianship", "Special guardianship family"

    referred = models.DateField()
    via_advice_line = models.BooleanField(default=True)
    summary = models.TextField(blank=True)
    # Who is supported: the RAA supports birth parents and, where it does, special guardians too.
    family = models.CharField(max_length=20, choices=Family.choices, default=Family.ADOPTIVE)
    follow_up_needed = models.BooleanField(default=False)
    followed_up = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-referred"]
        constraints = [
            models.CheckConstraint(
                condition=Q(followed_up__isnull=True) | Q(followed_up__gte=F("referred")),
                name="referral_follow_up_not_before_call",
            )
        ]

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
    # The support plan the assessment leads to, when its review falls due and when it was last
    # reviewed (a review done sets the next one due).
    plan_agreed = models.DateField(null=True, blank=True)
    plan_review_due = models.DateField(null=True, blank=True)
    plan_reviewed = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(completed__isnull=True) | Q(completed__gte=F("started")),
                name="assessment_completed_not_before_started",
            ),
            models.CheckConstraint(
                condition=Q(plan_agreed__isnull=True) | Q(plan_agreed__gte=F("started")),
                name="support_plan_not_before_assessment",
            ),
            models.CheckConstraint(
                condition=Q(plan_reviewed__isnull=True)
                | Q(plan_agreed__isnull=False, plan_reviewed__gte=F("plan_agreed")),
                name="plan_review_not_before_plan",
            ),
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
    # Derived from the date submitted (issue 17): the year is the application's, never typed.
    financial_year = models.CharField(
        max_length=7, validators=[financial_year_validator], editable=False
    )
    therapy_type = models.CharField(max_length=30, choices=TherapyType.choices)
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
        return f"ASF {self.financial_year} {self.get_therapy_type_display()}"

    def clean(self) -> None:
        errors = {}
        if self.submitted is None:
            errors["submitted"] = NO_APPLICATION_DATE
        else:
            self.financial_year = fund_year_of(self.submitted)
        if (self.match_funding or 0) < 0:
            errors["match_funding"] = NEGATIVE_AMOUNT
        if errors:
            raise ValidationError(errors)


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


class ContactExchange(models.Model):
    """One exchange made under a contact arrangement: a letterbox letter, or a direct meeting."""

    arrangement = models.ForeignKey(
        ContactArrangement, on_delete=models.CASCADE, related_name="exchanges"
    )
    exchanged = models.DateField()
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["-exchanged"]
        indexes = [models.Index(fields=["exchanged"])]

    def __str__(self) -> str:
        return f"{self.arrangement} on {self.exchanged}"

    def clean(self) -> None:
        if self.arrangement_id and self.exchanged and self.exchanged < self.arrangement.started:
            raise ValidationError({"exchanged": EXCHANGE_BEFORE_ARRANGEMENT})


class SupportGroup(models.Model):
    """A support group, a course or a commissioned programme the RAA runs for its families."""

    class Kind(models.TextChoices):
        GROUP = "group", "Support group"
        COURSE = "course", "Training course"
        COMMISSIONED = "commissioned", "Commissioned programme"

    raa = models.ForeignKey(
        RegionalAdoptionAgency, on_delete=models.CASCADE, related_name="support_groups"
    )
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=12, choices=Kind.choices)
    provider = models.CharField(max_length=200, blank=True)
    family = models.CharField(
        "for whom",
        max_length=20,
        choices=SupportReferral.Family.choices,
        default=SupportReferral.Family.ADOPTIVE,
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["raa", "name"], name="support_group_unique_in_raa")
        ]

    def __str__(self) -> str:
        return self.name


class GroupSession(models.Model):
    """One session of a group, course or programme, and how many people came."""

    # Not `group`: the figures engine groups its rows under that name.
    support_group = models.ForeignKey(
        SupportGroup, on_delete=models.CASCADE, related_name="sessions"
    )
    held = models.DateField()
    attended = models.PositiveIntegerField()

    class Meta:
        ordering = ["-held"]
        indexes = [models.Index(fields=["held"])]

    def __str__(self) -> str:
        return f"{self.support_group} on {self.held}"
