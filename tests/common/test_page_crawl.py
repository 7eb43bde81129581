"""A robustness net over every page an anonymous visitor can reach: no page and no query
string, however odd, may give a 500. Bad input gets a Dutch message (400, or the page with
a form error); the focused tests of each app say which.

The crawl starts at "/" and follows internal links breadth first. Then, for every kind of page
it found, it asks again with hostile query strings: the parameters that page's views and forms
read, and a few every page might, set to values no form expects. All failures are reported
at once, so that one run shows every problem.

A second pass does the same logged in as a coordinator, who reaches every create, edit and
delete form. Both passes only follow links and never submit a form, and both check that no GET
request writes to the database.
"""

from __future__ import annotations

import re
from collections import Counter, deque
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from html.parser import HTMLParser
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

import pytest
from django.db import connection
from django.test import Client
from django.urls import Resolver404, resolve, reverse

from dwarsverband.organisations.constants import PlatformRole
from dwarsverband.organisations.models import User

pytestmark = pytest.mark.django_db

PAGE_BUDGET = 250
# A few pages of a kind (a few organisations, a few regions) tell as much as all of them; the
# budget then covers many different kinds of page.
PER_KIND = 25

SKIPPED_PREFIXES = (
    "/static/",
    "/media/",
    "/beheer/",
    "/api/v1/docs",
    "/api/v1/openapi.json",
    "/account/uitloggen",
)

# Parameters any page might be given: pagination (ours and the usual English one) and search.
COMMON_PARAMETERS = ["pagina", "page", "q"]

# The parameters each page reads from its query string (request.GET and the filter forms).
PARAMETERS: dict[str, list[str]] = {
    "language-switch": ["next"],
    "organisations:organisation-list": [
        "soort",
        "provincie",
        "arbeidsmarktregio",
        "corop",
        "netwerk",
    ],
    "programmes:programme-list": ["organisatie", "jaar"],
    "matching:opportunity-list": [
        "organisatie",
        "thema",
        "domein",
        "soort",
        "regio",
        "status",
        "project",
    ],
    "knowledge:search": ["soort", "thema", "organisatie", "jaar"],
    "knowledge:roadmap-detail": ["rol"],
    "knowledge:roadmap-pdf": ["rol"],
    "agreements:follow-up": ["organisatie", "convenant", "thema"],
    "agreements:export-csv": ["convenant"],
    "agreements:export-xlsx": ["convenant"],
    "agreements:agreement-create": ["bron", "bron_id", "convenant", "agenda"],
    "regiodata:indicator-list": ["gebied"],
    "regiodata:indicator-detail": ["soort"],
    "regiodata:indicator-csv": ["tabel", "soort"],
    "regiodata:area-detail": ["indicator"],
    "regiodata:area-csv": ["tabel"],
}

# Kinds of page the crawl must reach, one or two of each app.
REACHED_KINDS = {
    "organisations:organisation-list",
    "organisations:organisation-detail",
    "programmes:programme-list",
    "programmes:project-detail",
    "matching:opportunity-list",
    "tablesessions:session-detail",
    "communities:community-detail",
    "communities:meeting-detail",
    "knowledge:search",
    "knowledge:roadmap-detail",
    "agreements:agreement-detail",
    "agreements:follow-up",
    "regiodata:indicator-detail",
    "regiodata:area-detail",
}

HOSTILE_VALUES = [
    "abc",
    "-1",
    "0",
    "99999",
    "99999999999999999999",
    "2147483648",
    "1.5",
    "²⁰²⁴",  # digits to str.isdigit(), not to int()
    "٢٠٢٤",  # Arabic-Indic digits: int() reads them
    " ",
    "onbekend",
    "<script>alert(1)</script>",
    "x" * 2000,
    "' OR '1'='1",
    "%",
    "\x00",  # refused with a 400 on purpose
]

# The logged-in pass finds twice the kinds of page (create, edit and delete forms); one of each
# sort of hostile value keeps it within a minute: text where a number belongs, a negative and an
# overflowing number, digits int() refuses and digits it reads, a very long value, a NUL byte.
COORDINATOR_HOSTILE_VALUES = [
    "abc",
    "-1",
    "99999999999999999999",
    "²⁰²⁴",
    "٢٠٢٤",
    "x" * 2000,
    "\x00",
]

