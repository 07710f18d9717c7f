from django.urls import path

from . import views

app_name = "structure"

urlpatterns = [
    path("", views.home, name="home"),
    path("<slug:county>/", views.county, name="county"),
    path("<slug:county>/organ/<slug:body>/", views.body, name="body"),
    path("<slug:county>/lansdelar/", views.areas, name="areas"),
    path("<slug:county>/efterlevnad/", views.compliance, name="compliance"),
    path("<slug:county>/organ/<slug:body>/ledamoter/", views.members, name="members"),
    path("<slug:county>/organ/<slug:body>/uppdrag/", views.offices, name="offices"),
    path(
        "<slug:county>/organ/<slug:body>/ledamoter/ny/",
        views.appointment_form,
        name="appoint",
    ),
    path(
        "<slug:county>/organ/<slug:body>/ledamoter/<int:pk>/",
        views.appointment_form,
        name="appointment",
    ),
    path(
        "<slug:county>/organ/<slug:body>/efterlevnad/",
        views.compliance,
        name="body_compliance",
    ),
    path("<slug:county>/schema/", views.diagram, name="diagram"),
    path("<slug:county>/schema.svg", views.diagram_svg, name="diagram_svg"),
    path("<slug:county>/dokument/", views.documents, name="documents"),
    path("<slug:county>/dokument/<slug:document_id>/jamfor/", views.compare, name="compare"),
    path(
        "<slug:county>/dokument/<slug:document_id>/<int:version>/", views.document, name="document"
    ),
]
