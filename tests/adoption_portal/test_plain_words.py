"""Pages speak plainly: no field name, stage code or machine label is shown to a person (what a
page shows, not its attributes or scripts), on the main pages of each role."""

import re

import pytest

from journeys.casework import STEPS
from journeys.models import AdopterHousehold
from panels.models import Meeting
from support.models import SupportReferral
from tests.factories import HouseholdFactory, casework

# What must never be read on a page: a field name (snake_case), a stage number run together
# ("Stage1"), "Adm" for ADM, a bare stage code after a reference ("EXT-1-02: new"), a code of the
# DfE's return as a label (RD1, PR1, L11…), or Python's own words.
CODES = [
    (r"\b[a-z]+_[a-z_]+\b", "a field name"),
    (r"\bStage[12]\b", "a stage number run together"),
    (r"\bAdm\b", "Adm for ADM"),
    (r": new\b", "the internal stage 'new'"),
    (r"\b(RD[1-4]|PR[0-9]|L1[12]|L[0234])\b", "an SSDA903 code"),
    (r"\b(None|True|False)\b", "a Python value"),
]


def visible_text(html: str) -> str:
    """The words a person reads: tags, scripts, styles and attributes removed."""
    html = re.sub(r"(?s)<(script|style)\b.*?</\1>", " ", html)
    html = re.sub(r"(?s)<!--.*?-->", " ", html)
    return re.sub(r"(?s)<[^>]+>", " ", html)


def codes_in(html: str) -> list[str]:
    text = visible_text(html)
    found = []
    for pattern, what in CODES:
        for match in re.finditer(pattern, text):
            around = text[max(0, match.start() - 40) : match.end() + 40].split()
            found.append(f"{what}: {match.group(0)!r} in “{' '.join(around)}”")
    return found


@pytest.fixture
def records(users, world):
    for role, user in vars(users).items():  # the page names the user signed in
        user.username = role.replace("_", "-")
        user.save()
    journey = casework(users.superuser, world.la101, "PW")
    # a household with no dates yet, recorded from another agency's reference
    HouseholdFactory(la=world.la101, reference="EXT-1-02")
    return journey


def pages_of(role: str, journey) -> list[str]:
    """Every role's home page; each other page read once, by a role that opens it."""
    household = AdopterHousehold.objects.get(reference="EXT-1-02")
    meeting = Meeting.objects.first()
    referral = SupportReferral.objects.first()
    scope = "?scope=la%3A101&period=2021-22"
    casework_pages = [
        *(f"/journeys/{journey.pk}/{slug}/" for slug in STEPS),
        "/children/add/",
        f"/adopters/{household.pk}/",
        "/adopters/",
        "/adopters/enquiry/",
    ]
    others = {
        "raa_manager": [
            "/dashboard/",
            "/account/",
            "/panels/",
            f"/panels/meetings/{meeting.pk}/",
            "/support/",
            f"/support/referrals/{referral.pk}/",
            f"/reports/{scope}",
            "/exports/",
        ],
        "la_manager": ["/children-who-wait/", "/data-quality/", f"/journeys/{journey.pk}/"],
        "family_finder": ["/children/", f"/dashboard/figures/A2/{scope}", *casework_pages],
        "panel_adviser": [],
        "support_worker": [],
        "board_member": ["/reports/?scope=raa%3Anorth&period=2021-22"],
    }
    return ["/", *others[role]]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role",
    [
        "raa_manager",
        "la_manager",
        "family_finder",
        "panel_adviser",
        "support_worker",
        "board_member",
    ],
)
def test_the_main_pages_of_each_role_show_no_internal_code(client, users, records, role):
    client.force_login(getattr(users, role))
    found = {}
    for url in pages_of(role, records):
        response = client.get(url)
        assert response.status_code == 200, url
        if codes := codes_in(response.content.decode()):
            found[url] = codes
    assert not found, "\n".join(f"{url}: {code}" for url, codes in found.items() for code in codes)


def test_the_check_finds_what_it_looks_for():
    html = (
        '<h1 class="x_y">EXT-1-02: new</h1><label for="id_stage1">Stage1 extension reason</label>'
        "<p>Adm decision</p><td>RD1 — child's needs changed</td><p>plan_ceased</p>"
        "<script>var a_b = 1;</script>"
    )
    assert [code.split(":")[0] for code in codes_in(html)] == [
        "a field name",
        "a stage number run together",
        "Adm for ADM",
        "the internal stage 'new'",
        "an SSDA903 code",
    ]
