"""Children, their adoption journeys, adopter households, links/matches, placements, disruptions."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.text import capfirst

from agencies.models import ExternalAgency, LocalAuthority, RegionalAdoptionAgency
from journeys.date_rules import check_dates_possible

# SSDA903 ETHNIC codes.
ETHNICITY_CHOICES = [
    ("WBRI", "White British"),
    ("WIRI", "White Irish"),
    ("WIRT", "Traveller of Irish heritage"),
    ("WOTH", "Any other White background"),
    ("WROM", "Gypsy/Roma"),
    ("MWBC", "White and Black Caribbean"),
    ("MWBA", "White and Black African"),
    ("MWAS", "White and Asian"),
    ("MOTH", "Any other mixed background"),
    ("AIND", "Indian"),
    ("APKN", "Pakistani"),
    ("ABAN", "Bangladeshi"),
    ("AOTH", "Any other Asian background"),
    ("BCRB", "Caribbean"),
    ("BAFR", "African"),
    ("BOTH", "Any other Black background"),
    ("CHNE", "Chinese"),
    ("OOTH", "Any other ethnic group"),
    ("REFU", "Refused"),
    ("NOBT", "Information not yet obtained"),
]
WHITE_BRITISH = "WBRI"
EARLIEST_BIRTH = date(1950, 1, 1)
IMPLAUSIBLE_BIRTH = "A date of birth of {born} is not plausible for a child in care."
NEGATIVE_AMOUNT = "An amount cannot be negative."
ETHNICITY_NOT_KNOWN = ("REFU", "NOBT")


class ChecksInCleanMixin:
    """For models whose clean() mirrors every CheckConstraint with a clearer message: full_clean()
    then validates only unique constraints, instead of one database query per check (the
    database still enforces every check)."""

    def get_constraints(self):
        return [
            (model, [c for c in constraints if not isinstance(c, models.CheckConstraint)])
            for model, constraints in super().get_constraints()
        ]


class SiblingGroup(models.Model):
    la = models.ForeignKey(
        LocalAuthority,
        on_delete=models.CASCADE,
        related_name="sibling_groups",
        verbose_name="local authority",
    )
    reference = models.CharField(max_length=50)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["la", "reference"], name="sibling_group_unique_in_la")
        ]

    def __str__(self) -> str:
        return f"Sibling group {self.reference}"


class Child(models.Model):
    class Sex(models.TextChoices):
        MALE = "1", "Male"
        FEMALE = "2", "Female"

    la = models.ForeignKey(
        LocalAuthority,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name="local authority",
    )
    la_child_id = models.CharField("LA child identifier", max_length=50)
    sex = models.CharField(max_length=1, choices=Sex.choices)
    date_of_birth = models.DateField()
    ethnicity = models.CharField(max_length=4, choices=ETHNICITY_CHOICES)
    disability = models.BooleanField(default=False)
    sibling_group = models.ForeignKey(
        SiblingGroup, null=True, blank=True, on_delete=models.SET_NULL, related_name="children"
    )
    first_name = models.CharField(max_length=100, blank=True)
    last_name = models.CharField(max_length=100, blank=True)
    imported_fields = models.JSONField(
        default=list, blank=True, help_text="Fields last set by an SSDA903 import."
    )

    class Meta:
        verbose_name_plural = "children"
        ordering = ["la__code", "la_child_id"]
        constraints = [
            models.UniqueConstraint(fields=["la", "la_child_id"], name="child_id_unique_in_la")
        ]

    def __str__(self) -> str:
        return f"{self.la.code}/{self.la_child_id}"

    def clean(self) -> None:
        errors = _collect(lambda: check_dates_possible(self, ["date_of_birth"]))
        born = self.date_of_birth
        if born and born < EARLIEST_BIRTH:
            errors.setdefault("date_of_birth", []).append(IMPLAUSIBLE_BIRTH.format(born=born))
        if self.sibling_group_id and self.sibling_group.la_id != self.la_id:
            errors["sibling_group"] = ["A sibling group belongs to the child's own LA."]
        if errors:
            raise ValidationError(errors)


def _collect(*checks) -> dict:
    """Run each check and gather the reasons of those that fail, by field."""
    errors: dict = {}
    for check in checks:
        try:
            check()
        except ValidationError as error:
            error.update_error_dict(errors)
    return errors


def _born(obj, path: str):
    """The date of birth of the child a record belongs to, or None if not known yet."""
    for name in path.split("."):
        obj = getattr(obj, f"{name}_id", None) and getattr(obj, name)
        if obj is None:
            return None
    return obj.date_of_birth


class EarlyPermanence(models.TextChoices):
    NONE = "", "Neither"
    FOSTERING_FOR_ADOPTION = "ffa", "Fostering for adoption"
    CONCURRENT = "concurrent", "Concurrent planning"


class PlanCeasedReason(models.TextChoices):
    RD1 = "RD1", "The child's needs changed"
    RD2 = "RD2", "The court refused the placement order"
    RD3 = "RD3", "Adopters could not be found"
    RD4 = "RD4", "Another reason"


# Pairs (earlier, later) that always hold when both dates are known: enforced in the database.
# An ADM decision before entering care, or a match after the placement, can happen in real
# returns (SSDA903 flags them as warnings), so those are data-quality findings, not constraints.
JOURNEY_DATE_ORDER = [
    ("entered_care", "placement_order"),
    ("entered_care", "moved_in_with_adopters"),
    ("entered_care", "placed"),
    ("moved_in_with_adopters", "placed"),
    ("placed", "adoption_application"),
    ("placed", "adoption_order"),
    ("adoption_application", "adoption_order"),
    ("entered_care", "adoption_order"),
]
DATE_ORDER_MESSAGE = "{later} ({later_value}) cannot be before {earlier} ({earlier_value})."


def _date_order_constraints(prefix: str, pairs: list[tuple[str, str]]) -> list:
    return [
        models.CheckConstraint(
            condition=Q(**{f"{earlier}__isnull": True})
            | Q(**{f"{later}__isnull": True})
            | Q(**{f"{later}__gte": F(earlier)}),
            name=f"{prefix}_{later}_not_before_{earlier}",
        )
        for earlier, later in pairs
    ]


def check_date_order(obj: models.Model, pairs: list[tuple[str, str]]) -> None:
    """Raise a ValidationError naming both dates for every pair out of order."""
    errors: dict[str, list[ValidationError]] = {}
    for earlier, later in pairs:
        earlier_value, later_value = getattr(obj, earlier), getattr(obj, later)
        if earlier_value and later_value and later_value < earlier_value:
            message = DATE_ORDER_MESSAGE.format(
                later=capfirst(obj._meta.get_field(later).verbose_name),
                later_value=later_value.isoformat(),
                earlier=obj._meta.get_field(earlier).verbose_name,
                earlier_value=earlier_value.isoformat(),
            )
            errors.setdefault(later, []).append(ValidationError(message, code="date_order"))
    if errors:
        raise ValidationError(errors)


class Journey(ChecksInCleanMixin, models.Model):
    """One period of care of a child that led, or may lead, to adoption (indicators.md §1)."""

    class Source(models.TextChoices):
        MANUAL = "manual", "Recorded in the portal"
        SSDA903 = "ssda903", "Imported from SSDA903"

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="journeys")
    entered_care = models.DateField("entered care", null=True, blank=True)
    adm_decision = models.DateField("ADM decision", null=True, blank=True)
    placement_order = models.DateField("placement order", null=True, blank=True)
    matched = models.DateField("match decision", null=True, blank=True)
    placed = models.DateField("placed for adoption", null=True, blank=True)
    moved_in_with_adopters = models.DateField("moved in with adopters", null=True, blank=True)
    adoption_application = models.DateField("adoption application", null=True, blank=True)
    adoption_order = models.DateField("adoption order", null=True, blank=True)
    plan_ceased = models.DateField("plan ceased", null=True, blank=True)
    plan_ceased_reason = models.CharField(
        max_length=3, choices=PlanCeasedReason.choices, blank=True
    )
    early_permanence = models.CharField(
        max_length=12, choices=EarlyPermanence.choices, blank=True, default=EarlyPermanence.NONE
    )
    foster_carer_adoption = models.BooleanField(default=False)
    adopters = models.ForeignKey(
        "AdopterHousehold", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.MANUAL)
    imported_fields = models.JSONField(
        default=list, blank=True, help_text="Fields last set by an SSDA903 import."
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["child__la__code", "child__la_child_id", "entered_care"]
        indexes = [
            models.Index(fields=["adoption_order"]),
            models.Index(fields=["adm_decision"]),
            models.Index(fields=["placement_order"]),
            models.Index(fields=["matched"]),
        ]
        constraints = [
            *_date_order_constraints("journey", JOURNEY_DATE_ORDER),
            models.CheckConstraint(
                condition=Q(plan_ceased__isnull=True, plan_ceased_reason="")
                | Q(plan_ceased__isnull=False) & ~Q(plan_ceased_reason=""),
                name="journey_plan_ceased_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"Journey of {self.child} from {self.entered_care or 'unknown date'}"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # A status its queryset carried describes the dates before this save.
        self.__dict__.pop("status_today", None)

    def clean(self) -> None:
        errors = _collect(
            lambda: check_date_order(self, JOURNEY_DATE_ORDER),
            lambda: check_dates_possible(self, JOURNEY_DATES, born=_born(self, "child")),
        )
        if errors:
            raise ValidationError(errors)
        if self.plan_ceased and not self.plan_ceased_reason:
            raise ValidationError({"plan_ceased_reason": "Give the reason the plan ceased."})
        if self.plan_ceased_reason and not self.plan_ceased:
            raise ValidationError({"plan_ceased": "Give the date of the decision."})

    @property
    def status(self) -> str | None:
        """Where the journey stands today: indicators.calculations.states.journey_status_at,
        the one definition that the API's ?status= filter uses too."""
        # Imported here: the states are built on these models.
        from indicators.calculations.states import journey_status

        return journey_status(self)


