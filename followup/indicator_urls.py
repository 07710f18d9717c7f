from django.urls import path

from . import views

urlpatterns = [
    # Before the county's page, whose slug would otherwise take the word.
    path("definitioner/", views.definitions, name="definitions"),
    path("<slug:county>/", views.county, name="indicators"),
    path("<slug:county>/grans-for-sma-tal/", views.set_threshold, name="threshold"),
]
