"""Write the largest LA's SSDA903 return in the real layouts (CSV tables and the DfE's XML) and
time its import, each format in a process of its own so that each peak memory is its own.

    createdb -h 127.0.0.1 -U postgres adoption_bench_import
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/adoption_bench_import \\
        .venv/bin/python manage.py migrate
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/adoption_bench_import \\
        .venv/bin/python benchmarks/ssda903_bench.py --children 10000 [--keep DIR]

The return is the 2024-25 collection of one LA: about 10,000 children and 20,000 episodes (the
largest LA's looked-after return), most of them children whose care has nothing to do with
adoption, about one in five with a placement order, an adoption placement, an adoption or a
reversed plan; the Header, Episodes, AD1, PlacedAdoption, SWEpisodes and Reviews CSV tables with
every column LAs export (postcodes and URNs included), and the same return as one XML file.
Each format is imported as an upload is (journeys.ssda903.uploads, then the import service)
into an empty LA, then the same files again (the idempotent re-import). Prints wall time and
the process's peak resident memory.
"""

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
YEAR = "2024-25"
YEAR_START, YEAR_END = date(2024, 4, 1), date(2025, 3, 31)
BENCH_LA = "999"
COLUMNS = {
    "Header": "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB",
    "Episodes": "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,"
    "HOME_POST,PL_POST,URN",
    "AD1": "CHILD,DOB,DATE_INT,DATE_MATCH,FOSTER_CARE,NB_ADOPTR,SEX_ADOPTR,LS_ADOPTR",
    "PlacedAdoption": "CHILD,DOB,DATE_PLACED,DATE_PLACED_CEASED,REASON_PLACED_CEASED",
    "SWEpisodes": "CHILD,DOB,SW_ID,SW_DECOM,SW_DEC,SW_REASON",
    "Reviews": "CHILD,DOB,REVIEW,REVIEW_CODE",
}
ETHNIC = ["WBRI", "WBRI", "WBRI", "WOTH", "MWBC", "AIND", "BAFR", "CHNE", "OOTH"]
OTHER_PLACES = ["U1", "U3", "U4", "K2", "R1", "P1", "S1", "T0"]
OTHER_STATUSES = ["C2", "V2", "J2", "L1"]


