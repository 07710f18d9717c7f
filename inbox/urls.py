from django.urls import path

from . import views

app_name = "inbox"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("paminnelser/", views.reminder_settings, name="settings"),
    path("antal/", views.count, name="count"),
]
