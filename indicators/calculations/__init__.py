"""All indicator maths (docs/indicators.md), one module per concern:

- `expressions`: SQL building blocks (days between dates, months reached, dates in a period);
- `states`: the states at a date (waiting, placed, matched, awaiting a match, harder to place, a
  journey's status, overdue adopter stages, quorate, late) — the only module other apps import;
- one module per section of docs/indicators.md, each indicator a named definition whose
  docstring is its definition: `timeliness` (§2, §2.1), `activity` (§3), `adopted` (§4),
  `adopters` (§5), `panels_support` (§6);
- `measures`: what an indicator is (Measure, Family, Combination);
- `engine`: the families computed in one query each, pooled by scope;
- `figure`: the Figure value, its rounding, trend and status.

`figures_by_scope`, `figure_series` and `figures_for` are the engine's, reached here lazily so
that importing `states` does not load the engine.
"""

_ENGINE = ("figures_by_scope", "figure_series", "figures_for")


def __getattr__(name: str):
    if name in _ENGINE:
        from indicators.calculations import engine

        return getattr(engine, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
