"""The tables, columns and code lists of the SSDA903 return, the code lists by collection year.

`COLUMNS` lists for each table the columns the portal reads: the ones the derivation uses
(`KEPT`), which are all that is stored, and the ones only checked (`CHECKED_ONLY`: a bad code
there is a warning). Every other column of the return (postcodes, URN, UPN, MOTHER…) is never read.
"""

from journeys.models import ETHNICITY_CHOICES

HEADER = "Header"
EPISODES = "Episodes"
AD1 = "AD1"
PLACED_ADOPTION = "PlacedAdoption"
USED_TABLES = (HEADER, EPISODES, AD1, PLACED_ADOPTION)

# Columns stored and used by the derivation. CHILD is always first.
KEPT = {
    HEADER: ["CHILD", "SEX", "DOB", "ETHNIC"],
    EPISODES: ["CHILD", "DECOM", "RNE", "LS", "PLACE", "PLACE_PROVIDER", "DEC", "REC"],
    AD1: ["CHILD", "DATE_INT", "DATE_MATCH", "FOSTER_CARE"],
    PLACED_ADOPTION: ["CHILD", "DATE_PLACED", "DATE_PLACED_CEASED", "REASON_PLACED_CEASED"],
}
# Columns read only to check their codes (a bad one is a warning); never stored.
CHECKED_ONLY = {
    HEADER: [],
    EPISODES: ["CIN", "REASON_PLACE_CHANGE"],
    AD1: ["SEX_ADOPTR", "LS_ADOPTR"],
    PLACED_ADOPTION: [],
}
# Columns a file of the table must have; the other kept columns may be missing (read as blank).
REQUIRED_COLUMNS = {
    HEADER: ["CHILD", "SEX", "DOB"],
    EPISODES: ["CHILD", "DECOM", "RNE", "LS", "PLACE", "DEC", "REC"],
    AD1: ["CHILD", "DATE_INT", "DATE_MATCH"],
    PLACED_ADOPTION: ["CHILD", "DATE_PLACED"],
}
# Cells that must not be blank.
NOT_BLANK = {"CHILD", "DECOM", "RNE", "LS", "PLACE", "DATE_PLACED", "SEX", "DOB"}
# The row key that identifies a row within a child (None: one row a child).
KEY_COLUMN = {HEADER: None, EPISODES: "DECOM", AD1: None, PLACED_ADOPTION: "DATE_PLACED"}

# How a CSV table is recognised whatever the file is called: a column only that table has.
SIGNATURE = {
    EPISODES: {"DECOM"},
    AD1: {"DATE_MATCH", "DATE_INT"},
    PLACED_ADOPTION: {"DATE_PLACED"},
    HEADER: {"SEX", "ETHNIC", "UPN", "MOTHER"},
}
# Other tables of the return: recognised, and ignored without error.
IGNORED_SIGNATURE = {
    "SWEpisodes": {"SW_ID", "SW_DECOM"},
    "DoLo": {"DOLO_START", "DOLO_END"},
    "Reviews": {"REVIEW", "REVIEW_CODE"},
    "UASC": {"DUC"},
    "OC2": {"SDQ_SCORE", "CONVICTED"},
    "OC3": {"IN_TOUCH", "ACTIV", "ACCOM"},
    "Missing": {"MIS_START", "MISSING"},
    "PrevPerm": {"PREV_PERM"},
}

# The DfE XML return: element names that differ from the CSV column.
XML_NAMES = {"CHILDID": "CHILD", "PL": "PLACE"}
XML_AD1_FIELDS = ("DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR")
XML_HEADER_FIELDS = ("CHILDID", "SEX", "DOB", "ETHNIC")
XML_PLACED_ELEMENT = "AD_PLACED"
XML_EPISODE_ELEMENT = "EPISODE"

DATE_COLUMNS = {
    "DOB",
    "DECOM",
    "DEC",
    "DATE_INT",
    "DATE_MATCH",
    "DATE_PLACED",
    "DATE_PLACED_CEASED",
}

ADOPTION_PLACEMENTS = {"A3", "A4", "A5", "A6"}
WITH_FOSTER_CARERS = {"A3", "A5"}
ADOPTED = {"E11", "E12"}
ORDER_LEGAL_STATUSES = {"E1", "D1"}
SAME_CARERS = {"L", "T", "U"}

_PLACE_BEFORE_2024 = {
    "A3",
    "A4",
    "A5",
    "A6",
    "H5",
    "K1",
    "K2",
    "P1",
    "P2",
    "P3",
    "R1",
    "R2",
    "R3",
    "R5",
    "S1",
    "T0",
    "T1",
    "T2",
    "T3",
    "T4",
    "U1",
    "U2",
    "U3",
    "U4",
    "U5",
    "U6",
    "Z1",
}
_COMMON = {
    "SEX": {"1", "2"},
    "ETHNIC": {code for code, _ in ETHNICITY_CHOICES},
    "RNE": {"S", "L", "P", "T", "B", "U"},
    "LS": {"C1", "C2", "D1", "E1", "V2", "V3", "V4", "L1", "L2", "L3", "J1", "J2", "J3"},
    "PLACE_PROVIDER": {"PR0", "PR1", "PR2", "PR3", "PR4", "PR5"},
    # E43/E44 gave way to E45-E48 around 2019-20: both families are accepted in every year.
    "REC": {
        "X1",
        "E11",
        "E12",
        "E2",
        "E3",
        "E4A",
        "E4B",
        "E13",
        "E41",
        "E43",
        "E44",
        "E45",
        "E46",
        "E47",
        "E48",
        "E5",
        "E6",
        "E7",
        "E8",
        "E9",
        "E14",
        "E15",
        "E16",
        "E17",
    },
    "REASON_PLACED_CEASED": {"RD1", "RD2", "RD3", "RD4"},
    "FOSTER_CARE": {"0", "1"},
    "SEX_ADOPTR": {"M1", "F1", "MM", "FF", "MF"},
    "LS_ADOPTR": {"L0", "L11", "L12", "L2", "L3", "L4"},
}
# Checked only, never kept: a code outside the list is a warning.
_CIN = {f"N{n}" for n in range(1, 9)}
_REASON_PLACE_CHANGE = {
    "CARPL",
    "CLOSE",
    "ALLEG",
    "STAND",
    "APPRR",
    "CREQB",
    "CREQO",
    "CHILD",
    "LAREQ",
    "PLACE",
    "CUSTOD",
    "OTHER",
}
# FOSTER_CARE as some systems write it.
FOSTER_CARE_WORDS = {"TRUE": "1", "FALSE": "0"}


def placement_codes(year_start: int) -> set[str]:
    """PLACE codes valid in the collection year starting 1 April `year_start`."""
    codes = set(_PLACE_BEFORE_2024)
    if year_start >= 2024:
        codes.add("K3")
    if year_start >= 2025:
        codes -= {"H5", "P2", "Z1"}
        codes |= {"Z11", "Z12", "Z13", "Z14"}
    return codes


def codes_for(year_start: int) -> dict[str, set[str]]:
    """Every coded column's list for the collection year starting 1 April `year_start`."""
    return {
        **_COMMON,
        "PLACE": placement_codes(year_start),
        "CIN": _CIN,
        "REASON_PLACE_CHANGE": _REASON_PLACE_CHANGE,
    }


# A bad code in these columns is only a warning: the portal does not keep them.
WARN_ONLY_CODES = {"CIN", "REASON_PLACE_CHANGE", "SEX_ADOPTR", "LS_ADOPTR"}
