"""Returns in the real SSDA903 layouts, built in code: the CSV tables exactly as LAs export them
(no SEX in AD1 or PlacedAdoption) and the DfE XML (AD1 fields flat in HEADER, HEADER/AD_PLACED,
EPISODE under CHILD, <PL>). A return is described once, as plain rows, and rendered either way."""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from xml.sax.saxutils import escape

HEADER = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB"
EPISODES = (
    "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN"
)
AD1 = "CHILD,DOB,DATE_INT,DATE_MATCH,FOSTER_CARE,NB_ADOPTR,SEX_ADOPTR,LS_ADOPTR"
PLACED = "CHILD,DOB,DATE_PLACED,DATE_PLACED_CEASED,REASON_PLACED_CEASED"
DOB = "01/01/2019"


def episode(child, decom, rne, ls, place, dec="", rec="", provider="PR1"):
    """One Episodes row (CSV text), with a postcode and URN as real returns have."""
    return f"{child},{decom},{rne},{ls},N1,{place},{provider},{dec},{rec},,AB1 2CD,EF3 4GH,SC123456"


def csv(header: str, *rows: str) -> bytes:
    return ("\n".join([header, *rows]) + "\n").encode()


def return_files(episodes=(), ad1=(), placed=(), children=("C1",)) -> list[tuple[str, bytes]]:
    """The four CSV tables of a return (a Header row for each of `children`)."""
    header_rows = [f"{child},1,{DOB},WBRI,A123456789012,," for child in children]
    return [
        ("header.csv", csv(HEADER, *header_rows)),
        ("episodes.csv", csv(EPISODES, *episodes)),
        ("ad1.csv", csv(AD1, *ad1)),
        ("placed.csv", csv(PLACED, *placed)),
    ]


def _date(text: str) -> date | None:
    return datetime.strptime(text, "%d/%m/%Y").date() if text else None


def _collection_year(day: date) -> int:
    return day.year if day.month >= 4 else day.year - 1


def year_name(start: int) -> str:
    return f"{start}-{(start + 1) % 100:02d}"


def _rows(content: bytes) -> list[list[str]]:
    return [line.split(",") for line in content.decode().splitlines()[1:] if line]


def yearly_returns(files: list[tuple[str, bytes]]) -> list[tuple[str, list[tuple[str, bytes]]]]:
    """A child's whole history (as return_files gives it) cut into the returns an LA would have
    sent: each year's return holds the episodes open during that year (an episode still open at
    its end with DEC and REC blank) and Header rows of its children; AD1 and PlacedAdoption
    rows go in the last year's return."""
    tables = dict(files)
    headers = {row[0]: ",".join(row) for row in _rows(tables["header.csv"])}
    episodes = _rows(tables["episodes.csv"])
    others = _rows(tables["ad1.csv"]) + _rows(tables["placed.csv"])
    days = [_date(row[1]) for row in episodes] + [_date(row[7]) for row in episodes if row[7]]
    days += [_date(cell) for row in others for cell in row[1:5] if "/" in cell]
    first = min(_collection_year(_date(row[1])) for row in episodes)
    last = max(_collection_year(day) for day in days)
    returns = []
    for start in range(first, last + 1):
        begins, ends = date(start, 4, 1), date(start + 1, 3, 31)
        rows = []
        for row in episodes:
            decom, dec = _date(row[1]), _date(row[7])
            if decom > ends or (dec and dec < begins):
                continue
            if dec and dec > ends:
                row = [*row[:7], "", "", *row[9:]]
            rows.append(",".join(row))
        if not rows:
            continue
        children = {row.split(",")[0] for row in rows}
        year_files = [
            ("header.csv", csv(HEADER, *(headers[c] for c in sorted(children) if c in headers))),
            ("episodes.csv", csv(EPISODES, *rows)),
        ]
        if start == last:
            year_files += [
                ("ad1.csv", tables["ad1.csv"]),
                ("placed.csv", tables["placed.csv"]),
            ]
        returns.append((year_name(start), year_files))
    return returns


