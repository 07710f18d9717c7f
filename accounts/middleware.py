"""Sessions end after 30 idle minutes and after 12 hours in all, whatever the activity; answers
with personal data are never cached."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from .request_memo import request_scope

STARTED, SEEN = "samverkan_started", "samverkan_seen"
# The last activity is written at most once a minute, so that a request that changes nothing
# else leaves the session unsaved (no write to the database per page). It then lags by up to
# this much: the idle limit may end a session that much early, never late.
SEEN_EVERY_SECONDS = 60


class SessionLimitsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = time.time()
            started = request.session.setdefault(STARTED, now)
            seen = request.session.get(SEEN, now)
            if (
                now - seen > settings.SAMVERKAN_IDLE_SECONDS
                or now - started > settings.SAMVERKAN_SESSION_SECONDS
            ):
                logout(request)
                messages.info(request, _("You were logged out after a while without activity."))
            elif now - seen >= SEEN_EVERY_SECONDS or SEEN not in request.session:
                request.session[SEEN] = now
        with request_scope():
            return self.get_response(request)


# Pages under these prefixes carry cases and logs whoever asks: never kept by a browser or proxy.
PERSONAL_PREFIXES = ("/arenden/", "/logg/", "/api/cases", "/admin/")


class NoStoreMiddleware:
    """`Cache-Control: no-store` on every answer to a logged-in user and on every case and log
    page: a shared computer's back button or a proxy must not keep an individual's data."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if (user is not None and user.is_authenticated) or request.path.startswith(
            PERSONAL_PREFIXES
        ):
            add_never_cache_headers(response)
        return response
