"""The load of `make bench` (bench/bench_load.py): the people who use the platform on a working
day, each logged in past the second factor, reading the pages of their role with a person's
pause between them.

bench_load.py writes the people and what they may open to the file in SAMVERKAN_LOAD_PEOPLE:
a session per person and, for case workers, the cases they see; for secretaries, the years and
meetings of the bodies they keep. Each simulated user takes the next person of its role, so that
no two share a session. Only reads: a redirect (to the login or the second factor) or any status
but 200 counts as a failure.
"""

import itertools
import json
import os
import random

from locust import between, task
from locust.contrib.fasthttp import FastHttpUser

PEOPLE = json.loads(open(os.environ["SAMVERKAN_LOAD_PEOPLE"], encoding="utf-8").read())
COUNTY = PEOPLE["county"]
YEAR = PEOPLE["year"]
MEETINGS = PEOPLE["meetings"]
# What a person reads before the next click: most pages are read, not glanced at.
THINK_SECONDS = (
    float(os.environ.get("SAMVERKAN_LOAD_THINK_MIN", "5")),
    float(os.environ.get("SAMVERKAN_LOAD_THINK_MAX", "15")),
)
NEXT_PERSON = {role: itertools.cycle(people) for role, people in PEOPLE["roles"].items()}


class Person(FastHttpUser):
    abstract = True
    role = ""
    wait_time = between(*THINK_SECONDS)

    def on_start(self):
        self.person = next(NEXT_PERSON[self.role])
        self.headers = {"Cookie": f"sessionid={self.person['session']}"}

    def read(self, url: str, name: str) -> None:
        with self.client.get(
            url, name=name, headers=self.headers, allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code} for {name}")


class Worker(Person):
    """A case worker: the worklist, their cases, a case, the inbox and the cases' API."""

    role = "workers"
    fixed_count = int(os.environ.get("SAMVERKAN_LOAD_WORKERS", "210"))

    @task(4)
    def worklist(self):
        self.read("/arenden/", "worklist")

    @task(2)
    def my_cases(self):
        self.read("/arenden/mina/", "my cases")

    @task(4)
    def case_page(self):
        if self.person["cases"]:
            self.read(f"/arenden/{random.choice(self.person['cases'])}/", "case page")

    @task(1)
    def inbox(self):
        self.read("/inkorg/", "inbox")

    @task(1)
    def cases_api(self):
        if self.person["cases"]:
            self.read(f"/api/cases/{random.choice(self.person['cases'])}", "API case")


class Coordinator(Person):
    """A collaboration coordinator: the county's compliance, its meetings, the structure."""

    role = "coordinators"
    fixed_count = int(os.environ.get("SAMVERKAN_LOAD_COORDINATORS", "40"))

    @task(2)
    def compliance(self):
        self.read(f"/{COUNTY}/efterlevnad/", "compliance")

    @task(2)
    def meetings_year(self):
        self.read(f"/moten/{COUNTY}/{YEAR}/", "meetings of the year")

    @task(2)
    def meeting(self):
        self.read(f"/moten/{COUNTY}/moten/{random.choice(MEETINGS)}/", "meeting")

    @task(1)
    def county(self):
        self.read(f"/{COUNTY}/", "county")

    @task(1)
    def compliance_api(self):
        self.read(f"/api/counties/{COUNTY}/compliance", "API compliance")


class Secretary(Person):
    """A body's secretary: the years and meetings of the bodies they keep."""

    role = "secretaries"
    fixed_count = int(os.environ.get("SAMVERKAN_LOAD_SECRETARIES", "25"))

    @task(2)
    def body_year(self):
        self.read(f"/moten/{COUNTY}/{random.choice(self.person['body_years'])}", "body's year")

    @task(3)
    def meeting(self):
        self.read(f"/moten/{COUNTY}/moten/{random.choice(self.person['meetings'])}/", "meeting")

    @task(1)
    def meeting_api(self):
        self.read(f"/api/meetings/{COUNTY}/{random.choice(self.person['meetings'])}", "API meeting")


class Auditor(Person):
    """An auditor: the log review and the county's compliance."""

    role = "auditors"
    fixed_count = int(os.environ.get("SAMVERKAN_LOAD_AUDITORS", "25"))

    @task(3)
    def log_review(self):
        self.read("/logg/", "log review")

    @task(1)
    def compliance(self):
        self.read(f"/{COUNTY}/efterlevnad/", "compliance")
