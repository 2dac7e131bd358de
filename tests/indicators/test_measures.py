"""Every indicator is a named definition whose docstring cites an existing section of
docs/indicators.md, and its title is defined once (indicators/calculations/measures.py)."""

import re
from pathlib import Path

import pytest

from indicators import dashboard
from indicators.calculations import (
    activity,
    adopted,
    adopters,
    disruption_learning,
    panels_support,
    recruitment,
    support_services,
    timeliness,
)
from indicators.calculations.engine import COMBINATIONS, MEASURES, title_of
from indicators.calculations.measures import Measure

DOCS = Path(__file__).resolve().parents[2] / "docs" / "indicators.md"
SECTIONS = set(re.findall(r"^#{2,3} (\d+(?:\.\d+)?)\. ?", DOCS.read_text(), re.M)) | set(
    re.findall(r"^#{2,3} (\d+\.\d+) ", DOCS.read_text(), re.M)
)
CITATION = re.compile(r"docs/indicators\.md §(\d+(?:\.\d+)?)")
PUBLIC = [code for code in MEASURES if not code.startswith("_")]


def test_the_sections_are_read_from_the_docs():
    assert {"1.1", "1.2", "1.3", "1.4", "2", "2.1", "3", "4", "5", "6"} <= SECTIONS
    assert {"7", "7.1", "7.2", "7.3", "7.4", "7.5"} <= SECTIONS


@pytest.mark.parametrize("code", [*MEASURES, *(c.code for c in COMBINATIONS)])
def test_each_definition_cites_a_section_that_exists(code):
    definition = (
        MEASURES[code].definition
        if code in MEASURES
        else next(c for c in COMBINATIONS if c.code == code).definition
    )
    cited = CITATION.findall(definition)
    assert cited, f"{code}: {definition!r}"
    assert set(cited) <= SECTIONS, code


def test_each_indicator_is_named_in_the_module_of_its_section():
    named = {
        value.code
        for module in (
            timeliness,
            activity,
            adopted,
            adopters,
            panels_support,
            recruitment,
            disruption_learning,
            support_services,
        )
        for value in vars(module).values()
        if isinstance(value, Measure)
    }
    generated = {c for c in MEASURES if c.startswith(("items_", "recommendations_"))}
    generated |= {f"enquiries_{value}" for value, _ in recruitment.HeardFrom.choices}
    assert set(MEASURES) - generated <= named
    assert timeliness.a2.code == "A2" and "§2" in timeliness.a2.definition


@pytest.mark.parametrize("code", [*dashboard.STAGES, *dashboard.ACTIVITY])
def test_the_dashboard_names_figures_from_their_definitions(code):
    assert MEASURES[code].label in (MEASURES[code].short, title_of(code))
    assert not hasattr(dashboard, "STAGE_NAMES") and not hasattr(dashboard, "ACTIVITY_NAMES")
