"""The accessibility crawl: every URL pattern the platform serves, one instance each, visited as
each kind of role that may see it, in Chromium with axe (WCAG 2.1 A/AA) at 320 px and 1280 px and
a check that nothing scrolls sideways at 320 px; pages with a form also with its errors shown.

The instances come from the pages themselves: as each role, the links and form actions are
followed from the role's start page with Django's test client (no browser), so every URL visited
is one the role is shown, with real objects behind it. The suite's crawl (`make test`) takes one
user of each kind of role and visits each page as one of the roles that reached it, chosen so
that every role is used; `make crawl` (scripts/crawl.sh) takes every demo user, more
instances, and every role that reached each pattern.
"""

import dataclasses
import time
from collections import defaultdict
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.http import HttpRequest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404
from django.views.generic import RedirectView
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.two_factor import current_code

from .browser import WCAG_21_AA
from .crawl_seed import guardian_identity

WIDE = {"width": 1280, "height": 900}
NARROW = {"width": 320, "height": 720}
WIDTHS = {"1280": WIDE, "320": NARROW}

# One user of each kind of role in the demo (accounts/demo.py), the public, and a guardian on My
# pages: the suite's roles. The exhaustive crawl adds the other counties' users.
SUITE_USERS = [
    "samordnare",
    "ordforande",
    "justerare",
    "socialsekreterare",
    "kurator",
    "rektor",
    "sjukskoterska",
    "granskare",
    "admin",
]
ANONYMOUS = "anonym"
GUARDIAN = "vardnadshavare"
# A user who has given the password but not yet the second factor's code.
PASSWORD_ONLY = "utan-tvafaktor"

# Never followed: they end the session or change the language, which the crawl's roles keep.
NOT_FOLLOWED = {"accounts:logout", "set_language", "portal:logout", "admin:logout"}

# Patterns that serve no page to look at, and why the crawl does not open them in the browser.
NOT_PAGES = {
    "ninja.operation": "a JSON operation of the API, checked against the OpenAPI description",
}
# The patterns the crawl does not open at all (by view name, or by the module of the view), and
# why; a pattern neither reached nor named here fails the suite's crawl.
NOT_OPENED = {
    **NOT_PAGES,
    "accounts:logout": "ends the session (POST only), which the crawl's roles keep",
    "portal:logout": "ends the guardian's session (POST only), which the crawl keeps",
    "admin:logout": "ends the session, which the crawl's roles keep",
    "set_language": "changes the language (POST only); the crawl reads the pages in Swedish",
    "portal:oidc_start": "sends to the county's BankID provider (OIDC), which the demo has not: "
    "the guardians log in by the demo's login (portal/tests check the redirect)",
    "portal:oidc_callback": "the BankID provider's answer, called only by the provider",
    "admin:login": "the admin has no login of its own: it sends to the platform's login and "
    "second factor, which the crawl visits",
    "admin:autocomplete": "JSON for the admin's autocomplete fields, fetched by its script",
    "admin:jsi18n": "the admin's translations as JavaScript, loaded by its pages",
    "admin:view_on_site": "a redirect to the object's page on the site, which no model in the "
    "admin has",
    "inbox:count": "the start pages' count of what waits, fetched into the start page by its "
    "script (inbox/_count.html); checked there, not a page of its own",
    **dict.fromkeys(
        [
            "admin:axes_accessfailurelog_change",
            "admin:axes_accessfailurelog_delete",
            "admin:axes_accessfailurelog_history",
        ],
        "axes keeps no failure log here (AXES_ENABLE_ACCESS_FAILURE_LOG is off): the list, "
        "which the crawl visits, has no row to open",
    ),
    "api-1.0.0:api-root": "django-ninja's root of the API, which only names the operations' "
    "base and answers 404; the documentation is /api/docs",
    "audit:extract_csv": "the register extract as CSV: a file, answered to the extract page's "
    "POST once an individual is found (logreview/tests)",
}


# What a pattern answered a role, the most telling first: a page (HTML), a file (another content
# type), an action (POST only) or a redirect to a page (a redirect to a login is not counted).
KINDS = ["page", "file", "action", "redirect"]
LOGINS = {"accounts:login", "accounts:two_factor", "portal:login", "admin:login"}


@dataclasses.dataclass
class Found:
    """A pattern's instance for each role that was shown one and may see it."""

    route: str
    kind: str  # one of KINDS
    urls: dict[str, str] = dataclasses.field(default_factory=dict)

    @property
    def roles(self) -> list[str]:
        return list(self.urls)


def routes() -> dict[str, URLPattern]:
    """Every URL pattern the platform serves, by its full route."""
    return {route: pattern for route, (pattern, _name) in _routes().items()}


