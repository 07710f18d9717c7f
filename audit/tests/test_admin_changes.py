"""Every addition, change and removal made in the admin site is an event of the audit trail,
with the object's type and id and the names of the fields changed, never their values."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import translation
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.two_factor import current_code
from audit.models import AuditEvent
from audit.services import verify

pytestmark = pytest.mark.django_db

PASSWORD = "Ett nytt hemligt lösenord 4711"


@pytest.fixture
def admin_client(client):
    """A superuser past the second factor, as the admin site requires."""
    user = get_user_model().objects.create_superuser("admin", password="x" * 16)
    client.force_login(user)
    device = TOTPDevice.objects.create(user=user, confirmed=True, name="app")
    assert client.post("/konto/tvafaktor/", {"code": current_code(device)}).status_code == 302
    client.user = user
    return client


def admin_events(code: str):
    return AuditEvent.objects.filter(code=code).order_by("id")


def test_an_addition_is_recorded(admin_client):
    response = admin_client.post("/admin/auth/group/add/", {"name": "Granskare"})
    assert response.status_code == 302
    group = Group.objects.get(name="Granskare")
    [event] = admin_events("admin.added")
    assert (event.object_type, event.object_id) == ("auth.group", str(group.pk))
    assert event.actor == admin_client.user and event.action == "create"
    assert verify().intact


def test_a_change_names_the_fields_in_the_readers_language(admin_client):
    group = Group.objects.create(name="Granskare")
    response = admin_client.post(f"/admin/auth/group/{group.pk}/change/", {"name": "Revisorer"})
    assert response.status_code == 302
    [event] = admin_events("admin.changed")
    assert event.params == {"model": "auth.group", "object_id": str(group.pk), "fields": ["name"]}
    with translation.override("sv"):
        assert event.text == f"Ändrade grupp {group.pk} i administrationen (fält: namn)"
    with translation.override("en"):
        assert event.text == f"Changed group {group.pk} in the admin site (fields: name)"


def test_a_removal_is_recorded(admin_client):
    group = Group.objects.create(name="Granskare")
    response = admin_client.post(f"/admin/auth/group/{group.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302 and not Group.objects.exists()
    [event] = admin_events("admin.deleted")
    assert event.object_id == str(group.pk) and event.action == "delete"


def test_a_removal_of_several_at_once_records_each(admin_client):
    groups = [Group.objects.create(name=name) for name in ("A", "B", "C")]
    response = admin_client.post(
        "/admin/auth/group/",
        {"action": "delete_selected", "_selected_action": [g.pk for g in groups], "post": "yes"},
    )
    assert response.status_code == 302 and not Group.objects.exists()
    assert [e.object_id for e in admin_events("admin.deleted")] == [str(g.pk) for g in groups]
    assert verify().intact


def test_a_password_set_in_the_admin_is_recorded_without_its_value(admin_client):
    user = get_user_model().objects.create_user("samordnare", password="x" * 16)
    response = admin_client.post(
        f"/admin/auth/user/{user.pk}/password/",
        {"password1": PASSWORD, "password2": PASSWORD, "usable_password": "true"},
    )
    assert response.status_code == 302
    [event] = admin_events("admin.changed")
    assert event.object_id == str(user.pk)
    stored = AuditEvent.objects.values_list("params", "changes", "summary", "reason")
    assert PASSWORD not in str(list(stored))
