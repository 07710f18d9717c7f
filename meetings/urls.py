"""The meetings' pages: each body's year (year_views), each meeting with its notice, agenda,
attendance and minutes (views), and the calendar feeds (feeds)."""

from . import feeds, views, year_views

app_name = "meetings"

urlpatterns = [*year_views.urlpatterns, *views.urlpatterns, *feeds.urlpatterns]
