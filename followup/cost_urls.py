from django.urls import path

from . import cost_views

urlpatterns = [
    path("<slug:county>/", cost_views.this_year, name="costs_now"),
    path("<slug:county>/<int:year>/", cost_views.county_statement, name="costs"),
    path("<slug:county>/<int:year>/kostnader.csv", cost_views.statement_csv, name="costs_csv"),
    path("<slug:county>/<int:year>/<slug:party>/", cost_views.party_statement, name="costs_party"),
]
