"""The production smoke test's client (run by .ci/production_smoke): signs in to a portal
running with production settings behind an imagined TLS proxy, loads pages with every static
file they name, and makes a board file through the Celery worker.

Standard library only. Waits are bounded polls for a state, never a sleep followed by an
assertion; any failure exits non-zero with the reason."""

import argparse
import re
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from html.parser import HTMLParser

READY_SECONDS = 60
BOARD_FILE_SECONDS = 120
PAGES = ["/", "/dashboard/", "/exports/", "/account/"]


class Failure(Exception):
    pass


class Page(HTMLParser):
    """The static files, forms and links a page names."""

    def __init__(self):
        super().__init__()
        self.assets, self.forms, self.links, self._form = [], [], [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("href"):
            self.assets.append(attrs["href"])
        elif tag in ("script", "img") and attrs.get("src"):
            self.assets.append(attrs["src"])
        elif tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag == "form":
            self._form = {"action": attrs.get("action", ""), "fields": {}}
            self.forms.append(self._form)
        elif tag == "input" and self._form is not None and attrs.get("name"):
            self._form["fields"][attrs["name"]] = attrs.get("value", "")

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None


class Browser:
    """Requests as a TLS-terminating proxy forwards them (X-Forwarded-Proto: https), keeping
    the session's cookies, which production marks Secure."""

    def __init__(self, base: str):
        self.base = base
        self.cookies: dict[str, str] = {}
        self.opener = urllib.request.build_opener(NoRedirect)

    def request(self, path: str, data: dict | None = None, referer: str | None = None):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=body)
        request.add_header("X-Forwarded-Proto", "https")
        host = urllib.parse.urlsplit(self.base).netloc
        request.add_header("Host", host)
        if referer is not None:
            request.add_header("Referer", f"https://{host}{referer}")
        if self.cookies:
            request.add_header("Cookie", "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        try:
            response = self.opener.open(request, timeout=30)
        except urllib.error.HTTPError as error:
            response = error
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, response.headers, response.read()

    def page(self, path: str) -> tuple[Page, bytes]:
        status, _, body = self.request(path)
        if status != 200:
            raise Failure(f"{path}: HTTP {status}")
        parsed = Page()
        parsed.feed(body.decode())
        return parsed, body


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def wait_until_ready(browser: Browser) -> None:
    deadline = time.monotonic() + READY_SECONDS
    while True:
        try:
            status, _, _ = browser.request("/sign-in/")
            if status == 200:
                return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise Failure(f"gunicorn did not answer /sign-in/ within {READY_SECONDS} s")
        time.sleep(0.5)


def sign_in(browser: Browser, username: str, password: str) -> None:
    page, _ = browser.page("/sign-in/")
    (form,) = [f for f in page.forms if "csrfmiddlewaretoken" in f["fields"]]
    fields = {**form["fields"], "username": username, "password": password}
    status, headers, _ = browser.request("/sign-in/", fields, referer="/sign-in/")
    if status != 302 or "sign-in" in headers.get("Location", ""):
        raise Failure(f"signing in: HTTP {status} to {headers.get('Location')}")


def check_assets(browser: Browser, path: str, page: Page, seen: set[str]) -> int:
    statics = [url for url in page.assets if url.startswith("/static/")]
    if not any(url.endswith(".css") for url in statics):
        raise Failure(f"{path} names no stylesheet")
    for url in statics:
        if url in seen:
            continue
        status, headers, body = browser.request(url)
        if status != 200 or not body:
            raise Failure(f"{path}: static file {url}: HTTP {status}, {len(body)} bytes")
        seen.add(url)
    return len(statics)


def make_board_file(browser: Browser, scope: str, worker_log: str) -> str:
    page, _ = browser.page(f"/dashboard/?scope={urllib.parse.quote(scope)}")
    forms = [f for f in page.forms if f["fields"].get("kind") == "scorecard_xlsx"]
    if not forms:
        raise Failure("the dashboard offers no scorecard to download")
    status, headers, body = browser.request("/exports/", forms[0]["fields"], referer="/dashboard/")
    # The file itself when the worker made it within the request's wait, else the board files
    # page lists it when it is ready.
    if status not in (200, 302):
        raise Failure(f"asking for the scorecard: HTTP {status}")
    deadline = time.monotonic() + BOARD_FILE_SECONDS
    where = "/exports/ (in place)"
    while status == 302:
        page, listed = browser.page("/exports/")
        downloads = [link for link in page.links if re.fullmatch(r"/exports/\d+/download/", link)]
        if downloads:
            where = downloads[0]
            status, headers, body = browser.request(where)
            break
        if b"Failed" in listed:
            raise Failure("the worker failed to make the scorecard")
        if time.monotonic() > deadline:
            raise Failure(f"no scorecard within {BOARD_FILE_SECONDS} s")
        time.sleep(1)
    if status != 200 or not body.startswith(b"PK"):
        raise Failure(f"the scorecard download: HTTP {status}, not a spreadsheet")
    # The worker logs its success just after saving the file the portal has already sent.
    while True:
        with open(worker_log) as log:
            if re.search(r"Task indicators\.export_build\[[^\]]+\] succeeded", log.read()):
                return where
        if time.monotonic() > deadline:
            raise Failure("the scorecard was not made by the Celery worker")
        time.sleep(1)


def main() -> int:
    parser = argparse.ArgumentParser()
    for name in ("--url", "--username", "--password", "--scope", "--worker-log"):
        parser.add_argument(name, required=True)
    args = parser.parse_args()
    browser = Browser(args.url)
    try:
        wait_until_ready(browser)
        sign_in(browser, args.username, args.password)
        seen: set[str] = set()
        for path in PAGES:
            page, _ = browser.page(path)
            print(f"ok {path}: {check_assets(browser, path, page, seen)} static files")
        print(f"ok {len(seen)} static files served")
        print(f"ok board file {make_board_file(browser, args.scope, args.worker_log)} by worker")
    except Failure as failure:
        print(f"production smoke test failed: {failure}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
