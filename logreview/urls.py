from django.urls import path

from . import views

# The names the pages had when they stood in audit, which links across the platform use.
app_name = "audit"

urlpatterns = [
    path("", views.log_review, name="review"),
    path("csv/", views.log_review_csv, name="review_csv"),
    path("nodatkomster/", views.emergency_waiting, name="emergency"),
    path("nodatkomster/<int:pk>/granska/", views.review_emergency, name="review_emergency"),
    path("registerutdrag/", views.individual_extract, name="extract"),
    path("registerutdrag/csv/", views.individual_extract_csv, name="extract_csv"),
]
