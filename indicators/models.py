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
    value = models.DecimalField(max_digits=10, decimal_places=1)
    source = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["indicator", "kind", "period"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "kind", "period"], name="one_reference_value_per_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.get_kind_display()} {self.period or 'any period'}"
