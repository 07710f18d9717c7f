"""Hypothesis over every form and filter of the pages, as a browser would submit them: each page is
fetched as the person who uses it, its <form> elements are read from the HTML (so a form added
to a page is fuzzed without a change here), and their fields are filled with what a person or
an attacker might type: any text (control characters, lone surrogates' replacement, thousands of
characters), days from year 1 to 9999 and days that do not exist, numbers beyond any key,
choices that are not offered. Besides the random draws, each field alone is sent the worst of its
kind while the rest of its form holds plausible values, so that the bad value gets as far as it
can. No answer may be a server error, nor the page a saved form leads to."""

import datetime
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.test import Client
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from .conftest import FUZZ_SETTINGS, verified

# The pages with forms, by who uses them; {opened}, {consented}, ...: the cases of `world` by the
# step they have reached, {consent}: the consent of the case whose meeting was held.
PAGES = [
    ("anonymous", "/"),
    ("anonymous", "/konto/logga-in/"),
    ("unverified", "/konto/tvafaktor/"),
    ("worker", "/arenden/lista/"),
    ("worker", "/arenden/nytt/"),
    ("worker", "/arenden/nodatkomst/"),
    ("worker", "/arenden/{opened}/"),
    ("worker", "/arenden/{consented}/"),
    ("worker", "/arenden/{consented}/ingen-kallelse/"),
    ("worker", "/arenden/{called}/"),
    ("worker", "/arenden/{notified}/"),
    ("worker", "/arenden/{met}/plan/"),
    ("worker", "/arenden/{met}/avsluta/"),
    ("worker", "/arenden/{met}/samtycke/{consent}/aterkalla/"),
    ("worker", "/arenden/{drafted}/plan/"),
    ("worker", "/arenden/{drafted}/plan/1/"),
    ("coordinator", "/norrbotten/efterlevnad/"),
    ("coordinator", "/norrbotten/organ/lansstyrgrupp/ledamoter/ny/"),
    ("coordinator", "/norrbotten/organ/lansstyrgrupp/uppdrag/"),
    ("auditor", "/logg/"),
    ("auditor", "/logg/registerutdrag/"),
]
# Pages that read numbers from their address (a page of a list, versions to compare): input too.
QUERIES = [
    ("worker", "/arenden/", ("sida",)),
    ("worker", "/arenden/mina/", ("sida",)),
    ("worker", "/arenden/lista/", ("sida",)),
    ("worker", "/arenden/{drafted}/historik/", ("sida",)),
    ("worker", "/arenden/{drafted}/plan/jamfor/", ("fran", "till")),
    ("anonymous", "/norrbotten/dokument/lansstyrgrupp/jamfor/", ("from", "to")),
    ("auditor", "/logg/", ("page",)),
    ("auditor", "/logg/csv/", ("page",)),
]
LANGUAGE_SWITCH = "/i18n/setlang/"


@dataclass
class Field:
    name: str
    kind: str  # an <input> type, "textarea" or "select"
    value: str = ""
    options: list[str] = field(default_factory=list)


@dataclass
class Form:
    method: str
    action: str
    fields: dict[str, Field] = field(default_factory=dict)


class _Forms(HTMLParser):
    """The forms of a page with their fields, default values and offered choices."""

    def __init__(self, url: str):
        super().__init__()
        self.url, self.forms, self._select = url, [], None

    def handle_starttag(self, tag, attrs):
        attrs = {key: value or "" for key, value in attrs}
        if tag == "form":
            action = urljoin(self.url, attrs.get("action") or self.url)
            self.forms.append(Form(attrs.get("method", "get").lower(), action))
            return
        if not self.forms or "name" not in attrs or tag not in ("input", "textarea", "select"):
            if tag == "option" and self._select is not None:
                self._select.options.append(attrs.get("value", ""))
            return
        kind = attrs.get("type", "text") if tag == "input" else tag
        if kind in ("submit", "button", "reset", "file", "image"):
            return
        fields = self.forms[-1].fields
        found = fields.setdefault(attrs["name"], Field(attrs["name"], kind, attrs.get("value", "")))
        if kind in ("checkbox", "radio"):
            found.options.append(attrs.get("value", "on"))
        if tag == "select":
            self._select = found

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None


def _forms(html: str, url: str) -> list[Form]:
    parser = _Forms(url)
    parser.feed(html)
    # The language switch of every page's menu is fuzzed on the start page only.
    return [
        f
        for f in parser.forms
        if f.fields
        and not f.action.endswith("/logga-ut/")
        and (url.endswith("testserver/") or not f.action.endswith(LANGUAGE_SWITCH))
    ]


texts = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(max_codepoint=0x1F), max_size=5),
    st.sampled_from(["x" * 20_000, "Å" * 301, "\x00", "a\r\nb", "<script>", "'; --"]),
)
days = st.one_of(
    st.dates(datetime.date(1, 1, 1), datetime.date(9999, 12, 31)).map(datetime.date.isoformat),
    st.sampled_from(["2026-02-30", "9999-12-31", "0001-01-01", "10000-01-01", "2026-13-01"]),
    texts,
)
numbers = st.one_of(st.integers(-(2**70), 2**70).map(str), texts)


