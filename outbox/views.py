"""The county's mail not sent, for its coordinators: what failed, how often, why (the error's
kind), and "try again".

Who may see it is decided a floor above (accounts): the URLconf that includes these pages
passes the test as `may_manage` (outbox.urls.patterns), so that the outbox imports nothing
above it."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from agreements.models import County

from . import services
from .kinds import subject_of
from .models import Mail


def _county(request, county: str, may_manage) -> County:
    if not may_manage(request.user):
        raise PermissionDenied
    return get_object_or_404(County, slug=county)


@require_GET
def not_sent(request, county, *, may_manage):
    found = _county(request, county, may_manage)
    mails, count = services.not_sent(found)
    rows = [(mail, subject_of(mail.kind, mail.params)) for mail in mails]
    return render(
        request,
        "outbox/not_sent.html",
        {
            "county": found,
            "rows": rows,
            "count": count,
            "retryable": _retryable(),
            "max_attempts": services.MAX_ATTEMPTS,
        },
    )


def _retryable() -> set[str]:
    return {Mail.Status.QUEUED, Mail.Status.RETRYING, Mail.Status.FAILED}


@require_POST
def retry(request, county, pk, *, may_manage):
    found = _county(request, county, may_manage)
    mail = get_object_or_404(Mail, pk=pk, county=found)
    try:
        services.do_retry_mail(request.user, mail)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("The mail to %(to)s is being sent again. This list shows whether it went.")
            % {"to": mail.recipient},
        )
    return redirect("outbox:not_sent", found.slug)
