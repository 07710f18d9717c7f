"""The staff's page for the guardians' logins, under the cases' prefix (never cached, as every
case page)."""

from django.urls import path

from . import staff_views

app_name = "portal_staff"
urlpatterns = [
    path("<int:pk>/mina-sidor/", staff_views.guardians, name="guardians"),
    path(
        "<int:pk>/mina-sidor/aterkallat/<int:notice_pk>/",
        staff_views.note_withdrawal,
        name="note_withdrawal",
    ),
]
