"""The register of governing documents of a county: /styrdokument/<county>/…; the public
documents need no login."""

from django.urls import path

from . import views

app_name = "governing"

urlpatterns = [
    path("<slug:county>/", views.documents, name="register"),
    path("<slug:county>/publika/", views.public_documents, name="public"),
    path("<slug:county>/nytt/", views.document_form, name="add"),
    path("<slug:county>/installningar/", views.settings_page, name="settings"),
    path("<slug:county>/<int:pk>/", views.document_form, name="change"),
    path("<slug:county>/<int:pk>/filer/<int:file_pk>/", views.document_file, name="file"),
]
