"""Figures kept in the cache until the records behind them change.

Each area has a data version: every LA (`la:ID`), every RAA (`raa:ID`, for its panels), all data
(`all`) and the national records every figure reads (`national`: reference values, Fund rules,
the agencies' own records). A committed change moves on, once per transaction, the versions of the
areas it touched (and `all`). A figure is kept under the versions of its scope's areas, read before
computing it: a figure computed while a change was committing is kept under versions no later
request reads, so a cached figure is never older than the data; and a note in one RAA leaves every
other RAA's figures cached. Models no figure reads move nothing on.

When several requests miss the same figure at once, one computes it and the others wait for it
(a few seconds at most, then compute it themselves). Without a cache (or with Redis down) every
figure is computed live.
"""

import hashlib
import threading
import time

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

from core.changes import in_bulk, records_changed
from indicators import calculations
from indicators.models import DataVersion

NATIONAL = "national"
ALL = "all"

# The records the figures are computed from, with the path from each to the LA and the RAA whose
# figures it counts in. Models not listed (imports' bookkeeping, journey notes, contact
# arrangements, board files, reports' narratives, staff roles, the audit trail) move nothing on.
OWNERS = {
    "journeys.Child": ("la_id", None),
    "journeys.SiblingGroup": ("la_id", None),
    "journeys.Journey": ("child__la_id", None),
    "journeys.Link": ("journey__child__la_id", None),
    "journeys.Placement": ("journey__child__la_id", None),
    "journeys.Disruption": ("placement__journey__child__la_id", None),
    "journeys.AdopterHousehold": ("la_id", "raa_id"),
    "panels.QuorumRule": (None, "raa_id"),
    "panels.Panel": (None, "raa_id"),
    "panels.PanelMember": (None, "panel__raa_id"),
    "panels.Meeting": (None, "panel__raa_id"),
    "panels.Attendance": (None, "meeting__panel__raa_id"),
    "panels.PanelItem": (None, "meeting__panel__raa_id"),
    "panels.AgencyDecision": (None, "item__meeting__panel__raa_id"),
    "support.SupportReferral": ("la_id", None),
    "support.SupportAssessment": ("referral__la_id", None),
    "support.FundApplication": ("child__la_id", None),
    "recruitment.InformationEvent": (None, "raa_id"),
    "recruitment.PreparationCourse": (None, "raa_id"),
    "recruitment.InitialVisit": ("household__la_id", "household__raa_id"),
}
# Records every figure may read: a change to one moves every area on.
NATIONAL_MODELS = (
    "agencies.RegionalAdoptionAgency",
    "agencies.Hub",
    "agencies.LocalAuthority",
    "indicators.ReferenceValue",
    "support.FundRule",
)

SINGLE_FLIGHT_WAIT_SECONDS = 5.0
SINGLE_FLIGHT_POLL_SECONDS = 0.05

_pending = threading.local()


def _area_keys(la_ids, raa_ids) -> set[str]:
    return {f"la:{pk}" for pk in la_ids if pk} | {f"raa:{pk}" for pk in raa_ids if pk}


def _owner(instance, path: str | None):
    """The id at the end of path from instance; path's first step is read from the instance
    itself, so that a record just deleted (its parents not yet) still names its area."""
    if path is None:
        return None
    first, _, rest = path.partition("__")
    if not rest:
        return getattr(instance, first)
    field = instance._meta.get_field(first)
    related_id = getattr(instance, field.attname)
    if related_id is None:
        return None
    return field.related_model.objects.filter(pk=related_id).values_list(rest, flat=True).first()


def _flush() -> None:
    keys, _pending.keys = getattr(_pending, "keys", set()), set()
    if not keys:
        return
    keys = sorted(keys | {ALL})
    with transaction.atomic():
        DataVersion.objects.bulk_create(
            [DataVersion(key=key) for key in keys], ignore_conflicts=True
        )
        # Locked in one order, so that two commits moving overlapping areas on never deadlock.
        list(DataVersion.objects.select_for_update().filter(key__in=keys).order_by("key"))
        DataVersion.objects.filter(key__in=keys).update(number=F("number") + 1)


