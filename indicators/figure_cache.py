"""Figures kept in the cache until the records behind them change.

Each area has a data version: every LA (`la:ID`), every RAA (`raa:ID`, for its panels), all data
(`all`) and the national records every figure reads (`national`: reference values, Fund rules, the
agencies' own records). A committed change moves on, once per transaction, the versions of the
areas it touched (and `all`); a change whose areas cannot be named moves `anywhere` on. A figure is
kept under the versions of its scope's areas, read before computing it: a figure computed while a
change was committing is kept under versions no later request reads, so a cached figure is never
older than the data; and a note in one RAA leaves every other RAA's figures cached. Models no
figure reads move nothing on. Underneath, each LA's (or RAA's) sums and counts are kept under its
own version (`Components`), so that when one LA changes a figure of its RAA, or of all data, is
pooled again from the other areas' kept sums and that LA's alone, computed afresh; the families'
sums read no national record, so a change to those (an LA renamed, a reference value) keeps them.
Those sums are kept in the database too (`KeptSums`, deleted when their area moves on), so that a
cache emptied, restarted or expired overnight is filled again from them instead of from every
record.

When several requests miss the same figure at once, one computes it and the others wait for it
(a few seconds at most, then compute it themselves). With `FIGURE_CACHE_SECONDS` 0 every figure
is computed live.
"""

import copy
import hashlib
import pickle
import threading
import time
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import connections, transaction
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.utils import timezone

from agencies.models import LocalAuthority, RegionalAdoptionAgency
from core.changes import in_bulk, records_changed
from indicators.calculations import engine
from indicators.models import DataVersion, KeptSums

NATIONAL = "national"
# Moved on by a change to the records whose areas cannot be named: every area's kept sums are
# computed again (a change to the national records alone leaves them, as no LA's sums read them).
ANYWHERE = "anywhere"
ALL = "all"

# The records the figures are computed from, with the paths from each to the LAs and the RAA whose
# figures it counts in (several paths: every LA they reach). A link counts in its child's LA and
# in its household's (the adopters' figures); panel items count in the LA of their child or
# household, so an item, its decision or its meeting moves those LAs on as well as the RAA.
# Models not listed (imports' bookkeeping, journey notes, board files, reports' narratives, staff
# roles, the audit trail) move nothing on.
ITEM_LAS = ("journey__child__la_id", "household__la_id")
OWNERS = {
    "journeys.Child": (("la_id",), None),
    "journeys.SiblingGroup": (("la_id",), None),
    "journeys.Journey": (("child__la_id",), None),
    "journeys.Link": (("journey__child__la_id", "household__la_id"), None),
    # Its adopters' RAA lists the fees it receives (the support and money section).
    "journeys.Placement": (("journey__child__la_id",), "household__raa_id"),
    "journeys.Disruption": (("placement__journey__child__la_id",), None),
    "journeys.AdopterHousehold": (("la_id",), "raa_id"),
    "panels.QuorumRule": ((), "raa_id"),
    "panels.Panel": ((), "raa_id"),
    "panels.PanelMember": ((), "panel__raa_id"),
    "panels.Meeting": (tuple(f"items__{path}" for path in ITEM_LAS), "panel__raa_id"),
    "panels.Attendance": ((), "meeting__panel__raa_id"),
    "panels.PanelItem": (ITEM_LAS, "meeting__panel__raa_id"),
    "panels.AgencyDecision": (
        tuple(f"item__{path}" for path in ITEM_LAS),
        "item__meeting__panel__raa_id",
    ),
    "support.SupportReferral": (("la_id",), None),
    "support.SupportAssessment": (("referral__la_id",), None),
    "support.FundApplication": (("child__la_id",), None),
    "support.ContactArrangement": (("child__la_id",), None),
    "support.ContactExchange": (("arrangement__child__la_id",), None),
    "support.SupportGroup": ((), "raa_id"),
    "support.GroupSession": ((), "support_group__raa_id"),
    "finance.HubBudget": ((), "hub__raa_id"),  # read by the support and money section
    "recruitment.InformationEvent": ((), "raa_id"),
    "recruitment.PreparationCourse": ((), "raa_id"),
    "recruitment.InitialVisit": (("household__la_id",), "household__raa_id"),
}
# Records every figure may read: a change to one moves every area on.
NATIONAL_MODELS = (
    "agencies.RegionalAdoptionAgency",
    "agencies.Hub",
    "agencies.LocalAuthority",
    "indicators.ReferenceValue",
    "support.FundRule",
)

