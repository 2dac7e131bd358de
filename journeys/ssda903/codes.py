"""The tables and codes of the SSDA903 return that the import reads."""

from journeys.models import ETHNICITY_CHOICES

HEADER = "Header"
EPISODES = "Episodes"
AD1 = "AD1"
PLACED_ADOPTION = "PlacedAdoption"

COLUMNS = {
    HEADER: ["CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"],
    EPISODES: [
        "CHILD",
        "DECOM",
        "RNE",
        "LS",
        "CIN",
        "PLACE",
        "PLACE_PROVIDER",
        "DEC",
        "REC",
        "REASON_PLACE_CHANGE",
        "HOME_POST",
        "PL_POST",
        "URN",
    ],
    AD1: [
        "CHILD",
        "DOB",
        "SEX",
        "DATE_INT",
        "DATE_MATCH",
        "FOSTER_CARE",
        "NB_ADOPTR",
        "SEX_ADOPTR",
        "LS_ADOPTR",
    ],
    PLACED_ADOPTION: [
        "CHILD",
        "DOB",
        "SEX",
        "DATE_PLACED",
        "DATE_PLACED_CEASED",
        "REASON_PLACED_CEASED",
    ],
}
# A column that only that table has: how a file is recognised whatever its name.
SIGNATURE = {HEADER: "ETHNIC", EPISODES: "DECOM", AD1: "DATE_MATCH", PLACED_ADOPTION: "DATE_PLACED"}
# Other tables of the return, ignored without error, and a column that identifies each.
IGNORED_SIGNATURE = {
    "Reviews": "REVIEW",
    "UASC": "DUC",
    "OC2": "SDQ_SCORE",
    "OC3": "IN_TOUCH",
    "Missing": "MIS_START",
    "PrevPerm": "PREV_PERM",
}
# The row key that identifies a row within a child (blank: one row a child).
KEY_COLUMN = {HEADER: None, EPISODES: "DECOM", AD1: None, PLACED_ADOPTION: "DATE_PLACED"}

DATE_COLUMNS = {
    "DOB",
    "MC_DOB",
    "DECOM",
    "DEC",
    "DATE_INT",
    "DATE_MATCH",
    "DATE_PLACED",
    "DATE_PLACED_CEASED",
}
REQUIRED = {"CHILD", "DECOM", "RNE", "LS", "PLACE", "DATE_PLACED"}

ADOPTION_PLACEMENTS = {"A3", "A4", "A5", "A6"}
WITH_FOSTER_CARERS = {"A3", "A5"}
ADOPTED = {"E11", "E12"}
ORDER_LEGAL_STATUSES = {"E1", "D1"}
SAME_CARERS = {"L", "T", "U"}

CODES = {
    "SEX": {"1", "2"},
    "ETHNIC": {code for code, _ in ETHNICITY_CHOICES},
    "RNE": {"S", "L", "P", "T", "B", "U"},
    "LS": {"C1", "C2", "D1", "E1", "J1", "J2", "J3", "L1", "L2", "L3", "V2", "V3", "V4"},
    "PLACE": {
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
    },
    "PLACE_PROVIDER": {"PR0", "PR1", "PR2", "PR3", "PR4", "PR5"},
    "REC": {
        "E11",
        "E12",
        "E13",
        "E14",
        "E15",
        "E16",
        "E17",
        "E2",
        "E3",
        "E41",
        "E45",
        "E46",
        "E47",
        "E48",
        "E4A",
        "E4B",
        "E5",
        "E6",
        "E7",
        "E8",
        "E9",
        "X1",
    },
    "FOSTER_CARE": {"0", "1"},
    "REASON_PLACED_CEASED": {"RD1", "RD2", "RD3", "RD4"},
    "LS_ADOPTR": {"L0", "L11", "L12", "L2", "L3", "L4"},
    "SEX_ADOPTR": {"M1", "F1", "MM", "FF", "MF"},
}