# Kinds of page only a logged-in coordinator reaches: create, edit and delete forms of each app.
COORDINATOR_KINDS = {
    "organisations:organisation-update",
    "organisations:person-delete",
    "programmes:programme-create",
    "programmes:project-update",
    "matching:opportunity-dismiss",
    "tablesessions:session-create",
    "communities:meeting-update",
    "communities:attendance-list",
    "knowledge:publication-create",
    "knowledge:passages-edit",
    "agreements:agreement-create",
    "agreements:agreement-update",
    "agreements:performance-agreement-update",
}

# A PDF takes a third of a second to make; the roadmap page reads the same parameter through the
# same code and gets every hostile value.
SLOW_KINDS = {"knowledge:roadmap-pdf"}
SLOW_VALUES = ["abc", "wethouder", "x" * 2000, "\x00"]

# Query strings that cannot be written as text: invalid UTF-8 and a lone surrogate.
RAW_VALUES = ["%FF", "%ED%A0%80", "%C3"]

# Path arguments no link holds: an id beyond any database integer, an unknown slug.
HOSTILE_PATH_ARGUMENTS = {int: ["0", "99999999999999999999"], str: ["bestaat-niet", "x" * 300]}


@dataclass(frozen=True)
class Failure:
    url: str
    headers: str
    status: int
    error: str

    def __str__(self) -> str:
        return f"{self.status} {self.url}{self.headers}{self.error}"


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value and (name == "hx-get" or (tag == "a" and name == "href")):
                self.found.append(value)