def _routes() -> dict[str, tuple[URLPattern, str]]:
    """Every pattern and its view name (namespace:name, as resolve() names it), by route."""
    found = {}

    def walk(resolver, prefix, namespaces):
        for pattern in resolver.url_patterns:
            # Joined as Django joins ResolverMatch.route: a regex's "^" goes after a prefix.
            route = (
                prefix + str(pattern.pattern).removeprefix("^") if prefix else str(pattern.pattern)
            )
            if isinstance(pattern, URLResolver):
                walk(
                    pattern,
                    route,
                    namespaces + [pattern.namespace] if pattern.namespace else namespaces,
                )
            else:
                name = ":".join([*namespaces, pattern.name or ""])
                found.setdefault(route, (pattern, name))

    walk(get_resolver(), "", [])
    return found


def not_opened() -> dict[str, str]:
    """The patterns the crawl does not open, each with the reason: what they serve is no page
    of its own, or it leaves the platform."""
    reasons = {}
    for route, (pattern, name) in _routes().items():
        callback = pattern.callback
        reason = NOT_OPENED.get(name) or NOT_OPENED.get(getattr(callback, "__module__", ""))
        view_class = getattr(callback, "view_class", None)
        if reason is None and name.startswith("admin:"):
            reason = _admin_reason(name, view_class)
        if reason:
            reasons[route] = reason
    return reasons


def _superuser_request() -> HttpRequest:
    request = HttpRequest()
    request.user = get_user_model()(is_superuser=True, is_active=True)
    return request


def _admin_reason(name: str, view_class) -> str | None:
    if view_class is not None and issubclass(view_class, RedirectView):
        return "Django's old address of an admin change page, redirected to the change page"
    if name == "admin:":
        return "the admin's catch-all: adds a missing slash or answers 404"
    for model, model_admin in admin.site._registry.items():
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}_"
        if not name.startswith(prefix):
            continue
        action = name.removeprefix(prefix)
        asks = {
            "add": model_admin.has_add_permission,
            "delete": model_admin.has_delete_permission,
        }.get(action)
        if asks is not None and not asks(_superuser_request()):
            return f"the admin lets no one {action} {model._meta.verbose_name_plural} by hand"
    return None


def route_of(path: str) -> tuple[str, str] | None:
    """The full route and the URL name of a path, or None if no pattern serves it."""
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.route, match.view_name


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []
        self.actions = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag == "form" and (attrs.get("method") or "get").lower() == "post":
            self.actions.append(attrs.get("action") or "")


def _local(base: str, href: str) -> str | None:
    href = urldefrag(href)[0]
    if not href or href.startswith(("mailto:", "tel:", "javascript:", "data:")):
        return None
    parts = urlsplit(href)
    if parts.scheme and parts.scheme not in ("http", "https"):
        return None
    if parts.netloc and parts.netloc not in ("testserver", "localhost"):
        return None
    # Relative addresses ("../password/") resolved as the browser resolves them.
    path = urlsplit(urljoin(base, href)).path
    if path.startswith("/" + settings.STATIC_URL.strip("/") + "/"):
        return None
    return path + (f"?{parts.query}" if parts.query else "")


def log_in(client: Client, role: str) -> None:
    """The client logged in as the role: a demo user past the second factor, or a guardian on My
    pages; the public stays as it is."""
    if role == ANONYMOUS:
        return
    if role == GUARDIAN:
        custody = guardian_identity()
        response = client.post("/mina-sidor/logga-in/demo/", {"person": f"g{custody.pk}"})
        assert response.status_code == 302, response.status_code
        return
    if role == PASSWORD_ONLY:
        # Between the password and the second factor: the code page is all there is to see.
        client.force_login(get_user_model().objects.get(username=SUITE_USERS[0]))
        return
    user = get_user_model().objects.get(username=role)
    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    response = client.post("/konto/tvafaktor/", {"code": current_code(device)})
    assert response.status_code == 302, (role, response.status_code)


def start_paths(role: str) -> list[str]:
    if role == GUARDIAN:
        return ["/mina-sidor/"]
    if role == PASSWORD_ONLY:
        return ["/konto/tvafaktor/"]
    return [
        "/",
        "/start/",
        "/konto/logga-in/",
        "/mina-sidor/logga-in/",
        "/api/docs",
        "/halsa/",
        "/admin/",
        "/moten/kalender/",
        "/inkorg/",
    ]


