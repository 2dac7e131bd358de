"""The audit trail of child-level reads and changes: identifiers only, never content.

Every event carries the LA of the records it names, so that each RAA or LA sees every read and
change of its own children; a read that touches several LAs is one event per LA.
"""

from collections import defaultdict
from collections.abc import Iterable

from django.apps import apps
from django.db.models.functions import Coalesce

from agencies.models import AuditEvent

# The path from each audited model to its LA (by model name, as events name them); a panel item
# is about a child or a household.
LA_PATHS = {
    "child": ("journeys", "la"),
    "journey": ("journeys", "child__la"),
    "journeynote": ("journeys", "journey__child__la"),
    "link": ("journeys", "journey__child__la"),
    "placement": ("journeys", "journey__child__la"),
    "disruption": ("journeys", "placement__journey__child__la"),
    "adopterhousehold": ("journeys", "la"),
    "siblinggroup": ("journeys", "la"),
    "importrecord": ("journeys", "la"),
    "returnrow": ("journeys", "la"),
    "supportreferral": ("support", "la"),
    "supportassessment": ("support", "referral__la"),
    "fundapplication": ("support", "child__la"),
    "contactarrangement": ("support", "child__la"),
    "panelitem": ("panels", Coalesce("journey__child__la", "household__la")),
    "agencydecision": ("panels", Coalesce("item__journey__child__la", "item__household__la")),
}


def model_label(model: str) -> str:
    """The human name of an audited model ("import record" for "importrecord")."""
    if model not in LA_PATHS:
        return model
    return str(apps.get_model(LA_PATHS[model][0], model)._meta.verbose_name)


def _ids_by_la(model: str, ids: set[int]) -> dict[int | None, set[int]]:
    """The records' ids grouped by their LA (one query)."""
    app_label, la_path = LA_PATHS[model]
    rows = apps.get_model(app_label, model).objects.filter(pk__in=ids).values_list("pk", la_path)
    by_la = defaultdict(set)
    for pk, la_id in rows:
        by_la[la_id].add(pk)
    # A record deleted in the meantime keeps its event, without an LA.
    by_la[None] |= ids - {pk for pks in by_la.values() for pk in pks}
    return {la_id: pks for la_id, pks in by_la.items() if pks}


def audit_record(
    *,
    user,
    action: str,
    model: str,
    object_ids: Iterable[int],
    la_id: int | None = None,
    via: str = "",
) -> list[AuditEvent]:
    """Record that `user` did `action` to the given records of `model`: one event per LA of
    the records (`la_id` when the caller knows it, else looked up through LA_PATHS)."""
    ids = {int(pk) for pk in object_ids}
    if la_id is not None or model not in LA_PATHS or not ids:
        groups = {la_id: ids}
    else:
        groups = _ids_by_la(model, ids)
    author = user if user is not None and user.is_authenticated else None
    return AuditEvent.objects.bulk_create(
        AuditEvent(
            user=author, action=action, model=model, object_ids=sorted(pks), la_id=la, via=via
        )
        for la, pks in sorted(groups.items(), key=lambda group: (group[0] is None, group[0] or 0))
    )


def audited_view(obj, *, user, la_id: int | None, via: str) -> None:
    """Audit that `user` opened one child-level record."""
    audit_record(
        user=user,
        action=AuditEvent.Action.VIEW,
        model=obj._meta.model_name,
        object_ids=[obj.pk],
        la_id=la_id,
        via=via,
    )


def audited_list(model: str, object_ids: Iterable[int], *, user, via: str) -> None:
    """Audit that `user` was shown a list of child-level records of `model`."""
    audit_record(
        user=user, action=AuditEvent.Action.LIST, model=model, object_ids=object_ids, via=via
    )


class AuditedReadsMixin:
    """A viewset of child-level records: each page of a list and each record opened is audited
    (audited_list, audited_view)."""

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        if page:
            model = page[0]._meta.model_name
            audited_list(model, [obj.pk for obj in page], user=self.request.user, via="api")
        return page

    def get_object(self):
        instance = super().get_object()
        if self.action == "retrieve":
            audited_view(instance, user=self.request.user, la_id=None, via="api")
        return instance


def audited_save(obj, *, user, la_id: int | None, via: str = ""):
    """Validate and save a child-level record, and audit its creation or change."""
    obj.full_clean()
    action = AuditEvent.Action.CREATE if obj.pk is None else AuditEvent.Action.UPDATE
    obj.save()
    audit_record(
        user=user,
        action=action,
        model=obj._meta.model_name,
        object_ids=[obj.pk],
        la_id=la_id,
        via=via,
    )
    return obj


def audited_delete(obj, *, user, la_id: int | None, via: str = "") -> None:
    """Delete a child-level record and audit it."""
    pk, model = obj.pk, obj._meta.model_name
    obj.delete()
    audit_record(
        user=user,
        action=AuditEvent.Action.DELETE,
        model=model,
        object_ids=[pk],
        la_id=la_id,
        via=via,
    )