def _internal_links(html: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    links = []
    for link in parser.found:
        link = link.split("#", 1)[0]
        if link.startswith("/") and not link.startswith(("//", *SKIPPED_PREFIXES)):
            links.append(link)
    return links


def _kind_of_page(path: str) -> str:
    try:
        return resolve(path).view_name
    except Resolver404:
        return "unknown"


def _collapsed(path: str) -> str:
    """Addresses that differ only in a numeric id or the query string are one page."""
    return re.sub(r"\d+", "0", path)


def _record_writes(
    writes: list[str], execute: Any, sql: str, params: Any, many: bool, context: Any
) -> Any:
    if sql.lstrip()[:6].upper() in ("INSERT", "UPDATE", "DELETE"):
        writes.append(sql)
    return execute(sql, params, many, context)


class _Visitor:
    def __init__(self, user: User | None = None) -> None:
        self.client = Client(raise_request_exception=False)
        if user is not None:
            self.client.force_login(user)
        self.session = dict(self.client.cookies.items())
        self.failures: list[Failure] = []
        self.writes: list[str] = []
        self.requests = 0

    def get(self, url: str, *, htmx: bool = False) -> Any:
        headers = {"HX-Request": "true"} if htmx else {}
        writes: list[str] = []
        with connection.execute_wrapper(partial(_record_writes, writes)):
            response = self.client.get(url, headers=headers)
        self.requests += 1
        if writes:
            self.writes.append(f"{url}: {writes[0][:200]}")
        # Each page is asked as a first-time visitor would: no language cookie from the switch;
        # a logged-in visitor keeps only the session it logged in with.
        self.client.cookies.clear()
        self.client.cookies.update(self.session)
        if response.status_code >= 500:
            exc_info = getattr(response, "exc_info", None)
            error = f": {exc_info[1]!r}" if exc_info else ""
            self.failures.append(
                Failure(url, " [HX-Request]" if htmx else "", response.status_code, error[:300])
            )
        return response


def _crawl(visitor: _Visitor) -> dict[str, str]:
    """Every page reached from the home page, breadth first; one address per kind of page."""
    queue: deque[str] = deque(["/"])
    seen: set[str] = {"/"}
    per_kind: Counter[str] = Counter()
    examples: dict[str, str] = {}
    while queue:
        url = queue.popleft()
        response = visitor.get(url)
        path = urlsplit(url).path
        examples.setdefault(_kind_of_page(path), path)
        if response.status_code in (301, 302):
            links = _internal_links(f'<a href="{response["Location"]}">')
        elif response.status_code == 200 and "html" in response.get("Content-Type", ""):
            links = _internal_links(response.content.decode())
        else:
            continue
        for link in links:
            key = _collapsed(urlsplit(link).path)
            kind = _kind_of_page(urlsplit(link).path)
            if key in seen or per_kind[kind] >= PER_KIND or len(seen) >= PAGE_BUDGET:
                continue
            seen.add(key)
            per_kind[kind] += 1
            queue.append(link)
    return examples


def _hostile_queries(parameters: list[str], values: list[str]) -> list[str]:
    queries = [urlencode(dict.fromkeys(parameters, value)) for value in values]
    queries += ["&".join(f"{name}={raw}" for name in parameters) for raw in RAW_VALUES]
    queries.append(urlencode([(name, value) for name in parameters for value in ("1", "abc")]))
    queries.append("&".join(parameters))  # names without a value
    return queries


def _hostile_paths(kind: str, example: str) -> list[str]:
    match = resolve(example)
    paths = []
    for name in match.kwargs:
        argument_type = type(match.kwargs[name])
        for value in HOSTILE_PATH_ARGUMENTS.get(argument_type, []):
            kwargs = {**match.kwargs, name: value}
            paths.append(quote(reverse(kind, kwargs=kwargs)))
    return paths


def _attack(visitor: _Visitor, examples: dict[str, str], values: list[str]) -> None:
    """Every kind of page again, with hostile query strings, as htmx and with odd path ids."""
    for kind, path in sorted(examples.items()):
        if kind == "unknown":
            continue
        parameters = COMMON_PARAMETERS + PARAMETERS.get(kind, [])
        for query in _hostile_queries(parameters, SLOW_VALUES if kind in SLOW_KINDS else values):
            visitor.get(f"{path}?{query}")
        visitor.get(path, htmx=True)
        visitor.get(f"{path}?{urlencode(dict.fromkeys(parameters, 'abc'))}", htmx=True)
        for hostile_path in _hostile_paths(kind, path):
            visitor.get(hostile_path)


def _report(visitor: _Visitor, examples: dict[str, str]) -> str:
    failures = "\n".join(str(failure) for failure in visitor.failures)
    return (
        f"{len(visitor.failures)} of {visitor.requests} requests failed "
        f"({len(examples)} kinds of page):\n{failures}"
    )


def test_no_page_reached_from_the_home_page_fails(reference: None, settings: Any) -> None:
    # The search page's rate limit would answer 429 before the view reads its query.
    settings.RATELIMIT_ENABLE = False
    visitor = _Visitor()
    examples = _crawl(visitor)
    crawled = visitor.requests
    _attack(visitor, examples, HOSTILE_VALUES)

    # A guard against a crawl that silently stops early (a home page without links).
    assert crawled >= 80, f"the crawl reached only {crawled} pages"
    assert set(examples) >= REACHED_KINDS, REACHED_KINDS - set(examples)
    assert not visitor.failures, _report(visitor, examples)
    assert not visitor.writes, "\n".join(visitor.writes)


def test_no_page_a_coordinator_reaches_fails(
    reference: None, settings: Any, make_user: Callable[..., User]
) -> None:
    """The same crawl logged in as a coordinator, who sees every edit, create and follow-up page."""
    settings.RATELIMIT_ENABLE = False
    visitor = _Visitor(make_user(PlatformRole.COORDINATOR))
    examples = _crawl(visitor)
    crawled = visitor.requests
    _attack(visitor, examples, COORDINATOR_HOSTILE_VALUES)

    assert crawled >= 80, f"the crawl reached only {crawled} pages"
    assert set(examples) >= REACHED_KINDS | COORDINATOR_KINDS, (
        REACHED_KINDS | COORDINATOR_KINDS
    ) - set(examples)
    # Still logged in at the end: a form page answers, no redirect to the login page.
    assert visitor.get(examples["agreements:agreement-create"]).status_code == 200
    assert not visitor.failures, _report(visitor, examples)
    # No GET may change anything: logging out, dismissing, deleting and joining are POST only.
    assert not visitor.writes, "\n".join(visitor.writes)
