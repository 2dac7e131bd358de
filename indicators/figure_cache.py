"""Figures kept in the cache until the records behind them change.

Every committed change to a record the figures are computed from moves the data version on
(after the commit); cached figures are kept under the version read before computing them. So a
figure computed while a change was committing is kept under the old version, which no later
request reads, and a request that reads the new version sees the change: a cached figure is
never older than the data. Without a cache (or with Redis down) every figure is computed live.
"""

import hashlib
from datetime import date

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save

from core.signals import bulk_written
from indicators import calculations
from indicators.models import DataVersion

# The records the figures are computed from: every model of these apps, and the reference
# values (targets and England averages), but not imports' bookkeeping, board files, reports'
# narratives, staff roles or the audit trail.
FIGURE_APPS = ("journeys", "panels", "support")
FIGURE_MODELS = (
    "agencies.RegionalAdoptionAgency",
    "agencies.Hub",
    "agencies.LocalAuthority",
    "indicators.ReferenceValue",
)
NOT_FIGURES = ("journeys.ImportRecord", "journeys.ImportFile", "journeys.ReturnRow")


def data_version() -> int:
    return DataVersion.objects.values_list("number", flat=True).first() or 0


def _move_on() -> None:
    if not DataVersion.objects.filter(pk=1).update(number=F("number") + 1):
        DataVersion.objects.get_or_create(pk=1, defaults={"number": 1})


def figures_changed() -> None:
    """Move the data version on once the current transaction commits (at once outside one).
    Bulk writes, which send no signals, call this themselves."""
    transaction.on_commit(_move_on)


def _on_change(sender, **kwargs) -> None:
    figures_changed()


def connect_signals() -> None:
    bulk_written.connect(_on_change)
    labels = {*FIGURE_MODELS}
    for app in FIGURE_APPS:
        labels |= {model._meta.label for model in apps.get_app_config(app).get_models()}
    for label in sorted(labels - set(NOT_FIGURES)):
        model = apps.get_model(label)
        # One module-level receiver per sender: Django connects it once however often this runs.
        for signal in (post_save, post_delete):
            signal.connect(_on_change, sender=model)
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(_on_change, sender=field.remote_field.through)


def _cached(name: str, compute, *parts):
    if not settings.FIGURE_CACHE_SECONDS:
        return compute()
    version = data_version()
    text = repr([name, date.today(), *parts])  # the scopes' LAs, and today: some figures run to it
    key = f"figures:{version}:{hashlib.sha256(text.encode()).hexdigest()}"
    found = cache.get(key)
    if found is None:
        found = compute()
        cache.set(key, found, settings.FIGURE_CACHE_SECONDS)
    return found


def figures_by_scope(period, scopes, codes=None):
    """calculations.figures_by_scope, kept until the data changes."""
    return _cached(
        "by_scope",
        lambda: calculations.figures_by_scope(period, scopes, codes),
        period,
        scopes,
        sorted(codes) if codes is not None else None,
    )


def figure_series(scope, periods, codes):
    """calculations.figure_series, kept until the data changes."""
    return _cached(
        "series",
        lambda: calculations.figure_series(scope, periods, codes),
        scope,
        periods,
        list(codes),
    )


def figures_for(scope, period):
    """calculations.figures_for, kept until the data changes."""
    return figures_by_scope(period, [scope])[scope]
