"""The production image builds the front end (issue 15: docker-compose.yml's image was built
without npm, so it would have shipped without GOV.UK Frontend and the stylesheet). Docker is not
run by the tests; .ci/production_smoke takes the same steps without it and serves the result."""

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def test_every_compose_service_of_the_portal_is_built_from_the_dockerfile():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    portal = [name for name, service in compose["services"].items() if "build" in service]
    assert portal == ["web", "worker", "beat"]
    for name in portal:
        assert compose["services"][name]["build"] == ".", name


def test_the_dockerfile_builds_the_front_end_and_collects_it():
    dockerfile = (ROOT / "Dockerfile").read_text()
    stages = re.split(r"^FROM ", dockerfile, flags=re.M)[1:]
    frontend = next(stage for stage in stages if stage.startswith("node:"))
    assert "npm ci" in frontend and "npm run" in frontend
    final = stages[-1]
    assert "COPY --from=frontend /app/node_modules/govuk-frontend" in final
    assert "COPY --from=frontend /app/static/build" in final
    assert "collectstatic" in final and "test -s staticfiles/build/portal.css" in final


def test_the_smoke_test_takes_the_dockerfiles_steps():
    smoke = (ROOT / ".ci" / "production_smoke").read_text()
    for step in ('pip" install', "npm ci", "npm run", "collectstatic", "check --deploy"):
        assert step in smoke, step
    assert "smoke" in (ROOT / "Makefile").read_text().split("\ntest:")[1].split("\n\n")[0]
