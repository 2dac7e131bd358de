"""The SSDA903 import's records: the rows kept of each return, and each import with its files.

They belong to the journeys app (same tables as before they moved here).
"""

from django.db import models

from agencies.models import LocalAuthority


class ReturnRow(models.Model):
    """A child's rows of one table of an LA's SSDA903 return for one year (`data`: a list, only
    the columns the derivation uses), kept so that returns of several years can be imported in
    any order (journeys/ssda903/reconcile.py). `key` is left blank: rows are keyed inside."""

    la = models.ForeignKey(LocalAuthority, on_delete=models.CASCADE, related_name="+")
    year = models.CharField(max_length=7)
    table = models.CharField(max_length=20)
    child = models.CharField(max_length=50)
    key = models.CharField(max_length=20, blank=True, help_text="DECOM or DATE_PLACED; blank")
    data = models.JSONField()

    class Meta:
        app_label = "journeys"
        constraints = [
            models.UniqueConstraint(
                fields=["la", "year", "table", "child", "key"], name="return_row_unique"
            )
        ]
        indexes = [models.Index(fields=["la", "child"])]

    def __str__(self) -> str:
        return f"{self.table} {self.year} {self.child} {self.key}"


class ImportRecord(models.Model):
    """An import of an LA's SSDA903 return: who, when, which files, and what came of it."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        SUCCEEDED = "succeeded", "Imported"
        FAILED = "failed", "Failed: nothing changed"

    la = models.ForeignKey(LocalAuthority, on_delete=models.PROTECT, related_name="imports")
    year = models.CharField(max_length=7)
    user = models.ForeignKey(
        "auth.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    finished = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    files = models.JSONField(default=list, help_text="name, sha256, table and rows of each file")
    counts = models.JSONField(default=dict)
    errors = models.JSONField(default=list)
    warnings = models.JSONField(default=list)

    class Meta:
        app_label = "journeys"
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"SSDA903 {self.year} for {self.la} ({self.get_status_display()})"


class ImportFile(models.Model):
    """An uploaded file waiting for (or kept after) its import task."""

    record = models.ForeignKey(ImportRecord, on_delete=models.CASCADE, related_name="uploads")
    name = models.CharField(max_length=255)
    content = models.BinaryField()

    class Meta:
        app_label = "journeys"

    def __str__(self) -> str:
        return self.name
