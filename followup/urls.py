from django.urls import include, path

app_name = "followup"

# One module of routes per part of follow-up, so that each part owns its pages.
urlpatterns = [
    # Before the indicators' county pages, whose slug would otherwise take the word.
    path("oppna-data/", include("followup.opendata_urls")),
    path("", include("followup.indicator_urls")),
    path("effektmal/", include("followup.goal_urls")),
    path("arsrapport/", include("followup.report_urls")),
    path("kostnader/", include("followup.cost_urls")),
]
