from django.apps import AppConfig


class WorkdaysConfig(AppConfig):
    """Swedish working days and deadlines (lag 1930:173): the ground floor every app counts with."""

    name = "workdays"
