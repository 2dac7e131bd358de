"""The access matrix, generated from the URL configuration: every page, API endpoint, download and
admin page, for every role and for anonymous users, with a record of the user's own RAA (north)
and one of another RAA (south).

Each URL name must have a row in ROUTES, so a new URL cannot be added without deciding who may
reach it. Every answer is checked for its status and for the children's identifiers it must not
hold: a board member sees no child-level data at all, and no one sees another RAA's records.
Every write to another RAA's record is refused and changes nothing.
"""

from dataclasses import dataclass, field
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from rest_framework.test import APIClient

from adoption_portal.api import router
from agencies.models import AuditEvent, ExternalAgency
from indicators.models import Export
from tests.factories import ROLES, casework

EVERYONE = frozenset(ROLES)
CHILDREN = frozenset({"raa_manager", "la_manager", "family_finder", "superuser"})
CHILD_WRITERS = frozenset({"raa_manager", "family_finder", "superuser"})
HOUSEHOLDS = frozenset({"raa_manager", "family_finder", "panel_adviser", "superuser"})
PANELS = HOUSEHOLDS
SUPPORT = frozenset({"raa_manager", "support_worker", "superuser"})
IMPORTS = frozenset({"raa_manager", "la_manager", "superuser"})
REPORTS = frozenset({"raa_manager", "la_manager", "board_member", "superuser"})
AUDIT = frozenset({"raa_manager", "superuser"})
FINANCE = frozenset({"raa_manager", "superuser"})
ADMIN = frozenset({"superuser"})  # docs/adr/0007-admin.md
RECRUITMENT = frozenset({"raa_manager", "family_finder", "superuser"})

OWN, OTHER = "Qx7own", "Qx7oth"  # planted in the children's and households' references


@dataclass(frozen=True)
class Route:
    """Who may GET a URL, and which record (if any) fills it. `other` is the status a permitted
    role meets with the other RAA's record (None: the route holds no RAA's record)."""

    roles: frozenset
    record: str | None = None
    query: str = ""
    other_query: str | None = None
    other: int | None = 404
    public: bool = False
    post_only: bool = False
    kwargs: dict = field(default_factory=dict)


