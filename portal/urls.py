from django.urls import path

from . import oidc, views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("logga-in/", views.login, name="login"),
    path("logga-in/demo/", views.demo_login, name="demo_login"),
    path("logga-in/bankid/", oidc.login_start, name="oidc_start"),
    path("logga-in/bankid/svar/", oidc.PortalLoginCallback.as_view(), name="oidc_callback"),
    path("logga-ut/", views.logout, name="logout"),
    path("arende/<int:pk>/", views.case, name="case"),
    path("arende/<int:pk>/plan/<int:number>/", views.plan, name="plan"),
    path("arende/<int:pk>/plan/<int:number>/pdf/", views.plan_pdf, name="plan_pdf"),
    path(
        "arende/<int:pk>/samtycke/<int:consent_pk>/aterkalla/",
        views.withdraw,
        name="withdraw",
    ),
    path("arende/<int:pk>/logg/", views.log, name="log"),
]
