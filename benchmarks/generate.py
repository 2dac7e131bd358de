"""Generate national-scale data straight into PostgreSQL (COPY), for the benchmarks.

150 LAs in 30 RAAs (two hubs each), ten financial years (2014-15 to 2023-24), 50,000 journeys by
default. Every family of figures gets rows: children, journeys, placements (with disruptions),
adopter households and links, panel meetings with attendance and items, support referrals,
assessments and Adoption Support Fund applications.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/adoption_bench \\
        .venv/bin/python benchmarks/generate.py --journeys 50000

The database is emptied first. Deterministic for a given --seed.
"""

import argparse
import os
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "adoption_portal.settings")

import django  # noqa: E402

django.setup()

from django.apps import apps  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402

START = date(2014, 4, 1)
END = date(2024, 3, 31)
SPAN = (END - START).days
RAAS, LAS_PER_RAA = 30, 5
ETHNICITIES = ["WBRI"] * 12 + ["WOTH", "MWBC", "MWBA", "MOTH", "BAFR", "BCRB", "APKN", "AOTH"]
# A child begins a sibling group of two or three with this chance: about 30 % of children then
# have a sibling (0.146 × 2.5 / (1 + 0.146 × 1.5)), as in the national data.
SIBLING_GROUP_CHANCE = 0.146
TABLES = [
    "journeys_importfile",
    "journeys_importrecord",
    "journeys_returnrow",
    "support_fundapplication",
    "support_supportassessment",
    "support_supportreferral",
    "panels_agencydecision",
    "panels_panelitem",
    "panels_attendance",
    "panels_meeting",
    "panels_panelmember",
    "panels_panel",
    "panels_quorumrule",
    "journeys_disruption",
    "journeys_placement",
    "journeys_link",
    "journeys_journeynote",
    "journeys_journey",
    "journeys_child",
    "journeys_siblinggroup",
    "journeys_adopterhousehold",
    "agencies_auditevent",
    "agencies_staffrole",
    "agencies_localauthority",
    "agencies_hub",
    "agencies_regionaladoptionagency",
]


def known(day):
    return day if day is not None and day <= END else None


def after(rng, day, low, high):
    return day + timedelta(days=rng.randint(low, high))


