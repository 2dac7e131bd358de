"""The audit trail of child-level reads and changes: identifiers only, never content."""

from collections.abc import Iterable

from agencies.models import AuditEvent


def audit_record(
    *,
    user,
    action: str,
    model: str,
    object_ids: Iterable[int],
    la_id: int | None = None,
    via: str = "",
) -> AuditEvent:
    """Record that `user` did `action` to the given records of `model`."""
    return AuditEvent.objects.create(
        user=user if user is not None and user.is_authenticated else None,
        action=action,
        model=model,
        object_ids=sorted({int(pk) for pk in object_ids}),
        la_id=la_id,
        via=via,
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