def _value(field: Field) -> st.SearchStrategy:
    """What a field may be sent: its own value, a plausible one, or anything."""
    if field.kind == "hidden" and field.name == "csrfmiddlewaretoken":
        return st.just(field.value)
    if field.kind == "date":
        fuzz = days
    elif field.kind == "number" or field.name in ("version", "based_on", "page"):
        fuzz = numbers
    elif field.options:
        offered = st.sampled_from(field.options)
        if field.kind == "checkbox":
            return st.lists(st.one_of(offered, texts), max_size=4)
        fuzz = st.one_of(offered, offered, texts)
    else:
        fuzz = texts
    plausible = _plausible(field)
    if plausible is None:
        return st.one_of(st.just(field.value), fuzz)
    return st.one_of(st.just(field.value), st.just(plausible), fuzz)


def _submission(form: Form) -> st.SearchStrategy:
    return st.fixed_dictionaries(
        {},
        optional={name: _value(f) for name, f in form.fields.items()},
    )


# The worst a field may be sent, by kind, each tried alone while the rest of the form is plausible.
WORST = {
    "text": ["x" * 20_000, "Å" * 1001, "a\x00b", "rad\x0cbrytning"],
    "date": ["9999-12-31", "0001-01-01", "2250-06-01", "2026-02-30"],
    "number": [str(2**70), "-1"],
}
DAY_NAMES = ("_on", "starts", "ends", "date_from", "date_to")


def _kind(field: Field) -> str:
    if field.kind == "date" or field.name.endswith(DAY_NAMES):
        return "date"
    if field.kind == "number" or field.name in ("version", "based_on", "case"):
        return "number"
    return "text"


def _plausible(field: Field) -> str | list[str] | None:
    """A value the field takes when nothing is wrong with it, so that the one bad value of a
    submission gets as far as it can (past the form, into the action and the database)."""
    if field.name.endswith("DELETE"):
        return None
    if field.value:
        return field.value
    offered = [option for option in field.options if option]
    if offered:
        return offered[:1] if field.kind == "checkbox" else offered[0]
    if _kind(field) == "date":
        return timezone.localdate().isoformat()
    if _kind(field) == "number":
        return "1"
    if field.name == "identity_number":
        return "20150909-1003"
    return "anna@example.se" if "email" in field.name else "Anna Andersson"


def _url(page: str, world) -> str:
    cases = {name: case.pk for name, case in world["cases"].items()}
    return page.format(**cases, consent=world["cases"]["met"].consents.get().pk)


@pytest.fixture
def clients(world):
    found = {"anonymous": Client(), "unverified": Client()}
    found["unverified"].force_login(world["worker"])
    for role in ("worker", "coordinator", "auditor"):
        found[role] = Client()
        verified(found[role], world[role])
    return found


@pytest.mark.parametrize(("role", "page"), PAGES, ids=[f"{r}:{p}" for r, p in PAGES])
def test_no_form_input_is_a_server_error(world, clients, role, page):
    url = _url(page, world)
    client = clients[role]
    shown = client.get(url)
    assert shown.status_code == 200, url
    forms = _forms(shown.content.decode(), f"http://testserver{url}")
    assert forms, f"{url} shows no form"

    @settings(FUZZ_SETTINGS, max_examples=FUZZ_SETTINGS.max_examples * len(forms))
    @given(data=st.data())
    def submit(data):
        form = data.draw(st.sampled_from(forms))
        values = data.draw(_submission(form))
        path = urlsplit(form.action).path
        # Followed to the page a saved form leads to: what was stored must show there too.
        if form.method == "post":
            response = client.post(path, values, follow=True)
        else:
            response = client.get(path, values)
        assert response.status_code < 500, (form.method, path, values)

    submit()


@pytest.mark.parametrize(
    ("role", "page", "names"), QUERIES, ids=[f"{r}:{p}" for r, p, _names in QUERIES]
)
def test_no_number_in_an_address_is_a_server_error(world, clients, role, page, names):
    client, url = clients[role], _url(page, world)

    @FUZZ_SETTINGS
    @given(query=st.fixed_dictionaries({}, optional=dict.fromkeys(names, numbers)))
    def visit(query):
        assert client.get(url, query).status_code < 500, (url, query)

    visit()


@pytest.mark.parametrize(("role", "page"), PAGES, ids=[f"{r}:{p}" for r, p in PAGES])
def test_no_field_at_its_worst_is_a_server_error(world, clients, role, page):
    """Each field alone sent the worst of its kind (far too long, NUL, a control character,
    year 9999, a number beyond any key) while the rest of its form is plausible."""
    url = _url(page, world)
    client = clients[role]
    for form in _forms(client.get(url).content.decode(), f"http://testserver{url}"):
        path = urlsplit(form.action).path
        plausible = {name: _plausible(f) for name, f in form.fields.items()}
        for name, one in form.fields.items():
            if name == "csrfmiddlewaretoken":
                continue
            for worst in WORST[_kind(one)]:
                values = {k: v for k, v in {**plausible, name: worst}.items() if v is not None}
                if form.method == "post":
                    response = client.post(path, values, follow=True)
                else:
                    response = client.get(path, values)
                assert response.status_code < 500, (form.method, path, name, worst[:20])
