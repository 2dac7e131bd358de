"""Agencies (RAAs, hubs, partner LAs, external agencies), staff roles and the audit trail."""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models


class RegionalAdoptionAgency(models.Model):
    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=200)
    go_live = models.DateField(null=True, blank=True)
    host_la = models.ForeignKey(
        "LocalAuthority", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "regional adoption agency"
        verbose_name_plural = "regional adoption agencies"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Hub(models.Model):
    class Kind(models.TextChoices):
        CENTRAL = "central", "Central"
        LOCALITY = "locality", "Locality"

    raa = models.ForeignKey(RegionalAdoptionAgency, on_delete=models.CASCADE, related_name="hubs")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.LOCALITY)

    class Meta:
        ordering = ["raa__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["raa", "name"], name="hub_name_unique_in_raa")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.raa})"


la_code_validator = RegexValidator(r"^\d{3}$", "An LA code is the DfE's three-digit code.")


class LocalAuthority(models.Model):
    """A partner local authority. Its children's figures are pooled into its hub and RAA."""

    code = models.CharField(max_length=3, unique=True, validators=[la_code_validator])
    name = models.CharField(max_length=200)
    raa = models.ForeignKey(
        RegionalAdoptionAgency,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="local_authorities",
    )
    raa_go_live = models.DateField(
        null=True, blank=True, help_text="The day the LA's adoption service joined its RAA."
    )
    hub = models.ForeignKey(
        Hub, null=True, blank=True, on_delete=models.SET_NULL, related_name="local_authorities"
    )

    class Meta:
        verbose_name = "local authority"
        verbose_name_plural = "local authorities"
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class ExternalAgency(models.Model):
    """An agency outside the RAA that approves adopters: another RAA or LA, or a VAA."""

    class Kind(models.TextChoices):
        RAA = "raa", "Other regional adoption agency"
        LA = "la", "Other local authority"
        VAA = "vaa", "Voluntary adoption agency"

    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=3, choices=Kind.choices)

    class Meta:
        verbose_name_plural = "external agencies"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    RAA_MANAGER = "raa_manager", "RAA manager"
    LA_MANAGER = "la_manager", "LA manager"
    FAMILY_FINDER = "family_finder", "Family finder"
    PANEL_ADVISER = "panel_adviser", "Panel adviser"
    SUPPORT_WORKER = "support_worker", "Support worker"
    BOARD_MEMBER = "board_member", "Board member"


class StaffRole(models.Model):
    """A user's role, scoped to one RAA or one LA (never both)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_role"
    )
    role = models.CharField(max_length=20, choices=Role.choices)
    raa = models.ForeignKey(
        RegionalAdoptionAgency, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    la = models.ForeignKey(
        LocalAuthority, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(raa__isnull=True, la__isnull=False)
                | models.Q(raa__isnull=False, la__isnull=True),
                name="staff_role_has_exactly_one_scope",
            ),
            models.CheckConstraint(
                condition=~models.Q(role=Role.RAA_MANAGER, raa__isnull=True),
                name="raa_manager_scoped_to_raa",
            ),
            models.CheckConstraint(
                condition=~models.Q(role=Role.LA_MANAGER, la__isnull=True),
                name="la_manager_scoped_to_la",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} ({self.raa or self.la})"


class AuditEvent(models.Model):
    """Who read or changed which child-level record, and when. Identifiers only, never content."""

    class Action(models.TextChoices):
        VIEW = "view", "Viewed"
        LIST = "list", "Listed"
        CREATE = "create", "Created"
        UPDATE = "update", "Updated"
        DELETE = "delete", "Deleted"
        EXPORT = "export", "Exported"

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=10, choices=Action.choices)
    model = models.CharField(max_length=60)
    object_ids = models.JSONField(default=list)
    la = models.ForeignKey(
        LocalAuthority, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    via = models.CharField(max_length=20, blank=True, help_text="page, api, admin, command, task")

    class Meta:
        ordering = ["-at"]
        indexes = [models.Index(fields=["model", "action"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user} {self.action} {self.model} {self.object_ids}"
