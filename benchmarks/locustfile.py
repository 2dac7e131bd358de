"""Locust users of the portal: staff signed in through the sign-in page opening dashboards and
worklists, systems reading the API with a token, and one writer saving a journey every 2
seconds (each save moves its LA's figures on, so the dashboards of that RAA recompute). Run by
benchmarks/load_bench.py, which creates the accounts and passes them in LOAD_USERS (a JSON
file)."""

import itertools
import json
import os
import re

from locust import HttpUser, between, constant, task

with open(os.environ["LOAD_USERS"]) as accounts:
    ACCOUNTS = json.load(accounts)
STAFF = itertools.cycle(ACCOUNTS["staff"])
TOKENS = itertools.cycle(ACCOUNTS["tokens"])
PERIODS = ["2023-24", "2022-23"]
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Staff(HttpUser):
    """A manager or family finder: signs in, then reads dashboards and the children who wait,
    a few seconds apart."""

    weight = 3
    wait_time = between(3, 7)

    def on_start(self):
        self.account = next(STAFF)
        page = self.client.get("/sign-in/", name="sign-in")
        token = CSRF.search(page.text).group(1)
        signed_in = self.client.post(
            "/sign-in/",
            {
                "username": self.account["username"],
                "password": self.account["password"],
                "csrfmiddlewaretoken": token,
            },
            name="sign-in",
        )
        signed_in.raise_for_status()

    @task(3)
    def dashboard(self):
        period = PERIODS[self.account["number"] % len(PERIODS)]
        self.client.get(
            f"/dashboard/?scope={self.account['scope']}&period={period}", name="dashboard"
        )

    @task(2)
    def children_who_wait(self):
        self.client.get(
            f"/children-who-wait/?scope={self.account['scope']}&on=2024-03-31",
            name="children who wait",
        )

    @task(1)
    def children_behind_a_figure(self):
        self.client.get(
            f"/dashboard/figures/A10/?scope={self.account['scope']}&period=2023-24",
            name="children behind A10",
        )


class System(HttpUser):
    """Another system reading lists and figures through the API with its token."""

    weight = 2
    wait_time = between(2, 5)

    def on_start(self):
        token = next(TOKENS)
        self.client.headers["Authorization"] = f"Token {token['key']}"
        self.la = token["la"]

    @task(3)
    def journeys(self):
        self.client.get(f"/api/v1/journeys/?la={self.la}&limit=100", name="API journeys")

    @task(2)
    def children(self):
        self.client.get(f"/api/v1/children/?la={self.la}&limit=100", name="API children")

    @task(2)
    def figures(self):
        self.client.get(
            f"/api/v1/indicators/?scope=la:{self.la}&period=2023-24", name="API indicators"
        )


class Writer(HttpUser):
    """An RAA manager's system saving one of its journeys through the API every 2 seconds."""

    fixed_count = 1
    wait_time = constant(2)

    def on_start(self):
        writer = ACCOUNTS["writer"]
        self.client.headers["Authorization"] = f"Token {writer['key']}"
        self.journeys = itertools.cycle(writer["journeys"])

    @task
    def save_journey(self):
        journey = next(self.journeys)
        self.client.patch(
            f"/api/v1/journeys/{journey['id']}/",
            json={"adm_decision": journey["adm_decision"]},
            name="API journey save",
        )
