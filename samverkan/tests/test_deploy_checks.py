"""`manage.py check --deploy` refuses an unsafe production start and says what to set: debug
on, weak or shared keys, no or any host, SQLite unless allowed, plain HTTP addresses, mail that
never leaves. A safe production environment passes with no error."""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from samverkan import checks

ROOT = Path(__file__).resolve().parents[2]
SAFE = {
    "SAMVERKAN_SECRET_KEY": "s3cr3t-" + "k" * 40 + "XYZ",
    "SAMVERKAN_FIELD_KEY": "f1eld-" + "q" * 40 + "ABCD",
    "SAMVERKAN_AUDIT_KEY": "aud1t-" + "w" * 40 + "EFGH",
    "SAMVERKAN_AUDIT_ANCHOR": "/tmp/samverkan-test-anchor.json",
    "SAMVERKAN_ALLOWED_HOSTS": "samverkan.region.se",
    "DATABASE_URL": "postgres://samverkan@db.invalid/samverkan",
}


# The tests' own environment, which a production start never has: the database the suite
# chose, and Django's async guard that conftest.py lifts for the browser tests.
TEST_ONLY = {"DATABASE_URL", "TEST_DATABASE_NAME", "DJANGO_ALLOW_ASYNC_UNSAFE"}


def outside_the_tests() -> dict[str, str]:
    """The process environment without the platform's settings and the tests' own variables."""
    return {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("SAMVERKAN_") and key not in TEST_ONLY
    }


def check_deploy(**environment) -> subprocess.CompletedProcess:
    """`manage.py check --deploy` as the production start runs it, on these settings alone."""
    env = outside_the_tests()
    env.update(DJANGO_SETTINGS_MODULE="samverkan.settings", **environment)
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "ERROR"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


def test_a_safe_production_environment_passes():
    started = check_deploy(**SAFE)
    assert started.returncode == 0, started.stderr
    assert "samverkan.E" not in started.stderr + started.stdout


@pytest.mark.parametrize(
    ("change", "code", "words"),
    [
        ({"SAMVERKAN_SECRET_KEY": "kort-nyckel"}, "samverkan.E002", "SAMVERKAN_SECRET_KEY"),
        ({"SAMVERKAN_FIELD_KEY": "a" * 60}, "samverkan.E002", "SAMVERKAN_FIELD_KEY"),
        (
            {"SAMVERKAN_AUDIT_KEY": "insecure-development-audit-key-only-for-the-local-demo"},
            "samverkan.E002",
            "SAMVERKAN_AUDIT_KEY",
        ),
        ({"SAMVERKAN_AUDIT_KEY": SAFE["SAMVERKAN_FIELD_KEY"]}, "samverkan.E003", "lika"),
        ({"SAMVERKAN_ALLOWED_HOSTS": "*"}, "samverkan.E004", "SAMVERKAN_ALLOWED_HOSTS"),
        ({"DATABASE_URL": "sqlite:////tmp/samverkan-check.sqlite3"}, "samverkan.E005", "SQLite"),
        ({"SAMVERKAN_SITE_URL": "http://samverkan.region.se"}, "samverkan.E007", "https"),
        ({"SAMVERKAN_ALLOWED_HOSTS": ".region.se"}, "samverkan.E007", "SAMVERKAN_SITE_URL"),
        (
            {"SAMVERKAN_CSRF_TRUSTED_ORIGINS": "http://samverkan.region.se"},
            "samverkan.E007",
            "SAMVERKAN_CSRF_TRUSTED_ORIGINS",
        ),
        (
            {"SAMVERKAN_EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"},
            "samverkan.E008",
            "E-post skickas inte",
        ),
    ],
)
def test_an_unsafe_setting_is_refused_with_its_name_and_what_to_do(change, code, words):
    started = check_deploy(**{**SAFE, **change})
    assert started.returncode != 0
    assert code in started.stderr and words in started.stderr, started.stderr


def test_sqlite_passes_only_when_explicitly_allowed():
    sqlite = {**SAFE, "DATABASE_URL": "sqlite:////tmp/samverkan-check.sqlite3"}
    started = check_deploy(**sqlite, SAMVERKAN_ALLOW_SQLITE="1")
    assert started.returncode == 0, started.stderr


def test_debug_is_refused_in_a_deployment(settings):
    settings.DEBUG = True
    assert [error.id for error in checks.debug_off(None)] == ["samverkan.E001"]


def test_cookies_and_hsts_off_are_each_named(settings):
    settings.SESSION_COOKIE_SECURE = False
    settings.SECURE_HSTS_SECONDS = 0
    settings.CSRF_COOKIE_SECURE = True
    settings.SAMVERKAN_SITE_URL = "https://samverkan.region.se"
    settings.CSRF_TRUSTED_ORIGINS = []
    errors = checks.https_only(None)
    assert [error.id for error in errors] == ["samverkan.E006", "samverkan.E006"]
    assert "SESSION_COOKIE_SECURE" in errors[0].msg and "SECURE_HSTS_SECONDS" in errors[1].msg


def serve(tmp_path, **environment) -> subprocess.Popen:
    """The production server as deploy/gunicorn.conf.py starts it, on a free port."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = outside_the_tests()
    env.update(
        DJANGO_SETTINGS_MODULE="samverkan.settings",
        SAMVERKAN_BIND=f"127.0.0.1:{port}",
        SAMVERKAN_WORKERS="1",
        **environment,
    )
    server = subprocess.Popen(
        [str(Path(sys.executable).with_name("gunicorn")), "-c", "deploy/gunicorn.conf.py"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    server.port = port
    return server


def test_the_production_server_refuses_to_start_on_unsafe_settings(tmp_path):
    server = serve(tmp_path, **{**SAFE, "SAMVERKAN_SECRET_KEY": "kort"})
    _, errors = server.communicate(timeout=60)
    assert server.returncode == 1
    assert "samverkan.E002" in errors and "SAMVERKAN_SECRET_KEY" in errors
    assert "Traceback" not in errors


def test_the_production_server_answers_the_monitor_over_plain_http(tmp_path):
    database = tmp_path / "tom.sqlite3"
    server = serve(
        tmp_path,
        **{
            **SAFE,
            "SAMVERKAN_ALLOWED_HOSTS": "127.0.0.1",
            "DATABASE_URL": f"sqlite:///{database}",
            "SAMVERKAN_ALLOW_SQLITE": "1",
            "SAMVERKAN_AUDIT_ANCHOR": str(tmp_path / "ankare.json"),
        },
    )
    try:
        status = body = None
        for _ in range(240):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{server.port}/halsa/") as reply:
                    status, body = reply.status, reply.read()
            except urllib.error.HTTPError as answered:
                status, body = answered.code, answered.read()
            except OSError:
                time.sleep(0.25)
                continue
            break
        # An empty database: the server runs, the database answers, nothing is migrated.
        assert status == 503
        checks = json.loads(body)["checks"]
        assert checks["database"]["ok"] and not checks["migrations"]["ok"]
    finally:
        server.terminate()
        server.communicate(timeout=30)
