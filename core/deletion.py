"""Deleting many rows and everything that depends on them without loading them.

Django's `QuerySet.delete()` loads every row it deletes (and every row that cascades from them)
whenever a model has delete signals, as the figure cache's models do, then deletes by long lists
of ids. `tree_delete` instead deletes each dependent table with one DELETE whose WHERE follows
the relation path back to the rows asked for, from the leaves up. It finds the dependent tables
from the models' relations (`_meta`), so a model added later is deleted, refused or left as its
`on_delete` says, as Django would. It sends no delete signals: callers announce the change
themselves (core.changes.changing_in_bulk) and write the audit trail.
"""

from dataclasses import dataclass, field

from django.db import models
from django.db.models import ProtectedError, QuerySet


@dataclass
class _Plan:
    deletes: list[QuerySet] = field(default_factory=list)  # leaves first
    nulls: list[tuple[QuerySet, str]] = field(default_factory=list)
    protecting: list[QuerySet] = field(default_factory=list)


def _dependents(model) -> list:
    """The relations pointing at the model whose rows a delete must deal with (as Django's
    deletion collector finds them, hidden ones such as many-to-many tables included)."""
    return [
        f
        for f in model._meta.get_fields(include_hidden=True)
        if f.auto_created and not f.concrete and (f.one_to_one or f.one_to_many)
    ]


def _plan(queryset: QuerySet, plan: _Plan, path: tuple) -> None:
    model = queryset.model
    if model in path:
        raise NotImplementedError(f"{model._meta.label} depends on itself: delete it row by row")
    for relation in _dependents(model):
        related = relation.related_model._base_manager.filter(
            **{f"{relation.field.name}__in": queryset.values("pk")}
        )
        on_delete = relation.on_delete
        if on_delete is models.CASCADE:
            _plan(related, plan, (*path, model))
        elif on_delete in (models.PROTECT, models.RESTRICT):
            # RESTRICT is treated as PROTECT: stricter than Django when the restricting row
            # would itself be deleted through another path.
            plan.protecting.append(related)
        elif on_delete is models.SET_NULL:
            plan.nulls.append((related, relation.field.name))
        elif on_delete is not models.DO_NOTHING:
            raise NotImplementedError(
                f"{relation.related_model._meta.label}.{relation.field.name}: on_delete "
                f"{on_delete.__name__} is not handled in bulk"
            )
    plan.deletes.append(queryset)


def tree_delete(queryset: QuerySet) -> dict[str, int]:
    """Delete the queryset's rows and every row that cascades from them, a few queries per
    table whatever the number of rows; refuse with Django's ProtectedError (naming one row of
    each protecting table) when PROTECT or RESTRICT relations still point at them. Returns the
    rows deleted by model label. Call it inside a transaction."""
    plan = _Plan()
    _plan(queryset, plan, ())
    protected = [row for rows in plan.protecting for row in rows[:1]]
    if protected:
        raise ProtectedError("Rows still refer to the rows being deleted.", set(protected))
    for rows, name in plan.nulls:
        rows.update(**{name: None})
    deleted: dict[str, int] = {}
    for rows in plan.deletes:
        # _raw_delete is the one DELETE ... WHERE the deletion collector itself issues for
        # rows it need not load (its "fast delete"); no public API deletes without loading.
        count = rows._raw_delete(rows.db)
        label = rows.model._meta.label
        deleted[label] = deleted.get(label, 0) + count
    return deleted