# The API's records: endpoint prefix -> roles that may read it.
API_READERS = {
    "children": CHILDREN,
    "journeys": CHILDREN,
    "households": HOUSEHOLDS,
    "links": CHILDREN,
    "matches": CHILDREN,
    "placements": CHILDREN,
    "disruptions": CHILDREN,
    "panels": PANELS,
    "panel-members": PANELS,
    "meetings": PANELS,
    "panel-items": PANELS,
    "recommendations": PANELS,
    "agency-decisions": PANELS,
    "support-referrals": SUPPORT,
    "assessments": SUPPORT,
    "fund-applications": SUPPORT,
    "fund-rules": EVERYONE,
    "raas": EVERYONE,
    "local-authorities": EVERYONE,
    "hubs": EVERYONE,
    "external-agencies": EVERYONE,
    "reference-values": EVERYONE,
    "imports": IMPORTS,
    "audit-events": AUDIT,
    "information-events": RECRUITMENT,
    "initial-visits": RECRUITMENT,
    "preparation-courses": RECRUITMENT,
    "contact-arrangements": SUPPORT,
    "contact-exchanges": SUPPORT,
    "support-groups": SUPPORT,
    "group-sessions": SUPPORT,
    "hub-budgets": FINANCE,
}
DASHBOARD = "scope=raa:north&period=2022-23"
SOUTH_DASHBOARD = "scope=raa:south&period=2022-23"
ROUTES = {
    "home": Route(EVERYONE),
    "login": Route(EVERYONE, public=True),
    "logout": Route(EVERYONE, post_only=True),
    "child-search": Route(CHILDREN),
    "journey-page": Route(CHILDREN, "journeys"),
    "household-search": Route(CHILDREN & HOUSEHOLDS, "journeys"),
    "journey-step-page": Route(CHILD_WRITERS, "journeys", kwargs={"slug": "decision"}),
    "adopter-pipeline": Route(HOUSEHOLDS),
    "child-add": Route(CHILD_WRITERS),
    "journey-start": Route(CHILD_WRITERS, "children"),
    "household-enquiry": Route(CHILD_WRITERS),  # the household writers are the child writers
    "household-edit": Route(HOUSEHOLDS, "households"),
    "ssda903-upload": Route(IMPORTS),
    "ssda903-record": Route(IMPORTS, "imports"),
    "ssda903-warnings-csv": Route(IMPORTS, "imports"),
    "ssda903-check": Route(
        IMPORTS, query="la=101&year=2020-21", other_query="la=201&year=2020-21", other=200
    ),
    "ssda903-export": Route(
        IMPORTS,
        query="la=101&year=2020-21",
        other_query="la=201&year=2020-21",
        other=400,
        kwargs={"table": "PlacedAdoption"},
    ),
    "account": Route(EVERYONE),
    "account-token-create": Route(EVERYONE, post_only=True),
    "account-token-revoke": Route(EVERYONE, post_only=True),
    "password_change": Route(EVERYONE),
    "password_change_done": Route(EVERYONE),
    "two-factor": Route(EVERYONE),
    "two-factor-off": Route(EVERYONE, post_only=True),
    "dashboard": Route(EVERYONE, query=DASHBOARD, other_query=SOUTH_DASHBOARD, other=200),
    "every-figure": Route(EVERYONE, query=DASHBOARD, other_query=SOUTH_DASHBOARD, other=200),
    "by-partner-la": Route(EVERYONE, query=DASHBOARD, other_query=SOUTH_DASHBOARD, other=200),
    "year-on-year": Route(EVERYONE, query=DASHBOARD, other_query=SOUTH_DASHBOARD, other=200),
    "figure-children": Route(
        CHILDREN, query=DASHBOARD, other_query=SOUTH_DASHBOARD, other=403, kwargs={"code": "A2"}
    ),
    "worklist": Route(CHILDREN, query="scope=raa:north", other_query="scope=raa:south", other=200),
    "data-quality": Route(
        CHILDREN, query="scope=raa:north", other_query="scope=raa:south", other=200
    ),
    "adoption-report": Route(REPORTS, query=DASHBOARD, other_query=SOUTH_DASHBOARD, other=200),
    # Board files hold figures only: every role may read its own RAA's.
    "exports": Route(EVERYONE),
    "export-download": Route(EVERYONE, "exports"),
    "panel-calendar": Route(PANELS),
    "panel-meeting": Route(PANELS, "meetings"),
    "staff-roles": Route(AUDIT),
    "staff-role-revoke": Route(AUDIT, post_only=True),
    "audit-trail": Route(AUDIT),
    "panel-quorum-rule": Route(frozenset({"raa_manager"})),
    "support-referrals": Route(SUPPORT),
    "support-referral": Route(SUPPORT, "support-referrals"),
    "recruitment": Route(RECRUITMENT),
    "support-contact-list": Route(SUPPORT),
    "support-contact": Route(SUPPORT, "contact-arrangements"),
    "support-groups": Route(SUPPORT),
    "support-group": Route(SUPPORT, "support-groups"),
    "finance-budgets": Route(FINANCE),
    "api-support-and-money": Route(
        SUPPORT, query=DASHBOARD, other_query=SOUTH_DASHBOARD, other=403
    ),
    "api-root": Route(EVERYONE),
    "api-indicators": Route(EVERYONE, query=DASHBOARD, other_query=SOUTH_DASHBOARD, other=403),
    "api-indicator-children": Route(
        CHILDREN,
        query=f"{DASHBOARD}&figure=A2",
        other_query=f"{SOUTH_DASHBOARD}&figure=A2",
        other=403,
    ),
    "api-waiting-children": Route(
        CHILDREN, query="scope=raa:north", other_query="scope=raa:south", other=403
    ),
    "schema": Route(EVERYONE),
    "api-docs": Route(EVERYONE),
    "journey-adoption-order": Route(CHILD_WRITERS, "journeys", post_only=True),
    "journey-step": Route(CHILD_WRITERS, "journeys", post_only=True, kwargs={"slug": "decision"}),
    "meeting-attendance": Route(PANELS, "meetings", post_only=True),
    "panel_item-papers": Route(PANELS, "panel-items", post_only=True),
    "panel_item-defer": Route(PANELS, "panel-items", post_only=True),
    "fund_application-decide": Route(SUPPORT, "fund-applications", post_only=True),
    "import-ssda903": Route(IMPORTS, post_only=True),
}
for prefix, readers in API_READERS.items():
    basename = prefix.rstrip("s").replace("-", "_")
    ROUTES[f"{basename}-list"] = Route(readers)
    ROUTES[f"{basename}-detail"] = Route(readers, prefix)
# The admin: its index, and a child's change page (the admin's own URLs are Django's).
ADMIN_URLS = {"admin-index": "/admin/", "admin-children": "/admin/journeys/child/"}


def url_names(patterns=None, admin=False):
    """Every named URL of the portal (the admin's are Django's own, tested through ADMIN_URLS)."""
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.app_name != "admin":
                yield from url_names(pattern.url_patterns)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield pattern.name


def test_every_url_has_a_row_in_the_access_matrix():
    names = set(url_names())
    assert names - set(ROUTES) == set(), "URLs with no row: decide who may reach them"
    assert set(ROUTES) - names == set(), "rows for URLs that no longer exist"


