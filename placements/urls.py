from django.urls import path

from . import views

app_name = "placements"

urlpatterns = [
    path("arende/<int:case_pk>/ny/", views.new_placement, name="new"),
    path("<int:pk>/", views.change_placement, name="change"),
    path("<int:pk>/halsoundersokning/", views.request_examination, name="request_examination"),
    path(
        "<int:pk>/halsoundersokning/resultat/",
        views.record_examination,
        name="record_examination",
    ),
    path("<int:pk>/kostnadsfordelning/", views.cost_allocation, name="cost_allocation"),
    path("arende/<int:case_pk>/slutenvard/", views.new_admission, name="new_admission"),
    path("slutenvard/<int:pk>/", views.plan_discharge, name="plan_discharge"),
]
