"""The inbox page and the reminder settings page. The inbox names no individual; the case
numbers it shows are logged as one read, as on the start page (plans.mycases_views)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts.two_factor import verified_required
from audit.services import record
from plans import events as plan_events
from plans.access import organisation_of
from structure.actions import ConflictError

from .actions import do_set_reminder_frequency
from .forms import ReminderSettingsForm
from .models import ReminderSettings
from .queries import frequency_of, inbox_for, waiting_count


@login_required
@verified_required
@require_GET
def inbox(request):
    today = timezone.localdate()
    found = inbox_for(request.user, today)
    cases = sorted({item.case_id for item in found.items if item.case_id is not None})
    if cases:
        record(
            request.user,
            plan_events.CASES_LISTED,
            organisation_of(request.user),
            changes={"cases": cases},
        )
    return render(
        request,
        "inbox/inbox.html",
        {
            "inbox": found,
            "rows": [(item, item.overdue(today)) for item in found.items],
            "overdue": len(found.overdue),
            "today": today,
            "frequency": ReminderSettings.Frequency(frequency_of(request.user)).label,
        },
    )


@login_required
@verified_required
@require_GET
def count(request):
    """The start pages' count of what waits, loaded after the page (inbox/_count.html) so that a
    start page costs nothing of the inbox; it names no case, so it is not a read of one."""
    return render(request, "inbox/_count_loaded.html", {"n": waiting_count(request.user)})


@login_required
@verified_required
@require_http_methods(["GET", "POST"])
def reminder_settings(request):
    current = ReminderSettings.objects.filter(user=request.user).first()
    initial = {
        "frequency": current.frequency if current else frequency_of(request.user),
        "version": current.version if current else "",
    }
    posted = request.method == "POST"
    form = ReminderSettingsForm(request.POST if posted else None, initial=initial)
    if posted and form.is_valid():
        try:
            do_set_reminder_frequency(
                request.user,
                form.cleaned_data["frequency"],
                expected_version=form.cleaned_data["version"],
            )
        except ConflictError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Your choice is saved."))
            return redirect("inbox:inbox")
    return render(request, "inbox/settings.html", {"form": form})
