from django.urls import path

from . import emergency_views, history_views, mycases_views, views

app_name = "plans"

urlpatterns = [
    path("", views.worklist, name="worklist"),
    path("mina/", mycases_views.my_cases, name="mine"),
    path("nytt/", views.open_case, name="open"),
    path("lista/", views.cases, name="cases"),
    path("nodatkomst/", emergency_views.emergency_access, name="emergency"),
    path("<int:pk>/", views.case_detail, name="case"),
    path("<int:pk>/historik/", history_views.case_history_page, name="history"),
    path("<int:pk>/steg/", views.take_step, name="step"),
    path("<int:pk>/ingen-kallelse/", views.decide_not_to_call, name="no_call"),
    path("<int:pk>/avsluta/", views.close_case, name="close"),
    path("<int:pk>/samtycke/nytt/", views.new_consent, name="new_consent"),
    path(
        "<int:pk>/samtycke/<int:consent_pk>/aterkalla/",
        views.withdraw_consent,
        name="withdraw_consent",
    ),
    path("<int:pk>/plan/", views.edit_plan, name="edit_plan"),
    path("<int:pk>/plan/jamfor/", views.compare_plans, name="compare_plans"),
    path("<int:pk>/plan/<int:number>/", views.plan_version, name="plan"),
    path("<int:pk>/plan/<int:number>/pdf/", views.plan_pdf, name="plan_pdf"),
]