class Writer:
    """Rows collected per table and COPYed in one go."""

    def __init__(self):
        self.rows: dict[str, tuple[list[str], list]] = {}

    def add(self, table: str, columns: list[str], row: tuple) -> None:
        self.rows.setdefault(table, (columns, []))[1].append(row)

    def flush(self, raw) -> None:
        with raw.cursor() as cursor:
            for table, (columns, rows) in self.rows.items():
                defaults = _defaults(table, columns)
                names = [*columns, *defaults]
                with cursor.copy(f"COPY {table} ({', '.join(names)}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row((*row, *defaults.values()))
        self.rows.clear()


def _defaults(table: str, columns: list[str]) -> dict:
    """The model's default for every required column the generator does not fill, so that a
    field added later with a default does not break the COPY."""
    model = next(m for m in apps.get_models() if m._meta.db_table == table)
    return {
        field.column: field.get_default()
        for field in model._meta.concrete_fields
        if field.column not in columns and not field.null and field.has_default()
    }


def generate(journeys: int, seed: int) -> dict:
    rng = random.Random(seed)
    raw = connection.connection
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {', '.join(TABLES)} RESTART IDENTITY CASCADE")
    out = Writer()
    la_ids, raa_of_la = [], {}
    for raa in range(1, RAAS + 1):
        out.add(
            "agencies_regionaladoptionagency",
            ["id", "slug", "name", "go_live"],
            (raa, f"raa-{raa:02d}", f"Regional Adoption Agency {raa:02d}", date(2019, 4, 1)),
        )
        for hub in (1, 2):
            out.add(
                "agencies_hub",
                ["id", "raa_id", "name", "kind"],
                (2 * raa - 2 + hub, raa, f"Hub {hub}", "locality"),
            )
        for index in range(LAS_PER_RAA):
            la = (raa - 1) * LAS_PER_RAA + index + 1
            out.add(
                "agencies_localauthority",
                ["id", "code", "name", "raa_id", "raa_go_live", "hub_id"],
                (
                    la,
                    f"{100 + la:03d}",
                    f"Local Authority {la:03d}",
                    raa,
                    date(2019, 4, 1),
                    2 * raa - 2 + 1 + index % 2,
                ),
            )
            la_ids.append(la)
            raa_of_la[la] = raa
        out.add(
            "panels_quorumrule",
            [
                "id",
                "raa_id",
                "min_members",
                "min_members_joint",
                "needs_chair_or_vice",
                "needs_social_worker",
                "needs_independent",
            ],
            (raa, raa, 5, 6, True, True, True),
        )

    households_per_raa = max(1, journeys // 5 // RAAS)
    household_ids: dict[int, list[tuple[int, date | None]]] = {}
    household_id = 0
    for raa in range(1, RAAS + 1):
        household_ids[raa] = []
        for _ in range(households_per_raa):
            household_id += 1
            enquiry = START + timedelta(days=rng.randint(-200, SPAN))
            registration = known(after(rng, enquiry, 10, 60))
            stage1 = known(after(rng, registration, 30, 110)) if registration else None
            stage2 = known(after(rng, stage1, 3, 30)) if stage1 else None
            panel = known(after(rng, stage2, 80, 170)) if stage2 else None
            approved = known(after(rng, panel, 2, 9)) if panel else None
            la = (raa - 1) * LAS_PER_RAA + rng.randint(1, LAS_PER_RAA)
            out.add(
                "journeys_adopterhousehold",
                [
                    "id",
                    "reference",
                    "raa_id",
                    "la_id",
                    "number_of_adopters",
                    "legal_status",
                    "enquiry",
                    "registration",
                    "stage1_decision",
                    "stage1_extension_reason",
                    "stage2_start",
                    "stage2_extension_reason",
                    "panel",
                    "approved",
                    "withdrawal_reason",
                    "age_min",
                    "age_max",
                    "max_siblings",
                    "considers_disability",
                    "early_permanence",
                    "heard_from",
                    "heard_from_detail",
                ],
                (
                    household_id,
                    f"H{household_id:07d}",
                    raa,
                    la,
                    2,
                    "L11",
                    known(enquiry),
                    registration,
                    stage1,
                    "",
                    stage2,
                    "",
                    panel,
                    approved,
                    "",
                    0,
                    6,
                    2,
                    False,
                    False,
                    "",
                    "",
                ),
            )
            household_ids[raa].append((household_id, approved))

    journey_cols = [
        "id",
        "child_id",
        "entered_care",
        "adm_decision",
        "placement_order",
        "matched",
        "placed",
        "moved_in_with_adopters",
        "adoption_application",
        "adoption_order",
        "plan_ceased",
        "plan_ceased_reason",
        "early_permanence",
        "foster_carer_adoption",
        "adopters_id",
        "source",
        "imported_fields",
        "updated_at",
    ]
    placement_cols = [
        "id",
        "journey_id",
        "household_id",
        "placed",
        "moved_in",
        "ended",
        "end_reason",
        "source",
        "early_permanence",
        "imported",
    ]
    now = "2024-04-01 00:00:00+00"
    placement_id = link_id = group_id = 0
    adopted: list[tuple[int, int, date]] = []
    # The sibling group being filled: (id, LA, day the first entered care, its first household
    # chosen, places left). Siblings enter care together and are placed with the same adopters.
    group = None
    for journey_id in range(1, journeys + 1):
        if group and group[4] > 0:
            group_id_now, la, first_entered, _, left = group
            group = (group_id_now, la, first_entered, group[3], left - 1)
            entered = first_entered + timedelta(days=rng.randint(0, 30))
        else:
            group = None
            la = rng.choice(la_ids)
            entered = START + timedelta(days=rng.randint(-400, SPAN - 30))
            if rng.random() < SIBLING_GROUP_CHANCE:
                group_id += 1
                out.add(
                    "journeys_siblinggroup",
                    ["id", "la_id", "reference"],
                    (group_id, la, f"G{group_id:07d}"),
                )
                group = (group_id, la, entered, None, rng.choice([1, 2]))
        raa = raa_of_la[la]
        out.add(
            "journeys_child",
            [
                "id",
                "la_id",
                "la_child_id",
                "sex",
                "date_of_birth",
                "ethnicity",
                "disability",
                "first_name",
                "last_name",
                "imported_fields",
                "sibling_group_id",
            ],
            (
                journey_id,
                la,
                f"C{journey_id:08d}",
                rng.choice("12"),
                entered - timedelta(days=rng.choice([0, 60, 300, 700, 1500, 2500])),
                rng.choice(ETHNICITIES),
                rng.random() < 0.08,
                "",
                "",
                "[]",
                group[0] if group else None,
            ),
        )
        adm = known(after(rng, entered, 40, 300))
        row = dict.fromkeys(journey_cols[2:], None)
        row.update(
            entered_care=entered,
            adm_decision=adm,
            plan_ceased_reason="",
            early_permanence="",
            foster_carer_adoption=False,
            source="manual",
            imported_fields="[]",
            updated_at=now,
        )
        placements = []
        if adm and rng.random() < 0.1:
            ceased = known(after(rng, adm, 90, 400))
            if ceased:
                row.update(plan_ceased=ceased, plan_ceased_reason=rng.choice(["RD1", "RD3"]))
        elif adm:
            order = known(after(rng, adm, 30, 200)) if rng.random() < 0.95 else None
            matched = known(after(rng, order or adm, -20 if order else 10, 300))
            row.update(placement_order=order, matched=matched)
            placed = known(after(rng, matched, 5, 50)) if matched else None
            if placed:
                candidates = [
                    h for h, approved in household_ids[raa] if approved and approved <= matched
                ]
                household = rng.choice(candidates) if candidates else None
                if group:
                    # The group's first child placed chooses the adopters for all of them.
                    if group[3] is None or group[3] not in candidates:
                        group = (*group[:3], household, group[4])
                    household = group[3]
                moved_in = placed
                if rng.random() < 0.12:
                    moved_in = min(placed, after(rng, entered, 0, 60))
                    row["foster_carer_adoption"] = True
                source = "PR1" if household else rng.choice(["PR2", "PR5"])
                if household:
                    link_id += 1
                    out.add(
                        "journeys_link",
                        ["id", "journey_id", "household_id", "linked", "matched", "status"],
                        (
                            link_id,
                            journey_id,
                            household,
                            matched - timedelta(days=30),
                            matched,
                            "matched",
                        ),
                    )
                if rng.random() < 0.03:
                    disrupted = known(after(rng, placed, 30, 240))
                    if disrupted:
                        placements.append((placed, placed, disrupted, "disruption", source))
                        placed = known(after(rng, disrupted, 60, 240))
                        moved_in = placed
                        if placed:
                            row["matched"] = placed - timedelta(days=20)
                if placed:
                    application = known(after(rng, placed, 70, 200))
                    order_date = known(after(rng, application, 30, 150)) if application else None
                    row.update(
                        placed=placed,
                        moved_in_with_adopters=moved_in,
                        adoption_application=application,
                        adoption_order=order_date,
                        adopters_id=household,
                    )
                    placements.append(
                        (
                            placed,
                            moved_in,
                            order_date,
                            "adoption_order" if order_date else "",
                            source,
                        )
                    )
                    if order_date:
                        adopted.append((journey_id, la, order_date))
        out.add(
            "journeys_journey",
            journey_cols,
            (journey_id, journey_id, *(row[c] for c in journey_cols[2:])),
        )
        for placed, moved_in, ended, reason, source in placements:
            placement_id += 1
            out.add(
                "journeys_placement",
                placement_cols,
                (
                    placement_id,
                    journey_id,
                    None,
                    placed,
                    moved_in,
                    ended,
                    reason,
                    source,
                    "",
                    False,
                ),
            )
        if journey_id % 50_000 == 0:
            out.flush(raw)

    _panels(rng, out, household_ids)
    _support(rng, out, adopted)
    out.flush(raw)
    with connection.cursor() as cursor:
        for table in TABLES:
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)"
            )
    return {
        "journeys": journeys,
        "placements": placement_id,
        "links": link_id,
        "households": household_id,
        "adopted": len(adopted),
        "sibling_groups": group_id,
    }


