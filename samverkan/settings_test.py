"""Settings for the test suite: the development settings, whatever the shell has exported."""

import os

os.environ.setdefault("SAMVERKAN_DEBUG", "1")

from samverkan.settings import *  # noqa: E402, F403

# Test databases come and go: their anchors must not land beside the demo's. The tests of the
# anchor name a file of their own.
SAMVERKAN_AUDIT_ANCHOR = ""
# Background work runs at once, inside the test, so that a test sees its outcome.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Every answer of an API operation is checked against its OpenAPI description
# (samverkan/contract.py).
MIDDLEWARE = ["samverkan.contract.OpenAPIContractMiddleware", *MIDDLEWARE]  # noqa: F405
# Argon2 spends a quarter of a second on a password by design, and the tests make and check
# thousands. The production hashers stay listed after it, and accounts/tests/test_login.py proves
# that production hashes with argon2.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]  # noqa: F405
