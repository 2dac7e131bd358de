"""A problem found in a return: where (file, row or XML child and element), what, why, how bad."""

from dataclasses import asdict, dataclass

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """One problem. `row` is the CSV row (the header is row 1), None for XML and whole files;
    XML problems name the child (`child`, its CHILDID), the element (`column`) and the
    episode's `decom`. `check` names the rule, so that warnings can be grouped by it."""

    file: str
    row: int | None
    column: str
    value: str
    reason: str
    severity: str = ERROR
    check: str = ""
    child: str = ""
    decom: str = ""
    xml: bool = False

    def __str__(self) -> str:
        value = repr(self.value)
        if self.xml:
            where = [self.file or "-", f"CHILDID {self.child or '-'}"]
            if self.column:
                where.append(f"element {self.column}")
            if self.decom:
                where.append(f"episode DECOM {self.decom}")
            return f"{', '.join(where)}, {value}: {self.reason}"
        if not self.file and self.child:
            return f"CHILD {self.child}, {self.column or '-'}, {value}: {self.reason}"
        row = self.row or "-"
        return f"{self.file or '-'}, row {row}, {self.column or '-'}, {value}: {self.reason}"

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def as_dict(self) -> dict:
        """JSON-ready, with the one-line text as `message` (and the child as `child`)."""
        return {**asdict(self), "message": str(self)}
