"""The error pages speak Swedish in the platform's layout and name no case or person; the
500 page renders without a request, context processors or the database."""

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.template import loader
from django.test import Client, override_settings
from django.urls import path

from samverkan.urls import urlpatterns as site_urls


def refused(request):
    raise PermissionDenied


def broken(request):
    raise SuspiciousOperation("bad input")


urlpatterns = [path("nekad/", refused), path("trasig/", broken), *site_urls]
pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]


def test_a_missing_page(client):
    response = client.get("/finns-inte-123/")
    html = response.content.decode()
    assert response.status_code == 404
    assert 'lang="sv"' in html and "Det finns inget här som du kan se" in html
    assert "Till din startsida" in html and "finns-inte-123" not in html


def test_a_refusal(client):
    response = client.get("/nekad/")
    assert (
        response.status_code == 403
        and "Din roll tillåter inte det här" in response.content.decode()
    )


def test_a_request_that_cannot_be_read(client):
    response = client.get("/trasig/")
    assert response.status_code == 400
    assert "Begäran gick inte att läsa" in response.content.decode()


def test_an_expired_form():
    response = Client(enforce_csrf_checks=True).post(
        "/konto/logga-in/", {"username": "x", "password": "y"}
    )
    assert response.status_code == 403
    assert "Formuläret hade gått ut" in response.content.decode()


@override_settings(TEMPLATES=[{**settings.TEMPLATES[0], "OPTIONS": {"context_processors": []}}])
def test_the_server_error_page_needs_nothing(django_assert_num_queries):
    with django_assert_num_queries(0):
        html = loader.get_template("500.html").render()
    assert "Något gick fel hos oss" in html and 'class="site-header"' in html
    assert "Logga ut" not in html
