"""Disputes on responsibility and cost: /oenighet/…"""

from django.urls import path

from . import views

app_name = "disputes"

urlpatterns = [
    path("arende/<int:case_pk>/ny/", views.raise_dispute, name="raise"),
    path("<int:pk>/", views.dispute, name="dispute"),
    path("<int:pk>/eskalera/", views.escalate, name="escalate"),
    path("<int:pk>/avgor/", views.resolve, name="resolve"),
]
