"""The choices on the dashboard, worklist and data-quality pages (read from the query string)."""

from datetime import date

from django import forms

from core.date_input import GovukDateField
from indicators.periods import Period, PeriodError, financial_year_label, financial_year_of
from indicators.scopes import Scope

KIND_GROUPS = {"all": "All data", "raa": "RAAs", "hub": "Hubs", "la": "Local authorities"}
QUARTER_MONTHS = {
    1: "April to June",
    2: "July to September",
    3: "October to December",
    4: "January to March",
}
MONTHS = ("April", "May", "June", "July", "August", "September", "October", "November",
          "December", "January", "February", "March")  # fmt: skip
PARTS = [
    ("year", "Whole financial year"),
    *((f"Q{n}", f"Quarter {n}, {months}") for n, months in QUARTER_MONTHS.items()),
    *((f"R12 Q{n}", f"12 months to the end of quarter {n}") for n in QUARTER_MONTHS),
    *((f"M{n}", f"{month} (month {n})") for n, month in enumerate(MONTHS, start=1)),
]
RANGE, GO_LIVE = "range", "go-live"
RANGE_PART = (RANGE, "Dates of your choice")
GO_LIVE_PART = (GO_LIVE, "Before and after go-live")
RANGE_NEEDS_DATES = "Enter the first and last days of the dates you want"
RANGE_BACKWARDS = "The last day must be the same as or after the first"
YEARS_OFFERED = 10
UNKNOWN_AREA = "Choose an area from the list."


class ScopeForm(forms.Form):
    """An area (LA, hub, RAA or all data) among those the user may see."""

    scope = forms.ChoiceField(label="Area")

    def __init__(self, data, *, scopes: list[Scope]):
        super().__init__(data)
        self.scopes = {scope.text: scope for scope in scopes}
        groups: dict[str, list] = {}
        for scope in scopes:
            groups.setdefault(KIND_GROUPS[scope.kind], []).append((scope.text, scope.label))
        self.fields["scope"].choices = list(groups.items())
        self.fields["scope"].error_messages["invalid_choice"] = UNKNOWN_AREA

    def clean_scope(self) -> Scope:
        return self.scopes[self.cleaned_data["scope"]]


class DashboardForm(ScopeForm):
    """An area and a period: a financial year or part of one, dates of the user's choice (GOV.UK
    date inputs), or, where `go_live` offers it, the year before and the year after the area's
    go-live date."""

    year = forms.TypedChoiceField(label="Financial year", coerce=int)
    part = forms.ChoiceField(label="Period", choices=PARTS)
    start = GovukDateField(
        label="From", required=False, help_text="With dates of your choice. For example, 1 4 2024"
    )
    end = GovukDateField(
        label="To", required=False, help_text="The last day counted. For example, 30 9 2024"
    )

    def __init__(self, data, *, scopes: list[Scope], today: date, go_live: bool = False):
        super().__init__(data, scopes=scopes)
        last = financial_year_of(today)
        self.fields["year"].choices = [
            (year, financial_year_label(year)) for year in range(last, last - YEARS_OFFERED, -1)
        ]
        self.fields["part"].choices = [*PARTS, RANGE_PART, *([GO_LIVE_PART] if go_live else [])]

    def clean(self):
        """Dates of the user's choice need both days, in order; other periods ignore them."""
        data = super().clean()
        part, start, end = data.get("part"), data.get("start"), data.get("end")
        if part == RANGE:
            if start is None or end is None:
                if not self.has_error("start") and not self.has_error("end"):
                    self.add_error("start" if start is None else "end", RANGE_NEEDS_DATES)
            else:
                try:
                    Period.parse(f"{start.isoformat()} to {end.isoformat()}")
                except PeriodError:
                    self.add_error("end", RANGE_BACKWARDS)
        return data

    @property
    def go_live_chosen(self) -> bool:
        return self.cleaned_data.get("part") == GO_LIVE

    def period(self) -> Period:
        year, part = self.cleaned_data["year"], self.cleaned_data["part"]
        if part == GO_LIVE:
            raise ValueError("Before and after go-live is two periods: see go_live_years.")
        if part == RANGE:
            start, end = self.cleaned_data["start"], self.cleaned_data["end"]
            return Period.parse(f"{start.isoformat()} to {end.isoformat()}")
        if part == "year":
            return Period.years(year)
        if part.startswith("M"):
            return Period.month(year, int(part[1:]))
        quarter = Period.quarter(year, int(part[-1]))
        return Period.r12(quarter) if part.startswith("R12") else quarter


def dashboard_query(scope: Scope, period: Period) -> dict:
    """The dashboard's query string for a scope and period: DashboardForm.period() inverted."""
    part = "year"
    if period.kind == "quarter":
        part = f"Q{period.quarter_number}"
    elif period.kind == "r12":
        part = f"R12 Q{period.quarter_number}"
    elif period.kind == "month":
        part = f"M{(period.start.month - 4) % 12 + 1}"
    elif period.kind == "range":
        return {"scope": scope.text, "year": period.first_year, "part": RANGE,
                "start": period.start.isoformat(), "end": period.end.isoformat()}  # fmt: skip
    return {"scope": scope.text, "year": period.first_year, "part": part}


class WorklistForm(ScopeForm):
    on = forms.DateField(
        label="Waiting on",
        required=False,
        help_text="Leave blank for today.",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    harder_only = forms.BooleanField(label="Only children harder to place", required=False)
    no_match_only = forms.BooleanField(
        label="Only children with a placement order 3 months old and no match", required=False
    )


def with_defaults(query, **defaults) -> dict:
    """The query string's values, with defaults for those it leaves out."""
    data = {key: query.get(key) for key in query}
    for key, value in defaults.items():
        data.setdefault(key, value)
    return data


class ReportForm(ScopeForm):
    """An LA or an RAA, and a financial year or half of one."""

    period = forms.ChoiceField(label="Period")

    def __init__(self, data, *, scopes: list[Scope], today: date):
        super().__init__(data, scopes=[s for s in scopes if s.kind in ("la", "raa")])
        last = financial_year_of(today)
        choices = []
        for year in range(last, last - YEARS_OFFERED, -1):
            label = financial_year_label(year)
            choices += [(label, label), (f"{label} H1", f"{label}, first half"),
                        (f"{label} H2", f"{label}, second half")]  # fmt: skip
        self.fields["period"].choices = choices

    def clean_period(self) -> Period:
        return Period.parse(self.cleaned_data["period"])


class NarrativeForm(forms.Form):
    text = forms.CharField(
        label="Commentary", widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
