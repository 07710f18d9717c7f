"""Deviation reports: /avvikelser/…"""

from django.urls import path

from . import views

app_name = "deviations"

urlpatterns = [
    path("rapport/<int:pk>/", views.deviation, name="deviation"),
    path("rapport/<int:pk>/utredning/", views.investigation, name="investigation"),
    path("rapport/<int:pk>/<slug:name>/", views.step, name="step"),
    path("<slug:county>/", views.county_list, name="list"),
    path("<slug:county>/ny/", views.report, name="report"),
    path("<slug:county>/overlamna/<slug:a>/<slug:b>/", views.hand_over, name="hand_over"),
]
