"""Scopes of a figure (docs/indicators.md §1.2): one LA, one hub, one RAA, or all data."""

from dataclasses import dataclass

from agencies.models import Hub, LocalAuthority, RegionalAdoptionAgency

SCOPE_HELP = "Use la:CODE, hub:ID, raa:SLUG or all."
BAD_SCOPE = "Malformed scope {text!r}. " + SCOPE_HELP
UNKNOWN_SCOPE = "Unknown {kind} {key!r}."


class ScopeError(ValueError):
    pass


@dataclass(frozen=True)
class Scope:
    kind: str  # "la", "hub", "raa" or "all"
    key: str
    label: str
    la_ids: frozenset[int] | None  # None: every LA
    raa_ids: frozenset[int] | None  # the RAAs whose panels count; None: every RAA

    @property
    def text(self) -> str:
        return "all" if self.kind == "all" else f"{self.kind}:{self.key}"

    def __str__(self) -> str:
        return self.text


ALL = Scope("all", "", "All data", None, None)


def _la_ids(queryset) -> frozenset[int]:
    return frozenset(queryset.values_list("pk", flat=True))


def scope_for_la(la: LocalAuthority) -> Scope:
    return Scope("la", la.code, la.name, frozenset({la.pk}), frozenset())


def scope_for_hub(hub: Hub) -> Scope:
    return Scope("hub", str(hub.pk), hub.name, _la_ids(hub.local_authorities.all()), frozenset())


def scope_for_raa(raa: RegionalAdoptionAgency) -> Scope:
    las = _la_ids(LocalAuthority.objects.filter(raa=raa))
    return Scope("raa", raa.slug, raa.name, las, frozenset({raa.pk}))


def parse_scope(text: str) -> Scope:
    """Read `la:CODE`, `hub:ID`, `raa:SLUG` or `all`; raise ScopeError if malformed or unknown."""
    text = (text or "").strip()
    if text == "all":
        return ALL
    kind, _, key = text.partition(":")
    if not key:
        raise ScopeError(BAD_SCOPE.format(text=text))
    if kind == "la":
        la = LocalAuthority.objects.filter(code=key).first()
        if la is None:
            raise ScopeError(UNKNOWN_SCOPE.format(kind="LA", key=key))
        return scope_for_la(la)
    if kind == "hub":
        hub = Hub.objects.filter(pk=key).first() if key.isdigit() else None
        if hub is None:
            raise ScopeError(UNKNOWN_SCOPE.format(kind="hub", key=key))
        return scope_for_hub(hub)
    if kind == "raa":
        raa = RegionalAdoptionAgency.objects.filter(slug=key).first()
        if raa is None:
            raise ScopeError(UNKNOWN_SCOPE.format(kind="RAA", key=key))
        return scope_for_raa(raa)
    raise ScopeError(BAD_SCOPE.format(text=text))


def all_scopes() -> list[Scope]:
    """Every LA, hub and RAA, and all data — built from three queries."""
    las = list(LocalAuthority.objects.values_list("pk", "code", "name", "hub_id", "raa_id"))
    scopes = [Scope("la", code, name, frozenset({pk}), frozenset()) for pk, code, name, _, _ in las]
    for hub in Hub.objects.all():
        members = frozenset(pk for pk, _, _, hub_id, _ in las if hub_id == hub.pk)
        scopes.append(Scope("hub", str(hub.pk), hub.name, members, frozenset()))
    for raa in RegionalAdoptionAgency.objects.all():
        members = frozenset(pk for pk, _, _, _, raa_id in las if raa_id == raa.pk)
        scopes.append(Scope("raa", raa.slug, raa.name, members, frozenset({raa.pk})))
    scopes.append(ALL)
    return scopes


def member_scopes(scope: Scope) -> list[Scope]:
    """The parts a scope is compared across: an RAA's or hub's LAs, every RAA for all data, and
    none for one LA."""
    if scope.kind == "la":
        return []
    if scope.kind == "all":
        return sorted((s for s in all_scopes() if s.kind == "raa"), key=lambda s: s.label)
    las = LocalAuthority.objects.filter(pk__in=scope.la_ids).order_by("name")
    return [scope_for_la(la) for la in las]