def fmt(day: date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def between(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randint(0, max(0, (last - first).days)))


def year_dates(year: str) -> tuple[date, date]:
    """The first and last day of a collection year such as "2024-25"."""
    start = int(year[:4])
    return date(start, 4, 1), date(start + 1, 3, 31)


def earlier_year(year: str, back: int) -> str:
    start = int(year[:4]) - back
    return f"{start}-{(start + 1) % 100:02d}"


def child_return(rng: random.Random, number: int, year: str = YEAR, prefix: str = "B") -> dict:
    """One child's rows: its header, the episodes open in the year, and its adoption rows."""
    year_start, year_end = year_dates(year)
    child = f"{prefix}{number:06d}"
    kind = rng.choices(["care", "order", "placed", "adopted", "ceased"], [80, 7, 5, 6, 2])[0]
    began = between(rng, date(year_start.year - 6, 1, 1), year_end - timedelta(days=60))
    dob = began - timedelta(days=rng.randint(0, 4000))
    header = {"SEX": rng.choice("12"), "DOB": fmt(dob), "ETHNIC": rng.choice(ETHNIC)}
    header.update(UPN=f"A{number:012d}", MOTHER="", MC_DOB="")
    # The first episode still open on 1 April, or starting in the year; the rest in the year.
    day = began
    first_end = between(rng, max(day, year_start) + timedelta(days=1), year_end - timedelta(40))
    ends = [first_end]
    for _ in range(rng.choice([0, 0, 1, 1, 2, 2])):
        if ends[-1] >= year_end - timedelta(days=20):
            break
        ends.append(between(rng, ends[-1] + timedelta(days=7), year_end - timedelta(days=5)))
    episodes, starts = [], [began, *ends[:-1]]
    adoption = kind in ("placed", "adopted")
    decision = began + timedelta(days=rng.randint(20, 200))
    for index, (start, end) in enumerate(zip(starts, ends, strict=True)):
        last = index == len(starts) - 1
        ls = "E1" if kind != "care" and index >= 1 else rng.choice(OTHER_STATUSES)
        place, rec, dec = rng.choice(OTHER_PLACES), "X1", end
        if adoption and last and index >= 1:
            place = rng.choice(["A5", "A6", "A6"])
            rec, dec = ("E11", end) if kind == "adopted" else ("", None)
        elif last:
            rec, dec = rng.choice([("", None), ("", None), ("E8", end), ("E4A", end)])
        episodes.append(
            {
                "DECOM": fmt(start),
                "RNE": "S" if index == 0 else rng.choice("PLTB"),
                "LS": ls,
                "CIN": f"N{rng.randint(1, 8)}",
                "PLACE": place,
                "PLACE_PROVIDER": rng.choice(["PR1", "PR1", "PR2", "PR5"]),
                "DEC": fmt(dec),
                "REC": rec,
                "REASON_PLACE_CHANGE": "CARPL" if index else "",
                "HOME_POST": "AB1",
                "PL_POST": "CD2",
                "URN": f"SC{number:06d}",
            }
        )
    ad1 = placed = None
    if kind == "adopted" and len(episodes) > 1:
        match = decision + timedelta(days=rng.randint(30, 200))
        ad1 = {
            "DATE_INT": fmt(decision),
            "DATE_MATCH": fmt(min(match, date(2099, 1, 1))),
            "FOSTER_CARE": "1" if episodes[-1]["PLACE"] == "A5" else "0",
            "NB_ADOPTR": "2",
            "SEX_ADOPTR": "MF",
            "LS_ADOPTR": "L11",
        }
    if kind != "care":
        ceased = kind == "ceased"
        placed = {
            "DATE_PLACED": fmt(decision),
            "DATE_PLACED_CEASED": fmt(decision + timedelta(days=90)) if ceased else "",
            "REASON_PLACED_CEASED": "RD1" if ceased else "",
        }
    return {"CHILD": child, "header": header, "episodes": episodes, "ad1": ad1, "placed": placed}


def as_of_earlier_year(child: dict, year: str) -> dict | None:
    """The child's rows in an earlier year's return: its first episode (which began before
    this year and ends in it) still open then; None if the child was not yet in care."""
    first = child["episodes"][0]
    if datetime.strptime(first["DECOM"], "%d/%m/%Y").date() > year_dates(year)[1]:
        return None
    episode = {**first, "DEC": "", "REC": ""}
    return {**child, "episodes": [episode], "ad1": None, "placed": None}


def left_in_year(rng: random.Random, number: int, year: str, prefix: str) -> dict:
    """A child whose care (adoption-related for one in five) ended in that year: no later
    return holds it."""
    child = child_return(rng, number, year, prefix)
    last = child["episodes"][-1]
    if not last["DEC"]:
        year_start, year_end = year_dates(year)
        began = datetime.strptime(last["DECOM"], "%d/%m/%Y").date()
        ended = between(rng, max(began, year_start) + timedelta(days=1), year_end)
        adopted = last["PLACE"] in ("A5", "A6")
        last.update(DEC=fmt(ended), REC="E11" if adopted else "E8")
    return child


def earlier_return(rows: list[dict], year: str, seed: int) -> list[dict]:
    """An earlier year's return: the children of this year's already in care then, and as many
    again who left care during that year."""
    rng = random.Random(seed)
    carried = [child for child in (as_of_earlier_year(c, year) for c in rows) if child]
    left = [left_in_year(rng, n, year, f"L{year[2:4]}") for n in range(1, len(rows) // 2 + 1)]
    return carried + left


def corrected_return(rows: list[dict], share: float, seed: int) -> tuple[list[dict], int]:
    """The same return with `share` of its children corrected: the start of their last
    episode moved a few days earlier, or (one episode only) that episode split in two.
    Returns the rows and how many children changed."""
    rng = random.Random(seed)
    corrected, changed = [], 0
    for child in rows:
        if rng.random() >= share:
            corrected.append(child)
            continue
        changed += 1
        episodes = [dict(episode) for episode in child["episodes"]]
        last = episodes[-1]
        began = datetime.strptime(last["DECOM"], "%d/%m/%Y").date()
        if len(episodes) > 1:
            before = datetime.strptime(episodes[-2]["DECOM"], "%d/%m/%Y").date()
            moved = max(before + timedelta(days=1), began - timedelta(days=rng.randint(1, 5)))
            last["DECOM"] = episodes[-2]["DEC"] = fmt(moved)
        else:
            ends = datetime.strptime(last["DEC"], "%d/%m/%Y").date() if last["DEC"] else YEAR_END
            split = max(began, YEAR_START) + (ends - max(began, YEAR_START)) / 2
            if not began < split < ends:
                corrected.append(child)
                changed -= 1
                continue
            second = {**last, "DECOM": fmt(split), "RNE": "P", "REASON_PLACE_CHANGE": "CARPL"}
            last.update(DEC=fmt(split), REC="X1")
            episodes.append(second)
        corrected.append({**child, "episodes": episodes})
    return corrected, changed


def csv_tables(children: list[dict]) -> dict[str, bytes]:
    tables = {name: [columns] for name, columns in COLUMNS.items()}
    for child in children:
        cid, header = child["CHILD"], child["header"]
        tables["Header"].append(",".join([cid, *header.values()]))
        for episode in child["episodes"]:
            tables["Episodes"].append(",".join([cid, *episode.values()]))
        if child["ad1"]:
            tables["AD1"].append(",".join([cid, header["DOB"], *child["ad1"].values()]))
        if child["placed"]:
            tables["PlacedAdoption"].append(
                ",".join([cid, header["DOB"], *child["placed"].values()])
            )
        first = child["episodes"][0]
        tables["SWEpisodes"].append(f"{cid},{header['DOB']},SW{cid[1:]},{first['DECOM']},,")
        tables["Reviews"].append(f"{cid},{header['DOB']},{fmt(YEAR_START)},PN1")
    return {f"{name}.csv": ("\r\n".join(rows) + "\r\n").encode() for name, rows in tables.items()}


def _elements(values: dict) -> str:
    return "".join(
        f"<{name} />" if not value else f"<{name}>{escape(value)}</{name}>"
        for name, value in values.items()
    )


def xml_return(children: list[dict]) -> bytes:
    """The same return in the DfE's XML layout: AD1 fields flat in HEADER, AD_PLACED inside it,
    the placement type as PL."""
    parts = ['<?xml version="1.0" encoding="UTF-8"?>\n<EXPSSDA903>']
    for child in children:
        header = {"CHILDID": child["CHILD"], **child["header"]}
        inner = _elements(header)
        if child["ad1"]:
            inner += _elements(child["ad1"])
        if child["placed"]:
            inner += f"<AD_PLACED>{_elements(child['placed'])}</AD_PLACED>"
        inner += "<AREVIEW><REVIEW>" + fmt(YEAR_START) + "</REVIEW></AREVIEW>"
        episodes = "".join(
            "<EPISODE>"
            + _elements({("PL" if k == "PLACE" else k): v for k, v in episode.items()})
            + "</EPISODE>"
            for episode in child["episodes"]
        )
        parts.append(f"<CHILD><HEADER>{inner}</HEADER>{episodes}</CHILD>")
    parts.append("</EXPSSDA903>\n")
    return "\n".join(parts).encode()


def _write_formats(folder: Path, rows: list[dict]) -> None:
    (folder / "csv").mkdir(parents=True, exist_ok=True)
    (folder / "xml").mkdir(parents=True, exist_ok=True)
    for name, content in csv_tables(rows).items():
        (folder / "csv" / name).write_bytes(content)
    (folder / "xml" / "return.xml").write_bytes(xml_return(rows))


def write_return(
    folder: Path, children: int, seed: int = 903, years_stored: int = 0, share: float = 0.05
) -> dict:
    """Write the return as CSV tables (folder/csv) and as XML (folder/xml/return.xml), the
    corrected return likewise under folder/corrected, and each earlier year's return under
    folder/earlier/<year>."""
    rng = random.Random(seed)
    rows = [child_return(rng, number) for number in range(1, children + 1)]
    _write_formats(folder, rows)
    corrected, changed = corrected_return(rows, share, seed + 1)
    _write_formats(folder / "corrected", corrected)
    earlier = {}
    for back in range(1, years_stored + 1):
        year = earlier_year(YEAR, back)
        earlier_rows = earlier_return(rows, year, seed + 1 + back)
        _write_formats(folder / "earlier" / year, earlier_rows)
        earlier[year] = {
            "children": len(earlier_rows),
            "episodes": sum(len(child["episodes"]) for child in earlier_rows),
        }
    return {
        "children": len(rows),
        "episodes": sum(len(child["episodes"]) for child in rows),
        "adoption_related": sum(1 for child in rows if child["placed"] or child["ad1"]),
        "corrected_children": changed,
        "corrected_adoption_related": sum(
            1
            for before, after in zip(rows, corrected, strict=True)
            if before is not after and (before["placed"] or before["ad1"])
        ),
        "earlier_years": earlier,
        "csv_mb": round(sum(p.stat().st_size for p in (folder / "csv").iterdir()) / 2**20, 1),
        "xml_mb": round((folder / "xml" / "return.xml").stat().st_size / 2**20, 1),
    }


def run_import(folder: Path) -> None:
    """In a process of its own: import the folder's files twice; print one JSON line a run."""
    import resource
    import time

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "adoption_portal.settings")
    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.core.files.base import ContentFile

    from agencies.models import LocalAuthority
    from journeys.models import Child
    from journeys.ssda903.models import ImportRecord, ReturnRow
    from journeys.ssda903.services import ImportFailed, return_import
    from journeys.ssda903.uploads import upload_unpack

    la, _ = LocalAuthority.objects.get_or_create(code=BENCH_LA, defaults={"name": "Bench LA"})
    ImportRecord.objects.filter(la=la).delete()
    ReturnRow.objects.filter(la=la).delete()
    Child.objects.filter(la=la).delete()
    user = User.objects.filter(is_superuser=True).first() or User.objects.create_superuser(
        "bench", password="bench-password-1"
    )
    kind = folder.name
    runs = [
        (f"earlier year {year.name} stored", year.name, year / kind)
        for year in sorted((folder.parent / "earlier").glob("*"))
    ]
    runs += [
        ("first import", YEAR, folder),
        ("same files again", YEAR, folder),
        ("corrected return", YEAR, folder.parent / "corrected" / kind),
    ]
    for label, year, files_folder in runs:
        started = time.perf_counter()
        uploads = [ContentFile(p.read_bytes(), name=p.name) for p in sorted(files_folder.iterdir())]
        files = upload_unpack(uploads).files
        del uploads
        try:
            result = return_import(user=user, la=la, year=year, files=list(files.items()))
            counts, outcome = result.counts, "imported"
        except ImportFailed as failure:
            counts, outcome = {"problems": len(failure.problems)}, "refused"
            print(json.dumps({"first problems": [str(p) for p in failure.problems[:5]]}))
        seconds = time.perf_counter() - started
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            json.dumps(
                {
                    "run": label,
                    "outcome": outcome,
                    "seconds": round(seconds, 1),
                    "peak_mb": round(peak_mb),
                    **{k: v for k, v in counts.items() if not isinstance(v, list | dict)},
                }
            ),
            flush=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--children", type=int, default=10_000)
    parser.add_argument(
        "--years-stored",
        type=int,
        default=0,
        help="import this many earlier years' returns first (timed too)",
    )
    parser.add_argument(
        "--corrected-share",
        type=float,
        default=0.05,
        help="share of children the corrected return changes",
    )
    parser.add_argument("--keep", help="write the return into this folder and keep it")
    parser.add_argument("--only", choices=["csv", "xml"], help="import one format only")
    parser.add_argument("--run", help=argparse.SUPPRESS)  # the child process: a folder to import
    args = parser.parse_args()
    if args.run:
        run_import(Path(args.run))
        return
    folder = Path(args.keep or tempfile.mkdtemp())
    written = write_return(
        folder, args.children, years_stored=args.years_stored, share=args.corrected_share
    )
    print(json.dumps({"return": written, "folder": str(folder)}))
    for kind in [args.only] if args.only else ["csv", "xml"]:
        print(f"-- {kind.upper()}", flush=True)
        subprocess.run(
            [sys.executable, __file__, "--run", str(folder / kind)], check=True, cwd=ROOT
        )


if __name__ == "__main__":
    main()
