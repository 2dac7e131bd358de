"""FilterSets shared by the API's lists: by LA, RAA and hub, date ranges, free-text search."""

import django_filters
from django.db.models import Q


def filterset_for(model, *, la_path: str | None, dates=(), fields=(), search=()):
    """A FilterSet for `model`: `?la=CODE`, `?raa=SLUG`, `?hub=ID` through `la_path`;
    `?<date>_after=` and `?<date>_before=` for each date; exact filters on `fields`; and
    `?search=` over the `search` fields (case-insensitive, contains)."""
    attrs = {}
    if la_path:
        attrs["la"] = django_filters.CharFilter(
            field_name=f"{la_path}__code", help_text="DfE code of the LA"
        )
        attrs["raa"] = django_filters.CharFilter(
            field_name=f"{la_path}__raa__slug", help_text="slug of the RAA"
        )
        attrs["hub"] = django_filters.NumberFilter(
            field_name=f"{la_path}__hub_id", help_text="id of the hub"
        )
    for name in dates:
        label = name.replace("__", "_")
        attrs[f"{label}_after"] = django_filters.DateFilter(
            field_name=name, lookup_expr="gte", help_text=f"{name} on or after (YYYY-MM-DD)"
        )
        attrs[f"{label}_before"] = django_filters.DateFilter(
            field_name=name, lookup_expr="lte", help_text=f"{name} on or before (YYYY-MM-DD)"
        )
    if search:

        def search_method(queryset, _name, value):
            condition = Q()
            for field in search:
                condition |= Q(**{f"{field}__icontains": value})
            return queryset.filter(condition)

        attrs["search"] = django_filters.CharFilter(
            method=search_method, help_text=f"text in {', '.join(search)}"
        )
    meta = type("Meta", (), {"model": model, "fields": list(fields)})
    return type(f"{model.__name__}FilterSet", (django_filters.FilterSet,), {**attrs, "Meta": meta})
