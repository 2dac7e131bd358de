"""The drill-down behind a figure: the child's days first, plain column names, sorting, links to
each child's journey and a CSV download."""

import csv
import io
from datetime import date

import pytest

from indicators.drilldown import plain_name
from tests.factories import journey


def test_column_names_are_plain():
    assert plain_name("raa_id") == "RAA"
    assert plain_name("child__la_child_id") == "Child's LA reference"
    assert plain_name("papers_received") == "Papers received"
    assert plain_name("la_id") == "LA"


@pytest.fixture
def three_adopted(world):
    """LA 101 children with A10 of 100, 366 and 212 days in 2022-23."""
    made = {}
    for days, entered, placed in (
        (100, date(2022, 1, 1), date(2022, 4, 11)),  # 31 + 28 + 31 + 10
        (366, date(2021, 4, 1), date(2022, 4, 2)),  # 365 + 1
        (212, date(2022, 1, 1), date(2022, 8, 1)),  # 90 + 30 + 31 + 30 + 31
    ):
        made[days] = journey(
            world.la101, entered_care=entered, placed=placed, adoption_order=date(2023, 1, 1)
        )
    return made


@pytest.mark.django_db
class TestDrillDownPage:
    URL = "/dashboard/figures/A10/"
    QUERY = {"scope": "raa:north", "period": "2022-23"}

    def test_days_first_longest_first_each_child_linked_to_their_journey(
        self, three_adopted, users, client
    ):
        client.force_login(users.raa_manager)
        response = client.get(self.URL, self.QUERY)
        table = response.context["table"]
        assert [c.name for c in table.columns[:3]] == ["Days", "Child's LA reference", "LA"]
        assert [row[0] for row in table.rows] == [366, 212, 100]
        assert table.links[0] == f"/journeys/{three_adopted[366].pk}/"
        assert f'href="/journeys/{three_adopted[100].pk}/"' in response.content.decode()
        assert not any("_" in column.name for column in table.columns)

    def test_any_column_sorts_either_way(self, three_adopted, users, client):
        client.force_login(users.raa_manager)
        table = client.get(self.URL, {**self.QUERY, "sort": "days", "order": "asc"}).context[
            "table"
        ]
        assert [row[0] for row in table.rows] == [100, 212, 366]
        by_entry = client.get(self.URL, {**self.QUERY, "sort": "entered_care"}).context["table"]
        # other columns sort ascending first: entered care 1 Apr 2021 (366 days) is the earliest
        assert by_entry.rows[0][0] == 366
        bad = client.get(self.URL, {**self.QUERY, "sort": "raa_id"})
        assert bad.status_code == 400

    def test_csv_for_those_who_may_see_children(self, three_adopted, users, client):
        client.force_login(users.raa_manager)
        response = client.get(self.URL, {**self.QUERY, "format": "csv"})
        assert response["Content-Type"].startswith("text/csv")
        lines = list(csv.reader(io.StringIO(response.content.decode())))
        assert lines[0][:3] == ["Days", "Child's LA reference", "LA"]
        assert [line[0] for line in lines[1:]] == ["366", "212", "100"]
        client.force_login(users.board_member)
        assert client.get(self.URL, {**self.QUERY, "format": "csv"}).status_code == 403
