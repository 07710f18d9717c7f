from django.urls import path

from . import report_views

urlpatterns = [
    path("<slug:county>/<int:year>/", report_views.page, name="annual_report"),
    path("<slug:county>/<int:year>/pdf/", report_views.pdf, name="annual_report_pdf"),
    path(
        "<slug:county>/<int:year>/diagram/<slug:chart>.csv",
        report_views.chart_csv,
        name="annual_report_chart",
    ),
]
