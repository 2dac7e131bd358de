"""Write a synthetic SSDA903 return and time its import.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/adoption_bench \\
        .venv/bin/python benchmarks/ssda903_bench.py --episodes 20000 [--keep DIR]

Writes Header, Episodes, AD1 and PlacedAdoption CSV files for one LA (children with several
episodes each: periods of care, placement orders, adoption placements, some disrupted, some
adopted, some plans reversed), imports them with journeys.ssda903.services.return_import into a
fresh LA of the database, then imports the same files again (the idempotent re-import). Prints
wall time and the process's peak resident memory.
"""

import argparse
import os
import random
import resource
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "adoption_portal.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth.models import User  # noqa: E402

from agencies.models import LocalAuthority  # noqa: E402
from journeys.models import Child, ImportRecord, ReturnRow  # noqa: E402
from journeys.ssda903.services import return_import  # noqa: E402

BENCH_LA = "999"


def fmt(day: date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def write_return(folder: Path, episodes: int, seed: int = 903) -> int:
    """Write a return of about `episodes` episodes into `folder`; return the episodes written."""
    rng = random.Random(seed)
    header, episode_rows, ad1, placed = [], [], [], []
    child = 0
    while len(episode_rows) < episodes:
        child += 1
        cid = f"B{child:06d}"
        start = date(2018, 4, 1) + timedelta(days=rng.randint(0, 1400))
        dob = start - timedelta(days=rng.randint(0, 2000))
        header.append(f"{cid},{rng.choice('12')},{fmt(dob)},WBRI,,,")
        day, rne, ls = start, "S", "C2"
        decision = start + timedelta(days=rng.randint(30, 200))
        plan = rng.random()
        steps = rng.randint(2, 5)
        for step in range(steps):
            end = day + timedelta(days=rng.randint(30, 200))
            if step == 1:
                ls = "E1"
            place = "U1"
            rec = "X1"
            if step == steps - 1 and plan < 0.6:
                place, rec = rng.choice(["A6", "A5"]), "E11"
            elif step == steps - 2 and plan < 0.6:
                place = "A6"
            provider = rng.choice(["PR1", "PR1", "PR2", "PR5"])
            episode_rows.append(
                f"{cid},{fmt(day)},{rne},{ls},N1,{place},{provider},{fmt(end)},{rec},,,,"
            )
            day, rne = end, rng.choice(["P", "L", "T"])
        if plan < 0.6:
            ad1.append(
                f"{cid},{fmt(dob)},1,{fmt(decision)},{fmt(day - timedelta(days=200))},0,2,MF,L11"
            )
        placed_ceased = fmt(decision + timedelta(days=90)) if 0.6 <= plan < 0.7 else ""
        placed.append(
            f"{cid},{fmt(dob)},1,{fmt(decision)},{placed_ceased},{'RD1' if placed_ceased else ''}"
        )
    tables = {
        "header.csv": ("CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB", header),
        "episodes.csv": (
            "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,"
            "REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN",
            episode_rows,
        ),
        "ad1.csv": (
            "CHILD,DOB,SEX,DATE_INT,DATE_MATCH,FOSTER_CARE,NB_ADOPTR,SEX_ADOPTR,LS_ADOPTR",
            ad1,
        ),
        "placed.csv": ("CHILD,DOB,SEX,DATE_PLACED,DATE_PLACED_CEASED,REASON_PLACED_CEASED", placed),
    }
    for name, (columns, rows) in tables.items():
        (folder / name).write_text("\n".join([columns, *rows]) + "\n")
    return len(episode_rows)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--episodes", type=int, default=20_000)
    parser.add_argument("--keep", help="write the return into this folder and keep it")
    args = parser.parse_args()
    folder = Path(args.keep or tempfile.mkdtemp())
    folder.mkdir(parents=True, exist_ok=True)
    written = write_return(folder, args.episodes)
    la, _ = LocalAuthority.objects.get_or_create(code=BENCH_LA, defaults={"name": "Bench LA"})
    ImportRecord.objects.filter(la=la).delete()
    ReturnRow.objects.filter(la=la).delete()
    Child.objects.filter(la=la).delete()
    user = User.objects.filter(is_superuser=True).first() or User.objects.create_superuser(
        "bench", password="bench-password-1"
    )
    files = [(path.name, path.read_bytes()) for path in sorted(folder.iterdir())]
    for label in ("first import", "same files again"):
        started = time.perf_counter()
        result = return_import(user=user, la=la, year="2021-22", files=files)
        seconds = time.perf_counter() - started
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"{label}: {written} episodes, {result.counts['children']} children, "
            f"{result.counts.get('journeys_created', 0)} journeys created, "
            f"{result.counts.get('journeys_updated', 0)} updated, "
            f"{len(result.warnings)} warnings in {seconds:.1f} s; peak RSS {peak_mb:.0f} MB"
        )


if __name__ == "__main__":
    main()
