"""Settings read from the environment: a variable set but empty counts as unset, and the site's
address for the links in mail."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHOW = (
    "import django; django.setup(); from django.conf import settings; "
    "print(settings.DATABASES['default']['ENGINE']); print(settings.SAMVERKAN_SITE_URL)"
)


def start(**environment) -> subprocess.CompletedProcess:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("SAMVERKAN_") and key != "DATABASE_URL"
    }
    env.update(DJANGO_SETTINGS_MODULE="samverkan.settings", **environment)
    return subprocess.run(
        [sys.executable, "-c", SHOW], env=env, cwd=ROOT, capture_output=True, text=True, check=False
    )


def test_an_empty_database_url_is_the_demos_sqlite(tmp_path):
    started = start(SAMVERKAN_DEBUG="1", SAMVERKAN_VAR_DIR=str(tmp_path), DATABASE_URL="")
    assert started.returncode == 0, started.stderr
    assert started.stdout.splitlines() == ["django.db.backends.sqlite3", "http://127.0.0.1:8000"]


def test_an_empty_database_url_in_production_is_refused_with_the_reason():
    started = start(
        SAMVERKAN_DEBUG="0",
        SAMVERKAN_SECRET_KEY="s" * 50,
        SAMVERKAN_FIELD_KEY="f" * 50,
        SAMVERKAN_AUDIT_KEY="a" * 50,
        SAMVERKAN_AUDIT_ANCHOR="/tmp/samverkan-test-anchor.json",
        SAMVERKAN_ALLOWED_HOSTS="samverkan.region.se",
        DATABASE_URL="  ",
    )
    assert started.returncode != 0 and "DATABASE_URL måste vara satt" in started.stderr


def test_the_site_address_comes_from_the_environment_or_the_first_allowed_host():
    production = {
        "SAMVERKAN_DEBUG": "0",
        "SAMVERKAN_SECRET_KEY": "s" * 50,
        "SAMVERKAN_FIELD_KEY": "f" * 50,
        "SAMVERKAN_AUDIT_KEY": "a" * 50,
        "SAMVERKAN_AUDIT_ANCHOR": "/tmp/samverkan-test-anchor.json",
        "SAMVERKAN_ALLOWED_HOSTS": "samverkan.region.se,intern.region.se",
        "DATABASE_URL": "postgres://samverkan@db/samverkan",
    }
    started = start(**production)
    assert started.stdout.splitlines()[-1] == "https://samverkan.region.se", started.stderr
    given = start(**production, SAMVERKAN_SITE_URL="https://samverkan.example.se/")
    assert given.stdout.splitlines()[-1] == "https://samverkan.example.se"