def discover(client: Client, role: str, found: dict[str, Found], per_route: int, first=()) -> int:
    """Follow the role's links and form actions breadth first, at most per_route URLs of each
    pattern, beginning with `first` (where the crawl's seed put a state the role is to see);
    the first instance of each pattern the role may see is kept in found. Answers how many
    requests were made."""
    opened = defaultdict(int)
    seen = set()
    queue = [*first, *start_paths(role)]
    requests = 0
    while queue:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        matched = route_of(urlsplit(path).path)
        if matched is None or matched[1] in NOT_FOLLOWED:
            continue
        route, _name = matched
        if path not in first:
            if opened[route] >= per_route:
                continue
            opened[route] += 1
        response = client.get(path)
        requests += 1
        kind = _kind(response)
        if kind == "redirect":
            local = _local(path, response["Location"])
            target = route_of(urlsplit(local).path) if local else None
            if target is None or target[1] in LOGINS:
                # Sent to log in: the role may not see the page.
                continue
            if local not in seen:
                queue.append(local)
        if kind is None:
            continue
        entry = found.setdefault(route, Found(route, kind))
        if KINDS.index(kind) < KINDS.index(entry.kind):
            entry.kind, entry.urls = kind, {}
        if kind == entry.kind:
            entry.urls.setdefault(role, path)
        if kind != "page":
            continue
        parser = _Links()
        parser.feed(response.content.decode(response.charset or "utf-8", "replace"))
        for href in parser.links:
            local = _local(path, href)
            if local and local not in seen:
                queue.append(local)
        for action in parser.actions:
            local = _local(path, action) if action else path
            if local and local not in seen:
                queue.append(local)
    return requests


def _kind(response) -> str | None:
    if response.status_code == 405:
        return "action"
    if response.status_code in (301, 302, 303, 307, 308):
        return "redirect"
    if response.status_code != 200:
        return None
    if response.get("Content-Type", "").startswith("text/html"):
        return "page"
    return "file"


@dataclasses.dataclass
class Visit:
    route: str
    url: str
    role: str
    state: str  # "page" or "errors" (the page's form submitted empty)
    width: str
    problems: list[str]


def plan(found: dict[str, Found], roles_per_route: int | None) -> list[tuple[Found, str]]:
    """The (instance, role) pairs to open in the browser: every role that reached a page, or at
    most roles_per_route of them, the least used first, so that every role is used."""
    used = defaultdict(int)
    pairs = []
    pages = sorted(
        (entry for entry in found.values() if entry.kind == "page" and _served_here(entry.route)),
        key=lambda entry: (len(entry.roles), entry.route),
    )
    for entry in pages:
        roles = sorted(entry.roles, key=lambda role: (used[role], entry.roles.index(role)))
        for role in roles[:roles_per_route] if roles_per_route else roles:
            used[role] += 1
            pairs.append((entry, role))
    return pairs


def _served_here(route: str) -> bool:
    module = getattr(routes().get(route), "callback", None)
    return getattr(module, "__module__", "") not in NOT_PAGES


def check_page(page) -> dict[str, list[str]]:
    """axe at 1280 px and at 320 px, and the sideways scroll at 320 px, of the open page."""
    problems = {}
    axe = Axe()
    for width, viewport in WIDTHS.items():
        page.set_viewport_size(viewport)
        results = axe.run(page, options=WCAG_21_AA)
        lines = [
            f"{violation['id']} ({violation['impact']}): {' '.join(node['target'])}"
            for violation in results.response["violations"]
            for node in violation["nodes"]
        ]
        if width == "320":
            overflow = page.evaluate(
                "document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth"
            )
            if overflow > 0:
                lines.append(f"reflow: the page scrolls {overflow} px sideways at 320 px")
        problems[width] = lines
    return problems


# The first form in the page's main content that asks for something typed or chosen; with
# `true`, it is made ready to be submitted empty.
FORM_WITH_FIELDS = """(prepare) => {
  const forms = [...document.querySelectorAll('main form')].filter(form =>
    (form.method || '').toLowerCase() === 'post' &&
    !/\\/(logga-ut|setlang)\\//.test(form.action) &&
    form.querySelector('input:not([type=hidden]):not([type=checkbox]):not([type=radio])' +
      ':not([type=submit]):not([type=button]):not([type=file]), textarea, select'));
  if (!forms.length || !prepare) return forms.length > 0;
  const form = forms[0];
  form.noValidate = true;
  for (const field of form.querySelectorAll('input, textarea')) {
    if (!['hidden', 'checkbox', 'radio', 'submit', 'button', 'file'].includes(field.type)) {
      field.value = '';
    }
  }
  form.setAttribute('data-crawl', '1');
  return true;
}"""