# Part of every key: moved on when the classes of what is kept change (a Figure from before a
# deploy must not be read by the code after it).
FORMAT = 2


def _definitions() -> str:
    """A digest of the code the kept sums and figures are computed by (the figures' definitions
    and the support and money section's tables), part of every key: what was computed by other
    code, before a deploy, is never read."""
    here = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in [*sorted((here / "calculations").glob("*.py")), here / "support_money.py"]:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


DEFINITIONS = _definitions()
SINGLE_FLIGHT_WAIT_SECONDS = 5.0
SINGLE_FLIGHT_POLL_SECONDS = 0.05

_pending = threading.local()


def _area(kind: str, pk: int | None) -> str:
    """The data version of one LA or RAA (`kind` "la" or "raa"); None for records of none."""
    return f"{kind}:{pk or 'none'}"


def _area_keys(la_ids, raa_ids) -> set[str]:
    """The data versions of these LAs and RAAs."""
    return {_area("la", pk) for pk in la_ids} | {_area("raa", pk) for pk in raa_ids}


class _ParentGone(Exception):
    """A record's parent was deleted before it, so its area cannot be found."""


def _owners(instance, path: str) -> set:
    """The ids at the end of path from instance. A path's first step is read from the instance
    itself, so that a record just deleted (its parents not yet) still names its area; a path
    through the records pointing at it (a meeting's items) reads them as they are now."""
    first, _, rest = path.partition("__")
    field = instance._meta.get_field(first)
    if not field.concrete:
        model = type(instance)
        return set(model._base_manager.filter(pk=instance.pk).values_list(path, flat=True))
    if not rest:
        return {getattr(instance, first)}
    related_id = getattr(instance, field.attname)
    if related_id is None:
        return {None}
    found = set(
        field.related_model._base_manager.filter(pk=related_id).values_list(rest, flat=True)
    )
    if not found:
        raise _ParentGone
    return found


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
        # Sums kept under the old versions are read no more.
        kept = KeptSums.objects.all()
        (kept if ANYWHERE in keys else kept.filter(area__in=keys)).delete()


def _changed(keys: set[str]) -> None:
    """Move these areas on once the current transaction commits (at once outside one): however
    many records a transaction changes, its areas move on once."""
    if not hasattr(_pending, "keys"):
        _pending.keys = set()
    _pending.keys |= keys
    transaction.on_commit(_flush)


def _on_records_changed(sender, *, la_ids, raa_ids, everything, **kwargs) -> None:
    _changed({NATIONAL, ANYWHERE} if everything else _area_keys(la_ids, raa_ids))


def _on_national_change(sender, **kwargs) -> None:
    _changed({NATIONAL})


def _areas_of(instance) -> set[str]:
    la_paths, raa_path = OWNERS[instance._meta.label]
    try:
        la_ids = set().union(*(_owners(instance, path) for path in la_paths))
        raa_ids = _owners(instance, raa_path) if raa_path else set()
    except _ParentGone:
        return {NATIONAL, ANYWHERE}  # its area cannot be found any more: every area moves on
    return _area_keys(la_ids, raa_ids) or {NATIONAL, ANYWHERE}


def _on_change(sender, instance, **kwargs) -> None:
    if not in_bulk():
        _changed(_areas_of(instance))


