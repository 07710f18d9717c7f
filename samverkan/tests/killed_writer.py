"""A process that writes cases until it is killed: run by test_killed_write, never collected.

argv: the first serial, the number of cases, and "pause" to stop inside the first action's
transaction, after its rows and its audit event are written and before the commit, saying so on
stdout, so that the test kills it at exactly that point."""

import os
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samverkan.settings_test")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402

from audit import services  # noqa: E402
from plans.services import do_open_case  # noqa: E402
from samverkan.tests.builders import identity  # noqa: E402
from structure.models import Organisation  # noqa: E402

first, count, mode = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
actor = get_user_model().objects.get(username="rektor")
school = Organisation.objects.get(key="lulea-barn-och-utbildning")

if mode == "pause":
    record = services.record

    def record_then_wait(*args, **kwargs):
        event = record(*args, **kwargs)
        print("inside", flush=True)
        time.sleep(120)
        return event

    services.record = record_then_wait
    sys.modules["plans.services"].record = record_then_wait

for serial in range(first, first + count):
    do_open_case(
        actor,
        organisation=school,
        identity_number=identity(serial),
        name="Elsa Lantto",
        concern="Oro i skolan.",
        guardians=("Maria Lantto",),
    )
    print("opened", serial, flush=True)