def submit_empty(page) -> bool:
    """Submits the page's main form with its typed fields emptied, so that its errors show;
    False when the page has no such form."""
    if not page.evaluate(FORM_WITH_FIELDS, True):
        return False
    button = page.locator("form[data-crawl] [type=submit]").first
    with page.expect_navigation(wait_until="load"):
        if button.count():
            button.click(no_wait_after=True)
        else:
            page.evaluate("document.querySelector('form[data-crawl]').requestSubmit()")
    return True


def crawl(
    browser, base_url: str, roles: list[str], per_route: int, roles_per_route, report, where=None
):
    """The whole crawl; report collects the figures and the problems. `where` names, per role,
    the paths to open first (crawl_seed.seed's answer)."""
    started = time.monotonic()
    found: dict[str, Found] = {}
    clients = {}
    requests = 0
    for role in roles:
        clients[role] = Client()
        log_in(clients[role], role)
        requests += discover(clients[role], role, found, per_route, (where or {}).get(role, ()))
    report["discovery_seconds"] = round(time.monotonic() - started, 1)
    report["discovery_requests"] = requests
    pairs = plan(found, roles_per_route)
    contexts = {}
    visits: list[Visit] = []
    errors_to_show = []
    for entry, role in pairs:
        if role not in contexts:
            contexts[role] = _context(browser, base_url, clients[role])
        page = contexts[role]
        url = entry.urls[role]
        response = page.goto(base_url + url, wait_until="load")
        status = response.status if response else 0
        problems = check_page(page)
        if status != 200:
            problems["1280"].append(f"answered {status} in the browser")
        for width, lines in problems.items():
            visits.append(Visit(entry.route, url, role, "page", width, lines))
        if page.evaluate(FORM_WITH_FIELDS, False):
            errors_to_show.append((entry, role))
    # After every page was seen as it is: an empty submission that an optional-only form accepts
    # changes the data, which must not change what the pages above showed.
    for entry, role in errors_to_show:
        page = contexts[role]
        page.set_viewport_size(WIDE)
        url = entry.urls[role]
        page.goto(base_url + url, wait_until="load")
        if not submit_empty(page):
            continue
        problems = check_page(page)
        if "Serverfel" in page.title() or "Server Error" in page.title():
            problems["1280"].append("the empty form answered a server error")
        for width, lines in problems.items():
            visits.append(Visit(entry.route, url, role, "errors", width, lines))
    for page in contexts.values():
        page.context.close()
    all_routes = routes()
    reasons = not_opened()
    not_reached = sorted(set(all_routes) - set(found))
    report.update(
        patterns=len(all_routes),
        patterns_found=len(set(found) & set(all_routes)),
        pages=len({entry.route for entry, _role in pairs}),
        files=sorted(route for route, entry in found.items() if entry.kind == "file"),
        actions=sorted(route for route, entry in found.items() if entry.kind == "action"),
        redirects=sorted(route for route, entry in found.items() if entry.kind == "redirect"),
        not_reached={route: reasons[route] for route in not_reached if route in reasons},
        unaccounted=[route for route in not_reached if route not in reasons],
        roles=roles,
        roles_used=sorted({role for _entry, role in pairs}),
        widths=list(WIDTHS),
        visits=len(visits),
        page_visits=len(pairs),
        error_visits=len({(v.url, v.role) for v in visits if v.state == "errors"}),
        violations=[
            f"{v.route} | {v.url} | {v.role} | {v.state} | {v.width} px | {line}"
            for v in visits
            for line in v.problems
        ],
        seconds=round(time.monotonic() - started, 1),
    )
    return report


def summary(report) -> str:
    return (
        "Crawl: {patterns} patterns, {patterns_found} reached ({pages} pages, {files} files, "
        "{actions} actions, {redirects} redirects), {not_reached} not opened with a reason, "
        "{unaccounted} neither; roles {roles}; widths {widths} px; "
        "{page_visits} page visits and {error_visits} with the form's errors, {visits} checks; "
        "{violations} violations; {seconds} s ({discovery_seconds} s finding the pages)."
    ).format(
        **{
            **report,
            "files": len(report["files"]),
            "actions": len(report["actions"]),
            "redirects": len(report["redirects"]),
            "not_reached": len(report["not_reached"]),
            "unaccounted": len(report["unaccounted"]),
            "roles": ", ".join(report["roles"]),
            "widths": " and ".join(report["widths"]),
            "violations": len(report["violations"]),
        }
    )


def _context(browser, base_url, client):
    context = browser.new_context(locale="sv-SE", viewport=WIDE)
    # The client's session, past the second factor, is the browser's (a host-only cookie).
    context.add_cookies(
        [
            {"name": name, "value": morsel.value, "url": base_url + "/"}
            for name, morsel in client.cookies.items()
        ]
    )
    return context.new_page()
