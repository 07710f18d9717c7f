"""In production the platform refuses to start without the chain's key and its anchor: a
development default there would make the trail's proof worthless."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "SAMVERKAN_DEBUG": "0",
    "SAMVERKAN_SECRET_KEY": "s" * 50,
    "SAMVERKAN_FIELD_KEY": "f" * 50,
    "SAMVERKAN_ALLOWED_HOSTS": "samverkan.region.se",
    "DATABASE_URL": "postgres://samverkan@db:5432/samverkan",
}


def start(**environment) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("SAMVERKAN_AUDIT")}
    return subprocess.run(
        [sys.executable, "-c", "import samverkan.settings"],
        cwd=ROOT,
        env={**clean, **PRODUCTION, **environment},
        capture_output=True,
        text=True,
    )


@pytest.mark.parametrize(
    ("given", "missing"),
    [
        ({}, "SAMVERKAN_AUDIT_KEY"),
        ({"SAMVERKAN_AUDIT_KEY": "k" * 50}, "SAMVERKAN_AUDIT_ANCHOR"),
    ],
)
def test_production_refuses_to_start_without_the_key_and_the_anchor(given, missing):
    started = start(**given)
    assert started.returncode != 0 and f"{missing} måste vara satt" in started.stderr


def test_production_starts_with_both():
    started = start(SAMVERKAN_AUDIT_KEY="k" * 50, SAMVERKAN_AUDIT_ANCHOR="/srv/ankare.json")
    assert started.returncode == 0, started.stderr