# A journey's milestone dates, in order (indicators.md §1).
JOURNEY_DATES = (
    "entered_care",
    "adm_decision",
    "placement_order",
    "matched",
    "placed",
    "moved_in_with_adopters",
    "adoption_application",
    "adoption_order",
    "plan_ceased",
)


class DelayReason(models.TextChoices):
    COURT = "court", "Court delay"
    COMPLEX_NEEDS = "complex_needs", "Complex needs"
    SIBLING_GROUP = "sibling_group", "Sibling group"
    ETHNICITY = "ethnicity", "Ethnicity matching"
    SUFFICIENCY = "sufficiency", "Adopter sufficiency"
    OTHER = "other", "Other"


class JourneyNote(models.Model):
    """A note on a journey, usually explaining delay."""

    journey = models.ForeignKey(Journey, on_delete=models.CASCADE, related_name="notes")
    recorded_on = models.DateField()
    delay_reason = models.CharField(max_length=20, choices=DelayReason.choices, blank=True)
    text = models.TextField(blank=True)

    class Meta:
        ordering = ["recorded_on"]

    def __str__(self) -> str:
        return f"Note of {self.recorded_on} on journey {self.journey_id}"


AGE_RANGE_REVERSED = "The oldest age considered is below the youngest."
EARLY_PERMANENCE_KIND_WITHOUT_OFFER = (
    "Tick that the household can offer early permanence before saying which kind."
)
# A household's dates of things that happened (all checked as dates that can be true).
HOUSEHOLD_DATES = (
    "enquiry",
    "registration",
    "stage1_decision",
    "stage2_start",
    "panel",
    "approved",
    "withdrawn",
)