def _on_before_save(sender, instance, **kwargs) -> None:
    """The areas a record is leaving (a child moved to another LA) move on too: when a field its
    areas are reached through changes, the record as it was names them."""
    if in_bulk() or instance._state.adding:
        return
    la_paths, raa_path = OWNERS[sender._meta.label]
    fields = {
        instance._meta.get_field(path.partition("__")[0])
        for path in (*la_paths, raa_path or "")
        if path
    }
    links = [field.attname for field in fields if field.concrete]
    before = sender._base_manager.filter(pk=instance.pk).values(*links).first()
    if before and any(getattr(instance, name) != value for name, value in before.items()):
        was = copy.copy(instance)
        for name, value in before.items():
            setattr(was, name, value)
        _changed(_areas_of(was))


def drop_other_definitions(using="default", **kwargs) -> None:
    """After a migration (every deploy runs one), the sums kept by other code are deleted: no key
    of this code reads them."""
    if KeptSums._meta.db_table in connections[using].introspection.table_names():
        KeptSums.objects.using(using).exclude(definitions=DEFINITIONS).delete()


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
        pre_save.connect(_on_before_save, sender=model)
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


class Components:
    """Each LA's (or RAA's) sums and counts of a family, kept under that area's own data version
    (engine.family_components for one area): after a change in one LA, a figure of an RAA or of
    all data is pooled from the other areas' kept sums and that LA's, computed afresh from its
    rows alone. Exact: the sums and counts are added up as before, never averages.

    The versions are read once, before anything is computed, so sums computed while a change
    was committing are kept under versions no later request reads."""

    def __init__(self):
        self.versions = dict(DataVersion.objects.values_list("key", "number"))
        self._members: dict[bool, list] = {}

    def version(self, key: str) -> int:
        return self.versions.get(key, 0)

    def members(self, by_raa: bool) -> list:
        """Every RAA (or LA), and None for the records of none."""
        if by_raa not in self._members:
            model = RegionalAdoptionAgency if by_raa else LocalAuthority
            self._members[by_raa] = [*model.objects.values_list("pk", flat=True), None]
        return self._members[by_raa]

    def __call__(self, family, periods, la_ids, raa_ids=None, codes=None) -> dict:
        codes = sorted(codes) if codes is not None else None

        def compute(groups):
            return engine.family_components(
                family,
                periods,
                la_ids=None if family.by_raa else groups,
                raa_ids=groups if family.by_raa else None,
                codes=codes,
            )

        asked = raa_ids if family.by_raa else la_ids
        return self.per_area(family.by_raa, [family.name, periods, codes], asked, compute)

    def per_area(self, by_raa: bool, what: list, asked, compute) -> dict:
        """{area: compute(those areas)[area]} for the LAs (or RAAs) asked (None: every one, and
        None for the records of none), each area's value kept under its own version: only the
        areas changed since are computed again. `what` names the computation (and holds the
        national version where it reads the national records: the families' sums do not)."""
        groups = self.members(by_raa) if asked is None else sorted(asked)
        kind = "raa" if by_raa else "la"
        prefix = _key("components", *what, self.version(ANYWHERE))
        keys = {}
        for group in groups:
            area = _area(kind, group)
            keys[group] = f"{prefix}:{area}:{self.version(area)}"
        found = cache.get_many(list(keys.values()))
        if len(found) < len(keys):
            stored = _stored([key for key in keys.values() if key not in found])
            cache.set_many(stored, settings.FIGURE_CACHE_SECONDS)
            found.update(stored)
        missing = [group for group, key in keys.items() if key not in found]
        if missing:
            # Every area missing (nothing kept yet): one query over all rows, no list of areas.
            fresh = compute(None if asked is None and len(missing) == len(groups) else missing)
            kept = {keys[group]: fresh.get(group, {}) for group in missing}
            cache.set_many(kept, settings.FIGURE_CACHE_SECONDS)
            KeptSums.objects.bulk_create(
                [
                    KeptSums(
                        key=keys[group],
                        area=_area(kind, group),
                        definitions=DEFINITIONS,
                        value=pickle.dumps(kept[keys[group]]),
                    )
                    for group in missing
                ],
                ignore_conflicts=True,
            )
            found.update(kept)
        return {group: found[key] for group, key in keys.items() if found[key]}


