"""Adoption panels: members, meetings, attendance, items, recommendations and agency decisions."""

from django.db import models
from django.db.models import Q

from agencies.models import RegionalAdoptionAgency
from journeys.models import AdopterHousehold, Journey, Link


class QuorumRule(models.Model):
    """The quorum an RAA applies, kept as data so the RAA can change it."""

    raa = models.OneToOneField(
        RegionalAdoptionAgency, on_delete=models.CASCADE, related_name="quorum_rule"
    )
    min_members = models.PositiveSmallIntegerField(default=5)
    min_members_joint = models.PositiveSmallIntegerField(default=6)
    needs_chair_or_vice = models.BooleanField(default=True)
    needs_social_worker = models.BooleanField(default=True)
    needs_independent = models.BooleanField(default=True)

    def __str__(self) -> str:
        return f"Quorum rule of {self.raa}"


class Panel(models.Model):
    raa = models.ForeignKey(RegionalAdoptionAgency, on_delete=models.CASCADE, related_name="panels")
    name = models.CharField(max_length=200)
    joint = models.BooleanField(default=False, help_text="A joint panel needs a larger quorum.")

    class Meta:
        ordering = ["raa__name", "name"]
        constraints = [models.UniqueConstraint(fields=["raa", "name"], name="panel_name_unique")]

    def __str__(self) -> str:
        return self.name


class PanelMember(models.Model):
    class Role(models.TextChoices):
        CHAIR = "chair", "Chair"
        VICE_CHAIR = "vice_chair", "Vice-chair"
        SOCIAL_WORKER = "social_worker", "Social worker (3+ years' experience)"
        INDEPENDENT = "independent", "Independent member"
        MEDICAL_ADVISER = "medical_adviser", "Medical adviser"
        OTHER = "other", "Other"

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="members")
    name = models.CharField(max_length=200)
    role = models.CharField(max_length=20, choices=Role.choices)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["panel", "role", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()})"


class Meeting(models.Model):
    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="meetings")
    date = models.DateField()
    attendees = models.ManyToManyField(PanelMember, through="Attendance", related_name="meetings")

    class Meta:
        ordering = ["-date"]
        constraints = [
            models.UniqueConstraint(fields=["panel", "date"], name="one_meeting_a_day_per_panel")
        ]

    def __str__(self) -> str:
        return f"{self.panel} on {self.date:%d %B %Y}"


class Attendance(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    member = models.ForeignKey(PanelMember, on_delete=models.PROTECT, related_name="attendance")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "member"], name="attend_once_per_meeting")
        ]

    def __str__(self) -> str:
        return f"{self.member} at {self.meeting}"


class PanelItem(models.Model):
    class BusinessType(models.TextChoices):
        ADOPTER_APPROVAL = "adopter_approval", "Adopter approval"
        MATCH = "match", "Match"
        RELINQUISHED = "relinquished", "Plan for a relinquished child"
        REVIEW = "review", "Review or termination of approval"
        EARLY_PERMANENCE = "early_permanence", "Early-permanence carer approval"

    class Recommendation(models.TextChoices):
        PENDING = "", "Not yet heard"
        RECOMMENDED = "recommended", "Recommended"
        NOT_RECOMMENDED = "not_recommended", "Not recommended"
        DEFERRED = "deferred", "Deferred"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    business_type = models.CharField(max_length=20, choices=BusinessType.choices)
    journey = models.ForeignKey(
        Journey, null=True, blank=True, on_delete=models.PROTECT, related_name="panel_items"
    )
    household = models.ForeignKey(
        AdopterHousehold,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="panel_items",
    )
    papers_received = models.DateField(null=True, blank=True)
    recommendation = models.CharField(
        max_length=20, choices=Recommendation.choices, blank=True, default=Recommendation.PENDING
    )
    recommendation_reason = models.TextField(blank=True)
    deferred_to = models.ForeignKey(
        Meeting,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="deferred_items",
        help_text="The later meeting that hears a deferred item.",
    )

    class Meta:
        ordering = ["meeting__date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(journey__isnull=False) | Q(household__isnull=False),
                name="panel_item_has_a_subject",
            ),
            models.CheckConstraint(
                condition=~Q(recommendation="deferred", recommendation_reason=""),
                name="deferral_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_business_type_display()} at {self.meeting}"


# The business whose decision reaches the record: an approval, a match.
DECISIONS_ON_RECORD = (PanelItem.BusinessType.ADOPTER_APPROVAL, PanelItem.BusinessType.MATCH)


class AgencyDecision(models.Model):
    """The agency decision maker's decision on a panel recommendation (due in 7 working days).

    An approval or a match it makes is recorded on the household or the child's journey; a
    decision that disagrees with the panel gives its reason."""

    class Effect(models.TextChoices):
        NONE = "", "Nothing recorded"
        APPROVAL = "approval", "The household's approval"
        MATCH = "match", "The child's match"
        MATCH_NEW_LINK = "match_new_link", "The child's link and match"
        ALREADY_RECORDED = "already_recorded", "Already on the record"

    item = models.OneToOneField(PanelItem, on_delete=models.CASCADE, related_name="decision")
    decision_maker = models.CharField(max_length=200)
    decided = models.DateField()
    agreed = models.BooleanField(default=True, help_text="Whether the decision follows the panel.")
    # Database defaults too: the benchmark generator copies rows in without these columns.
    approves = models.BooleanField(
        default=True,
        db_default=True,
        help_text="Whether the decision approves the household, or the match, the item is about.",
    )
    reason = models.TextField(
        blank=True,
        db_default="",
        help_text="Why the decision maker decided otherwise than the panel.",
    )
    effect = models.CharField(
        max_length=20,
        choices=Effect.choices,
        blank=True,
        default=Effect.NONE,
        db_default=Effect.NONE,
        editable=False,
        help_text="What the decision recorded on the household's or the child's record.",
    )
    link = models.ForeignKey(
        Link,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        help_text="The link the decision matched.",
    )
    # Working days need England's bank-holiday calendar, which SQL cannot see; the service counts
    # them once when the decision is recorded so that the indicator stays a database aggregate.
    working_days = models.PositiveSmallIntegerField(editable=False)

    class Meta:
        ordering = ["decided"]

    def __str__(self) -> str:
        return f"Decision by {self.decision_maker} on {self.decided}"

    @property
    def decides_record(self) -> bool:
        """An approval or a match decision: the one that reaches the household's or child's
        record."""
        return self.item.business_type in DECISIONS_ON_RECORD

    @property
    def late(self) -> bool:
        """Made more than 7 working days after the panel: indicators.calculations.states."""
        # Imported here: the states are built on these models.
        from indicators.calculations.states import decision_late

        return decision_late(self.working_days)