@pytest.fixture
def estate(world, users, settings, tmp_path):
    """One of every record in LA 101 (RAA north, the users' own) and LA 201 (RAA south), a board
    file for each RAA, and the ids of each API record kind on each side."""
    settings.MEDIA_ROOT = tmp_path
    ExternalAgency.objects.create(name="Family Links", kind=ExternalAgency.Kind.VAA)
    casework(users.superuser, world.la101, OWN)
    casework(users.superuser, world.la201, OTHER)
    admin = APIClient()
    admin.force_authenticate(users.superuser)
    sides = {"own": {}, "other": {}}
    for prefix, _viewset, _basename in router.registry:
        for side, slug in (("own", "north"), ("other", "south")):
            results = admin.get(f"/api/v1/{prefix}/?raa={slug}&limit=500").json()["results"]
            assert results, f"no {prefix} for RAA {slug}"
            sides[side][prefix] = results[0]["id"]
    for side, slug in (("own", "north"), ("other", "south")):
        export = Export.objects.create(
            kind=Export.Kind.REPORT_PDF,  # an RAA's report is for its LAs' managers too
            scope=f"raa:{slug}",
            scope_name=slug,
            period="2022-23",
            status=Export.Status.DONE,
            file=ContentFile(b"figures", name=f"{slug}.pdf"),
        )
        sides[side]["exports"] = export.pk
    return SimpleNamespace(**sides)


def url_for(name: str, route: Route, ids: dict) -> str:
    kwargs = dict(route.kwargs)
    if route.record:
        kwargs["pk"] = ids[route.record]
    return reverse(name, kwargs=kwargs)


def expected_status(route: Route, role: str, side: str, shared: bool) -> set[int]:
    """Own records: 200 or 403 by role. Another RAA's record: refused (403) or not found (404),
    whichever check comes first; another RAA's area: as the route says."""
    if side == "other" and route.record and not shared and role != "superuser":
        return {403, 404}
    if role not in route.roles:
        return {403}
    if side == "other" and role != "superuser" and not shared:
        return {route.other}
    return {200}


def cases():
    for name, route in ROUTES.items():
        if route.post_only:
            continue
        sides = ["own", "other"] if route.record or route.other_query is not None else ["own"]
        for side in sides:
            yield name, side


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_every_url_for_every_role_and_raa(client, users, estate, role):
    user = getattr(users, role)
    client.force_login(user)
    wrong = []
    for name, side in cases():
        route = ROUTES[name]
        ids = getattr(estate, side)
        shared = bool(route.record) and estate.own[route.record] == estate.other[route.record]
        query = route.other_query if side == "other" and route.other_query else route.query
        url = url_for(name, route, ids) + (f"?{query}" if query else "")
        response = client.get(url)
        want = expected_status(route, role, side, shared)
        if response.status_code not in want:
            wrong.append((url, response.status_code, want))
            continue
        body = b"".join(response) if response.streaming else response.content
        if role != "superuser" and OTHER.encode() in body:
            wrong.append((url, "holds another RAA's child or household", ""))
        if role == "board_member" and OWN.encode() in body:
            wrong.append((url, "shows a board member child-level data", ""))
    admin_status = 200 if role in ADMIN else 302
    for url in ADMIN_URLS.values():
        status = client.get(url).status_code
        if status != admin_status:
            wrong.append((url, status, admin_status))
    assert wrong == [], "\n".join(map(str, wrong))


@pytest.mark.django_db
def test_anonymous_users_are_sent_to_sign_in_or_refused_401(client, estate):
    wrong = []
    for name, side in cases():
        route = ROUTES[name]
        url = url_for(name, route, getattr(estate, side))
        status = client.get(url).status_code
        if route.public or name in ("schema", "api-docs", "api-root"):
            want = {200} if route.public else {401, 403}
        elif url.startswith("/api/"):
            want = {401}
        else:
            want = {302}
        if status not in want:
            wrong.append((url, status, want))
    assert wrong == [], "\n".join(map(str, wrong))


def database_contents() -> dict:
    """Every row of the portal's records (not the audit trail, sessions or sign-in attempts)."""
    return {
        model._meta.label: sorted(map(repr, model.objects.values()))
        for app in (
            "agencies",
            "journeys",
            "panels",
            "support",
            "indicators",
            "recruitment",
            "finance",
        )
        for model in apps.get_app_config(app).get_models()
        if model is not AuditEvent
    }


def other_raa_writes(estate):
    """Every way of writing to a record of the other RAA: the API's PUT, PATCH and DELETE on
    each record and its actions, and the pages' forms."""
    ids = estate.other
    for name, route in ROUTES.items():
        if not route.record or estate.own[route.record] == ids[route.record]:
            continue
        url = url_for(name, route, ids)
        if url.startswith("/api/"):
            methods = ["post"] if route.post_only else ["put", "patch", "delete"]
        else:
            methods = ["post"]
        for method in methods:
            yield method, url


@pytest.mark.django_db
@pytest.mark.parametrize("role", [role for role in ROLES if role != "superuser"])
def test_no_role_can_write_to_another_raas_records(client, users, estate, role):
    client.force_login(getattr(users, role))
    before = database_contents()
    wrong = []
    for method, url in other_raa_writes(estate):
        response = getattr(client, method)(url, {}, content_type="application/json")
        if response.status_code not in (403, 404, 405):
            wrong.append((method, url, response.status_code))
    assert wrong == [], "\n".join(map(str, wrong))
    assert database_contents() == before
