"""Sessions end after 30 idle minutes and after 12 hours in all, whatever the activity."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.utils.translation import gettext as _

STARTED, SEEN = "samverkan_started", "samverkan_seen"


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
            else:
                request.session[SEEN] = now
        return self.get_response(request)
