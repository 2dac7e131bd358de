"""Filters shared by the API's FilterSets (each app's filters.py): by LA, RAA and hub, date
ranges and free-text search, each declared in the FilterSet's class body."""

import django_filters
from django.db.models import Q


def by_la(la_path: str) -> tuple[django_filters.Filter, ...]:
    """`?la=CODE`, `?raa=SLUG` and `?hub=ID` of the LA reached through `la_path`."""
    return (
        django_filters.CharFilter(field_name=f"{la_path}__code", help_text="DfE code of the LA"),
        django_filters.CharFilter(field_name=f"{la_path}__raa__slug", help_text="slug of the RAA"),
        django_filters.NumberFilter(field_name=f"{la_path}__hub_id", help_text="id of the hub"),
    )


def date_range(name: str) -> tuple[django_filters.DateFilter, django_filters.DateFilter]:
    """`?<date>_after=` and `?<date>_before=` (inclusive) on the date field `name`."""
    return (
        django_filters.DateFilter(
            field_name=name, lookup_expr="gte", help_text=f"{name} on or after (YYYY-MM-DD)"
        ),
        django_filters.DateFilter(
            field_name=name, lookup_expr="lte", help_text=f"{name} on or before (YYYY-MM-DD)"
        ),
    )


def text_search(*fields: str) -> django_filters.CharFilter:
    """`?search=`: text in any of `fields` (case-insensitive, contains)."""

    def search(queryset, _name, value):
        condition = Q()
        for field in fields:
            condition |= Q(**{f"{field}__icontains": value})
        return queryset.filter(condition)

    return django_filters.CharFilter(method=search, help_text=f"text in {', '.join(fields)}")