def _changed(keys: set[str]) -> None:
    """Move these areas on once the current transaction commits (at once outside one): however
    many records a transaction changes, its areas move on once."""
    if not hasattr(_pending, "keys"):
        _pending.keys = set()
    _pending.keys |= keys
    transaction.on_commit(_flush)


def _on_records_changed(sender, *, la_ids, raa_ids, everything, **kwargs) -> None:
    _changed({NATIONAL} if everything else _area_keys(la_ids, raa_ids))


def _on_national_change(sender, **kwargs) -> None:
    _changed({NATIONAL})


def _on_change(sender, instance, **kwargs) -> None:
    if in_bulk():
        return
    la_path, raa_path = OWNERS[sender._meta.label]
    la_id, raa_id = _owner(instance, la_path), _owner(instance, raa_path)
    # A record whose area cannot be found any more (its parent already gone) moves all on.
    _changed(_area_keys([la_id], [raa_id]) or {NATIONAL})


def _on_m2m_change(sender, instance, **kwargs) -> None:
    _on_change(type(instance), instance)


def connect_signals() -> None:
    """Connect the receivers (once per sender, however often this runs)."""
    records_changed.connect(_on_records_changed)
    for label in NATIONAL_MODELS:
        for signal in (post_save, post_delete):
            signal.connect(_on_national_change, sender=apps.get_model(label))
    for label in OWNERS:
        model = apps.get_model(label)
        for signal in (post_save, post_delete):
            signal.connect(_on_change, sender=model)
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(_on_m2m_change, sender=field.remote_field.through)


def area_keys(scopes) -> list[str]:
    """The data versions the figures of these scopes depend on."""
    keys = {NATIONAL}
    for scope in scopes:
        if scope.la_ids is None:
            keys.add(ALL)
        else:
            keys |= _area_keys(scope.la_ids, scope.raa_ids or ())
    return sorted(keys)


def data_versions(keys) -> tuple:
    """The current version of each of these areas (0 for an area never changed)."""
    found = dict(DataVersion.objects.filter(key__in=keys).values_list("key", "number"))
    return tuple((key, found.get(key, 0)) for key in keys)


def _single_flight(key: str, compute):
    """Compute the value once while others asking for the same key wait for it."""
    lock = f"{key}:computing"
    if cache.add(lock, 1, SINGLE_FLIGHT_WAIT_SECONDS * 2):
        try:
            found = compute()
            cache.set(key, found, settings.FIGURE_CACHE_SECONDS)
            return found
        finally:
            cache.delete(lock)
    deadline = time.monotonic() + SINGLE_FLIGHT_WAIT_SECONDS
    while time.monotonic() < deadline and cache.has_key(lock):
        time.sleep(SINGLE_FLIGHT_POLL_SECONDS)
        found = cache.get(key)
        if found is not None:
            return found
    return cache.get(key) or compute()


def _cached(name: str, compute, scopes, *parts):
    if not settings.FIGURE_CACHE_SECONDS:
        return compute()
    versions = data_versions(area_keys(scopes))
    # Today is part of the key: some figures run to it.
    text = repr([name, timezone.localdate(), versions, scopes, *parts])
    key = f"figures:{hashlib.sha256(text.encode()).hexdigest()}"
    found = cache.get(key)
    if found is None:
        found = _single_flight(key, compute)
    return found


def figures_by_scope(period, scopes, codes=None):
    """calculations.figures_by_scope, kept until the data of the scopes' areas changes."""
    return _cached(
        "by_scope",
        lambda: calculations.figures_by_scope(period, scopes, codes),
        list(scopes),
        period,
        sorted(codes) if codes is not None else None,
    )


def figure_series(scope, periods, codes):
    """calculations.figure_series, kept until the data of the scope's areas changes."""
    return _cached(
        "series",
        lambda: calculations.figure_series(scope, periods, codes),
        [scope],
        periods,
        list(codes),
    )


def figures_for(scope, period):
    """calculations.figures_for, kept until the data of the scope's areas changes."""
    return figures_by_scope(period, [scope])[scope]
