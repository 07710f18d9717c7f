"""The matters of a county (samverkansärenden): /samverkansarenden/<county>/…"""

from django.urls import path

from . import views

app_name = "matters"

urlpatterns = [
    path("<slug:county>/", views.matters, name="matters"),
    path("<slug:county>/nytt/", views.raise_matter, name="raise"),
    path("<slug:county>/<int:pk>/", views.matter, name="matter"),
    path("<slug:county>/<int:pk>/bereds/", views.prepare, name="prepare"),
    path("<slug:county>/<int:pk>/hantera/", views.handle, name="handle"),
    path("<slug:county>/<int:pk>/eskalera/", views.escalate, name="escalate"),
    path("<slug:county>/<int:pk>/aterrapportera/", views.report, name="report"),
    path("<slug:county>/<int:pk>/beslut/<slug:principal>/", views.decide, name="decide"),
    path("<slug:county>/<int:pk>/revidering/", views.revision, name="revision"),
    path("<slug:county>/<int:pk>/bilagor/<int:file_pk>/", views.attachment, name="attachment"),
]
