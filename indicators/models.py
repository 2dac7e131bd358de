"""Reference data for the indicators: targets and comparator averages by indicator and period."""

from django.db import models


class ReferenceValue(models.Model):
    """A target or comparator average. A blank period applies to every period without its own."""

    class Kind(models.TextChoices):
        TARGET = "target", "Target"
        ENGLAND = "england", "England average"
        STATISTICAL_NEIGHBOURS = "neighbours", "Statistical neighbours' average"

    indicator = models.CharField(max_length=40)
    kind = models.CharField(max_length=12, choices=Kind.choices)
    period = models.CharField(
        max_length=20, blank=True, help_text="A period label such as 2018-21; blank for any period."
    )
    la = models.ForeignKey(
        "agencies.LocalAuthority",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name="LA",
        help_text="The LA it is for (a target or neighbours' average of its own); blank for all.",
    )
    value = models.DecimalField(max_digits=10, decimal_places=1)
    source = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["indicator", "kind", "period"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "kind", "period", "la"],
                name="one_reference_value_per_period_and_la",
                nulls_distinct=False,
            )
        ]

    def __str__(self) -> str:
        where = f" for {self.la}" if self.la_id else ""
        return f"{self.indicator} {self.get_kind_display()} {self.period or 'any period'}{where}"


class StatisticalNeighbour(models.Model):
    """One of an LA's statistical neighbours (the DfE's most similar LAs), which its
    neighbours' averages are taken over; each LA's list is edited in the admin."""

    la = models.ForeignKey(
        "agencies.LocalAuthority", on_delete=models.CASCADE, related_name="neighbours"
    )
    code = models.CharField("neighbour's DfE LA code", max_length=10)
    name = models.CharField("neighbour's name", max_length=120)

    class Meta:
        ordering = ["la", "name"]
        constraints = [
            models.UniqueConstraint(fields=["la", "code"], name="one_neighbour_entry_per_la")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.code}), neighbour of {self.la}"


class Export(models.Model):
    """A board file asked for from the dashboard: built by a Celery task, kept for download, and
    listed with who asked and when. It holds aggregates only."""

    class Kind(models.TextChoices):
        SCORECARD_XLSX = "scorecard_xlsx", "Quarterly scorecard (spreadsheet)"
        SCORECARD_PDF = "scorecard_pdf", "Quarterly scorecard (PDF)"
        SCORECARD_DOCX = "scorecard_docx", "Quarterly scorecard (Word)"
        REPORT_PDF = "report_pdf", "Adoption report (PDF)"
        REPORT_DOCX = "report_docx", "Adoption report (Word)"

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Being made"
        DONE = "done", "Ready"
        FAILED = "failed", "Failed"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    scope = models.CharField(max_length=60, help_text="la:CODE, hub:ID, raa:SLUG or all")
    scope_name = models.CharField(max_length=200)
    period = models.CharField(max_length=20)
    requested_by = models.ForeignKey(
        "auth.User", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    file = models.FileField(upload_to="exports/", blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.scope_name}, {self.period}"


class ReportNarrative(models.Model):
    """What managers write for one section of an area's annual or six-monthly adoption report."""

    scope = models.CharField(max_length=60, help_text="la:CODE or raa:SLUG")
    period = models.CharField(max_length=20)
    section = models.CharField(max_length=40)
    text = models.TextField(blank=True)
    updated_by = models.ForeignKey(
        "auth.User", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["scope", "period", "section"], name="one_narrative_per_section"
            )
        ]

    def __str__(self) -> str:
        return f"{self.section} of {self.scope}, {self.period}"


class DataVersion(models.Model):
    """The version of one area's data (`la:ID`, `raa:ID`, `all` or `national`), moved on after
    every committed change to the records its figures are computed from; cached figures are kept
    under the versions of their scope's areas (indicators/figure_cache.py)."""

    key = models.CharField(max_length=30, unique=True)
    number = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"data version {self.key} {self.number}"


class KeptSums(models.Model):
    """One area's sums and counts for one family of figures (or one table of the support and
    money section), kept in the database beside the cache: an emptied or expired cache then
    costs a read, not every figure computed from the records again. `key` is the cache's key
    (it holds the area's data version and `definitions`, a digest of the code the sums were
    computed by); an area's rows are deleted when its data moves on, and those of other code
    after a migration (indicators/figure_cache.py)."""

    key = models.CharField(max_length=200, primary_key=True)
    area = models.CharField(max_length=30, db_index=True)
    definitions = models.CharField(max_length=16)
    value = models.BinaryField()

    def __str__(self) -> str:
        return f"sums kept for {self.area}"
