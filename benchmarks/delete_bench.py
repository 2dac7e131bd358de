"""Time deleting one LA's children (with their journeys, placements, links and notes) through the
service, as the delete_la_children command does. Destructive: run it on a generated database
after the other benchmarks (or generate again).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/adoption_bench \\
        .venv/bin/python benchmarks/delete_bench.py [--la 101]

By default the LA with the most children. Its adoption support records, which keep the children
they name (a refusal otherwise), are removed first and not timed. Prints the rows deleted, the
wall time including the commit, and how many times the LA's data version moved on.
"""

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "adoption_portal.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth.models import User  # noqa: E402
from django.db.models import Count  # noqa: E402

from agencies.models import LocalAuthority  # noqa: E402
from indicators.figure_cache import data_versions  # noqa: E402
from journeys.models import Child, Journey, Link, Placement  # noqa: E402
from journeys.services import la_children_delete  # noqa: E402
from support.models import FundApplication, SupportReferral  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--la", help="DfE code of the LA (default: the one with most children)")
    args = parser.parse_args()
    las = LocalAuthority.objects.annotate(n=Count("children"))
    la = las.get(code=args.la) if args.la else las.order_by("-n").first()
    user = User.objects.filter(is_superuser=True).first() or User.objects.create_superuser(
        "bench-delete", password=None
    )
    FundApplication.objects.filter(child__la=la).delete()
    SupportReferral.objects.filter(child__la=la).delete()
    counts = {
        "children": Child.objects.filter(la=la).count(),
        "journeys": Journey.objects.filter(child__la=la).count(),
        "placements": Placement.objects.filter(journey__child__la=la).count(),
        "links": Link.objects.filter(journey__child__la=la).count(),
    }
    key = f"la:{la.pk}"
    before = dict(data_versions([key]))[key]
    started = time.perf_counter()
    la_children_delete(user=user, la=la, via="command")
    seconds = time.perf_counter() - started
    moved = dict(data_versions([key]))[key] - before
    print(f"{la}: deleted {counts} in {seconds:.2f} s; its data version moved on {moved} time(s)")


if __name__ == "__main__":
    main()