def _stored(keys: list[str]) -> dict:
    """The sums kept in the database under these keys (those written by this code: the key
    holds FORMAT and DEFINITIONS)."""
    rows = KeptSums.objects.filter(key__in=keys).values_list("key", "value")
    return {key: pickle.loads(value) for key, value in rows}


def by_la(name: str, compute, la_ids, *parts) -> dict:
    """compute(la_ids) gives {LA: its value} for tables that add up over LAs (the support and
    money section's): each LA's kept under its own version like its figures' sums, so that after
    a change in one LA only that LA's rows are read again. `la_ids` None is every LA, and the
    records of none. `parts` are the rest of its key. They read the Fund rules: kept under the
    national version too."""
    if not settings.FIGURE_CACHE_SECONDS:
        return compute(la_ids)
    components = Components()
    what = [name, *parts, components.version(NATIONAL)]
    return components.per_area(False, what, la_ids, compute)


def _key(kind: str, *parts) -> str:
    """A cache key: `kind`, then a digest of the format of what is kept and of `parts`."""
    text = repr([FORMAT, DEFINITIONS, *parts])
    return f"{kind}:{hashlib.sha256(text.encode()).hexdigest()}"


def kept(name: str, compute, scopes, *parts):
    """compute(), kept like the figures of these scopes until their areas' records change; for
    tables computed from the same records as the figures. `parts` are the rest of its key."""
    return _cached(name, lambda components_of: compute(), scopes, *parts)


def _cached(name: str, compute, scopes, *parts):
    if not settings.FIGURE_CACHE_SECONDS:
        return compute(engine.family_components)
    versions = data_versions(area_keys(scopes))
    # Today is part of the key: some figures run to it.
    key = _key("figures", name, timezone.localdate(), versions, scopes, *parts)
    found = cache.get(key)
    if found is None:
        # Every area's version, read now, before computing: no older than those of the key.
        found = _single_flight(key, lambda: compute(Components()))
    return found


def figures_by_scope(period, scopes, codes=None):
    """engine.figures_by_scope, each scope's figures kept until the data of its own areas
    changes: after a change in one LA only the scopes it is in (the LA, its hub, its RAA, all
    data) are pooled again, from the other areas' kept sums and that LA's computed afresh."""
    scopes = list(scopes)
    codes = sorted(codes) if codes is not None else None
    if not settings.FIGURE_CACHE_SECONDS:
        return engine.figures_by_scope(period, scopes, codes)
    versions = dict(data_versions(area_keys(scopes)))
    today = timezone.localdate()  # some figures run to today
    keys = {}
    for scope in scopes:
        own = [(key, versions[key]) for key in area_keys([scope])]
        keys[scope] = _key("figures", "scope", today, own, scope, period, codes)
    found = cache.get_many(list(keys.values()))
    missing = [scope for scope in scopes if keys[scope] not in found]
    if missing:

        def compute():
            computed = engine.figures_by_scope(period, missing, codes, Components())
            fresh = {keys[scope]: computed[scope] for scope in missing}
            cache.set_many(fresh, settings.FIGURE_CACHE_SECONDS)
            return fresh

        batch = _key("figures", sorted(keys[scope] for scope in missing))
        found.update(_single_flight(batch, compute))
    return {scope: found[keys[scope]] for scope in scopes}


def figure_series(scope, periods, codes):
    """engine.figure_series, kept until the data of the scope's areas changes, and pooled from
    each area's kept sums when it does."""
    return _cached(
        "series",
        lambda components_of: engine.figure_series(scope, periods, codes, components_of),
        [scope],
        periods,
        list(codes),
    )


def figures_for(scope, period):
    """engine.figures_for, kept until the data of the scope's areas changes."""
    return figures_by_scope(period, [scope])[scope]