class HeardFrom(models.TextChoices):
    """How an enquiring household heard of the RAA (recruitment reporting)."""

    CAMPAIGN = "campaign", "A recruitment campaign"
    EVENT = "event", "An information event"
    WEBSITE = "website", "The RAA's website"
    REFERRAL = "referral", "Referred by someone (adopters, a professional, friends)"
    OTHER = "other", "Other"


HOUSEHOLD_DATE_ORDER = [
    ("enquiry", "registration"),
    ("registration", "stage1_decision"),
    ("stage1_decision", "stage2_start"),
    ("stage2_start", "panel"),
    ("registration", "approved"),
]
PLACEMENT_DATE_ORDER = [("moved_in", "placed"), ("placed", "ended")]


# A household's stages and what it can consider: what pages and the API let staff change.
HOUSEHOLD_STAGE_FIELDS = (
    "enquiry",
    "registration",
    "stage1_decision",
    "stage1_extension_reason",
    "stage2_start",
    "stage2_extension_reason",
    "panel",
    "approved",
    "withdrawn",
    "withdrawal_reason",
    "age_min",
    "age_max",
    "max_siblings",
    "considers_disability",
    "early_permanence",
    "offers_fostering_for_adoption",
    "offers_concurrent_planning",
)


# The words pages show for each value of AdopterHousehold.stage.
HOUSEHOLD_STAGE_LABELS = {
    "new": "no dates recorded yet",
    "enquiry": "enquiry",
    "Stage 1": "Stage 1 (registration of interest)",
    "Stage 2": "Stage 2 (assessment)",
    "panel": "approval panel held, awaiting the decision",
    "approved": "approved",
    "withdrawn": "withdrawn",
}


