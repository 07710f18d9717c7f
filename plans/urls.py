from django.urls import path

from . import views

app_name = "plans"

urlpatterns = [
    path("", views.worklist, name="worklist"),
    path("nytt/", views.open_case, name="open"),
    path("<int:pk>/", views.case_detail, name="case"),
    path("<int:pk>/steg/", views.take_step, name="step"),
]
