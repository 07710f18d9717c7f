from django.urls import path

from . import views

app_name = "plans"

urlpatterns = [
    path("", views.worklist, name="worklist"),
    path("<int:pk>/", views.case_detail, name="case"),
]