class AdopterHousehold(ChecksInCleanMixin, models.Model):
    """Prospective adopters, from enquiry to approval and placement (domain.md)."""

    class LegalStatus(models.TextChoices):
        # SSDA903 LS_ADOPTR
        L0 = "L0", "Single adopter"
        L11 = "L11", "Married couple"
        L12 = "L12", "Civil partners"
        L2 = "L2", "Unmarried couple"
        L3 = "L3", "Adopter is the child's step-parent or partner of a parent"
        L4 = "L4", "Other"

    reference = models.CharField(max_length=50)
    raa = models.ForeignKey(
        RegionalAdoptionAgency,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="households",
        verbose_name="RAA",
        help_text="The RAA that recruits and approves the household (blank if approved elsewhere).",
    )
    la = models.ForeignKey(
        LocalAuthority,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="households",
        verbose_name="local authority",
        help_text="The partner LA area the household is recorded under.",
    )
    approving_agency = models.ForeignKey(
        ExternalAgency,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="households",
        help_text="Blank when the household is approved by the RAA itself.",
    )
    number_of_adopters = models.PositiveSmallIntegerField(default=2)
    legal_status = models.CharField(max_length=3, choices=LegalStatus.choices, blank=True)
    enquiry = models.DateField(null=True, blank=True)
    heard_from = models.CharField(
        "how they heard of the agency", max_length=10, choices=HeardFrom.choices, blank=True
    )
    heard_from_detail = models.CharField(
        "which campaign, event or referrer", max_length=200, blank=True
    )
    registration = models.DateField("registration of interest", null=True, blank=True)
    stage1_decision = models.DateField("Stage 1 decision", null=True, blank=True)
    stage1_extension_reason = models.CharField(
        "why Stage 1 was extended", max_length=300, blank=True
    )
    stage2_start = models.DateField("Stage 2 start", null=True, blank=True)
    stage2_extension_reason = models.CharField(
        "why Stage 2 was extended", max_length=300, blank=True
    )
    panel = models.DateField("approval panel", null=True, blank=True)
    approved = models.DateField("approval decision", null=True, blank=True)
    withdrawn = models.DateField(null=True, blank=True)
    withdrawal_reason = models.CharField(max_length=300, blank=True)
    age_min = models.PositiveSmallIntegerField("youngest age considered", default=0)
    age_max = models.PositiveSmallIntegerField("oldest age considered", default=17)
    max_siblings = models.PositiveSmallIntegerField("siblings considered", default=1)
    considers_disability = models.BooleanField(default=False)
    early_permanence = models.BooleanField("can offer early permanence", default=False)
    offers_fostering_for_adoption = models.BooleanField(
        "can offer fostering for adoption", default=False
    )
    offers_concurrent_planning = models.BooleanField("can offer concurrent planning", default=False)

    class Meta:
        ordering = ["reference"]
        indexes = [models.Index(fields=["approved"]), models.Index(fields=["registration"])]
        constraints = [
            models.UniqueConstraint(fields=["raa", "reference"], name="household_ref_unique"),
            *_date_order_constraints("household", HOUSEHOLD_DATE_ORDER),
            models.CheckConstraint(
                condition=Q(age_min__lte=F("age_max")), name="household_age_range_ordered"
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    def clean(self) -> None:
        errors = _collect(
            lambda: check_date_order(self, HOUSEHOLD_DATE_ORDER),
            lambda: check_dates_possible(self, HOUSEHOLD_DATES),
        )
        if self.age_min > self.age_max:
            errors["age_max"] = [AGE_RANGE_REVERSED]
        if not self.early_permanence and (
            self.offers_fostering_for_adoption or self.offers_concurrent_planning
        ):
            errors["early_permanence"] = [EARLY_PERMANENCE_KIND_WITHOUT_OFFER]
        if errors:
            raise ValidationError(errors)

    @property
    def stage_label(self) -> str:
        """The household's stage in plain words, for pages (`stage` is the API's value)."""
        return HOUSEHOLD_STAGE_LABELS[self.stage]

    @property
    def stage(self) -> str:
        if self.withdrawn:
            return "withdrawn"
        for field, label in [
            ("approved", "approved"),
            ("panel", "panel"),
            ("stage2_start", "Stage 2"),
            ("registration", "Stage 1"),
            ("enquiry", "enquiry"),
        ]:
            if getattr(self, field):
                return label
        return "new"


class Link(ChecksInCleanMixin, models.Model):
    """A proposed pairing of a child and a household; a match once the ADM decides."""

    class Status(models.TextChoices):
        LINKED = "linked", "Linked"
        MATCHED = "matched", "Matched"
        ENDED = "ended", "Ended without a match"

    journey = models.ForeignKey(Journey, on_delete=models.CASCADE, related_name="links")
    household = models.ForeignKey(AdopterHousehold, on_delete=models.PROTECT, related_name="links")
    linked = models.DateField()
    matched = models.DateField("match decision", null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.LINKED)

    class Meta:
        ordering = ["linked"]
        constraints = _date_order_constraints("link", [("linked", "matched")])

    def __str__(self) -> str:
        return f"Link of journey {self.journey_id} with {self.household}"

    def clean(self) -> None:
        errors = _collect(
            lambda: check_date_order(self, [("linked", "matched")]),
            lambda: check_dates_possible(
                self, ["linked", "matched"], born=_born(self, "journey.child")
            ),
        )
        if errors:
            raise ValidationError(errors)


class AdopterSource(models.TextChoices):
    # SSDA903 PLACE_PROVIDER of the adoption placement
    OWN = "PR1", "Own LA or RAA"
    OTHER_LA = "PR2", "Other LA or RAA (inter-agency)"
    VAA = "PR5", "Voluntary adoption agency (inter-agency)"


SOURCE_CONTRADICTS = (
    "Household {household} was approved by {approver}: where the adopters were approved is "
    "“{expected}”, not “{given}”."
)


def adopter_source_for(household: "AdopterHousehold", raa_id: int | None) -> str:
    """Where a household's adopters come from for a child of the RAA `raa_id`: the RAA's own,
    another RAA or LA, or a voluntary adoption agency (from the household's approving agency)."""
    agency = household.approving_agency
    if agency is not None:
        return (
            AdopterSource.VAA if agency.kind == ExternalAgency.Kind.VAA else AdopterSource.OTHER_LA
        )
    if household.raa_id is not None and household.raa_id != raa_id:
        return AdopterSource.OTHER_LA
    return AdopterSource.OWN


class Placement(ChecksInCleanMixin, models.Model):
    """An adoption placement; several per journey when one disrupts and the child is re-placed."""

    class EndReason(models.TextChoices):
        ADOPTION_ORDER = "adoption_order", "Adoption order"
        DISRUPTION = "disruption", "Disruption"

    journey = models.ForeignKey(Journey, on_delete=models.CASCADE, related_name="placements")
    household = models.ForeignKey(
        AdopterHousehold, null=True, blank=True, on_delete=models.PROTECT, related_name="placements"
    )
    placed = models.DateField("placed for adoption")
    moved_in = models.DateField("moved in with the carers")
    ended = models.DateField(null=True, blank=True)
    end_reason = models.CharField(max_length=20, choices=EndReason.choices, blank=True)
    source = models.CharField(
        max_length=3, choices=AdopterSource.choices, default=AdopterSource.OWN
    )
    inter_agency_fee = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)
    early_permanence = models.CharField(
        max_length=12, choices=EarlyPermanence.choices, blank=True, default=EarlyPermanence.NONE
    )
    imported = models.BooleanField(default=False, help_text="Derived from an SSDA903 return.")

    class Meta:
        ordering = ["placed"]
        indexes = [models.Index(fields=["placed"]), models.Index(fields=["ended"])]
        constraints = [
            *_date_order_constraints("placement", PLACEMENT_DATE_ORDER),
            models.CheckConstraint(
                condition=Q(ended__isnull=True, end_reason="")
                | Q(ended__isnull=False) & ~Q(end_reason=""),
                name="placement_end_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"Placement of journey {self.journey_id} from {self.placed}"

    def clean(self) -> None:
        errors = _collect(
            lambda: check_date_order(self, PLACEMENT_DATE_ORDER),
            lambda: check_dates_possible(
                self, ["moved_in", "placed", "ended"], born=_born(self, "journey.child")
            ),
        )
        if self.household_id and self.journey_id:
            household = self.household
            expected = adopter_source_for(household, self.journey.child.la.raa_id)
            if self.source != expected:
                approver = household.approving_agency or household.raa or "the agency"
                errors.setdefault("source", []).append(
                    SOURCE_CONTRADICTS.format(
                        household=household,
                        approver=approver,
                        expected=AdopterSource(expected).label,
                        given=AdopterSource(self.source).label,
                    )
                )
        if self.inter_agency_fee is not None and self.inter_agency_fee < 0:
            errors.setdefault("inter_agency_fee", []).append(NEGATIVE_AMOUNT)
        if errors:
            raise ValidationError(errors)
        if self.ended and not self.end_reason:
            raise ValidationError({"end_reason": "Say how the placement ended."})
        if self.end_reason and not self.ended:
            raise ValidationError({"ended": "Give the date the placement ended."})

    @property
    def inter_agency(self) -> bool:
        return self.source != AdopterSource.OWN


class Disruption(models.Model):
    placement = models.OneToOneField(Placement, on_delete=models.CASCADE, related_name="disruption")
    reason = models.TextField(blank=True)
    meeting = models.DateField("disruption meeting", null=True, blank=True)
    chair = models.CharField(max_length=200, blank=True)
    chair_independent = models.BooleanField("chair independent of the case", default=False)
    report_completed = models.BooleanField(default=False)
    report_received = models.DateField("disruption report received", null=True, blank=True)
    learning = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"Disruption of {self.placement.journey.child} on {self.placement.ended}"

    @property
    def ended(self):
        return self.placement.ended


# The SSDA903 import's own models live with the import; imported here so that Django finds them.
from journeys.ssda903.models import ImportFile, ImportRecord, ReturnRow  # noqa: E402, F401