def _panels(rng, out, household_ids) -> None:
    member_id = meeting_id = attendance_id = item_id = 0
    roles = ["chair", "vice_chair", "social_worker", "independent", "medical_adviser", "other"]
    for raa, households in household_ids.items():
        out.add("panels_panel", ["id", "raa_id", "name", "joint"], (raa, raa, "Panel", False))
        members = []
        for role in roles:
            member_id += 1
            out.add(
                "panels_panelmember",
                ["id", "panel_id", "name", "role", "active"],
                (member_id, raa, role, role, True),
            )
            members.append(member_id)
        month = START
        while month <= END:
            meeting_id += 1
            day = month + timedelta(days=10)
            out.add("panels_meeting", ["id", "panel_id", "date"], (meeting_id, raa, day))
            for member in members:
                if rng.random() < 0.85:
                    attendance_id += 1
                    out.add(
                        "panels_attendance",
                        ["id", "meeting_id", "member_id"],
                        (attendance_id, meeting_id, member),
                    )
            for household, _ in rng.sample(households, min(3, len(households))):
                item_id += 1
                out.add(
                    "panels_panelitem",
                    [
                        "id",
                        "meeting_id",
                        "business_type",
                        "household_id",
                        "papers_received",
                        "recommendation",
                        "recommendation_reason",
                    ],
                    (
                        item_id,
                        meeting_id,
                        "adopter_approval",
                        household,
                        day - timedelta(days=7),
                        "recommended",
                        "",
                    ),
                )
                out.add(
                    "panels_agencydecision",
                    ["id", "item_id", "decision_maker", "decided", "agreed", "working_days"],
                    (item_id, item_id, "ADM", day + timedelta(days=7), True, 5),
                )
            month = date(month.year + month.month // 12, month.month % 12 + 1, 1)


def _support(rng, out, adopted) -> None:
    referral_id = application_id = 0
    for journey_id, la, order in adopted:
        if rng.random() > 0.3:
            continue
        referred = known(after(rng, order, 30, 900))
        if referred is None:
            continue
        referral_id += 1
        out.add(
            "support_supportreferral",
            [
                "id",
                "la_id",
                "child_id",
                "referred",
                "via_advice_line",
                "summary",
                "family",
                "follow_up_needed",
            ],
            (referral_id, la, journey_id, referred, True, "", "adoptive", False),
        )
        completed = known(after(rng, referred, 20, 90))
        out.add(
            "support_supportassessment",
            ["id", "referral_id", "started", "completed", "needs_identified", "support_plan"],
            (referral_id, referral_id, referred, completed, "", ""),
        )
        if completed:
            application_id += 1
            year = completed.year if completed.month >= 4 else completed.year - 1
            amount = rng.choice([1500, 2500, 4000, 5000])
            out.add(
                "support_fundapplication",
                [
                    "id",
                    "child_id",
                    "referral_id",
                    "financial_year",
                    "therapy_type",
                    "specialist_assessment",
                    "provider",
                    "amount_applied",
                    "amount_approved",
                    "match_funding",
                    "status",
                    "submitted",
                    "decided",
                ],
                (
                    application_id,
                    journey_id,
                    referral_id,
                    f"{year}-{(year + 1) % 100:02d}",
                    "theraplay",
                    False,
                    "Provider",
                    amount,
                    amount,
                    0,
                    "approved",
                    completed,
                    completed + timedelta(days=20),
                ),
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--journeys", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("Set DATABASE_URL to a PostgreSQL database: the generator loads with COPY.")
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    # One transaction: Django's foreign keys are deferred, so tables may load in any order.
    with transaction.atomic():
        counts = generate(args.journeys, args.seed)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"generated {counts} in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