@dataclass
class ChildReturn:
    """One child's rows of a return, as plain values: rendered as CSV tables or as XML."""

    child: str
    sex: str = "1"
    dob: str = DOB
    ethnic: str = "WBRI"
    # (DECOM, RNE, LS, PLACE, PLACE_PROVIDER, DEC, REC)
    episodes: list[tuple] = field(default_factory=list)
    # (DATE_INT, DATE_MATCH, FOSTER_CARE) or None
    ad1: tuple | None = None
    # [(DATE_PLACED, DATE_PLACED_CEASED, REASON_PLACED_CEASED)]
    placed: list[tuple] = field(default_factory=list)


def render_csv(children: list[ChildReturn]) -> dict[str, bytes]:
    """The return as its four CSV tables, in the real layout."""
    header = [f"{c.child},{c.sex},{c.dob},{c.ethnic},,," for c in children]
    episodes = [
        f"{c.child},{decom},{rne},{ls},N1,{place},{provider},{dec},{rec},,,,"
        for c in children
        for decom, rne, ls, place, provider, dec, rec in c.episodes
    ]
    ad1 = [f"{c.child},{c.dob},{a[0]},{a[1]},{a[2]},2,MF,L11" for c in children if (a := c.ad1)]
    placed = [f"{c.child},{c.dob},{p[0]},{p[1]},{p[2]}" for c in children for p in c.placed]
    return {
        "Header.csv": csv(HEADER, *header),
        "Episodes.csv": csv(EPISODES, *episodes),
        "AD1.csv": csv(AD1, *ad1),
        "PlacedAdoption.csv": csv(PLACED, *placed),
    }


def _element(name: str, value: str) -> str:
    return f"<{name}>{escape(value)}</{name}>" if value else f"<{name} />"


def render_xml(children: list[ChildReturn], bom: bool = False) -> bytes:
    """The return as the DfE's XML: EXPSSDA903/CHILD/HEADER (AD1 fields flat in it, AD_PLACED
    inside it) and CHILD/EPISODE with <PL>."""
    parts = ['<?xml version="1.0" encoding="utf-8"?>', "<EXPSSDA903>"]
    for c in children:
        parts += ["<CHILD>", "<HEADER>"]
        for name, value in (
            ("CHILDID", c.child),
            ("SEX", c.sex),
            ("DOB", c.dob),
            ("ETHNIC", c.ethnic),
            ("UPN", "A123456789012"),
            ("MOTHER", ""),
            ("MC_DOB", ""),
        ):
            parts.append(_element(name, value))
        if c.ad1:
            for name, value in zip(
                ("DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR"),
                (*c.ad1, "2", "MF", "L11"),
                strict=True,
            ):
                parts.append(_element(name, value))
        for p in c.placed:
            parts.append("<AD_PLACED>")
            for name, value in zip(
                ("DATE_PLACED", "DATE_PLACED_CEASED", "REASON_PLACED_CEASED"), p, strict=True
            ):
                parts.append(_element(name, value))
            parts.append("</AD_PLACED>")
        parts.append("<AREVIEW><REVIEW>01/05/2021</REVIEW></AREVIEW>")
        parts.append("</HEADER>")
        for decom, rne, ls, place, provider, dec, rec in c.episodes:
            parts.append("<EPISODE>")
            for name, value in (
                ("DECOM", decom),
                ("RNE", rne),
                ("LS", ls),
                ("CIN", "N1"),
                ("PL", place),
                ("PL_POST", "AB1 2CD"),
                ("HOME_POST", ""),
                ("URN", ""),
                ("PLACE_PROVIDER", provider),
                ("DEC", dec),
                ("REC", rec),
                ("REASON_PLACE_CHANGE", ""),
            ):
                parts.append(_element(name, value))
            parts.append("</EPISODE>")
        parts.append("</CHILD>")
    parts.append("</EXPSSDA903>")
    return (b"\xef\xbb\xbf" if bom else b"") + "\n".join(parts).encode()


def day(text: str, days: int = 0) -> str:
    return (_date(text) + timedelta(days=days)).strftime("%d/%m/%Y")
