from django.urls import path

from . import goal_views

urlpatterns = [
    path("<slug:county>/", goal_views.goals, name="goals"),
    path("<slug:county>/enkat/", goal_views.open_survey, name="survey_open"),
    path("<slug:county>/enkat/<int:year>/", goal_views.answer, name="survey_answer"),
]
