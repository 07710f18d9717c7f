"""Fixtures shared by the apps' test suites: the browser for the tests marked `browser`."""

import os

import pytest

from samverkan.browser import CHROMIUM_ARGS, chromium_path


@pytest.fixture(scope="session")
def browser():
    path = chromium_path()
    if path is None:
        pytest.fail(
            "Debian's chromium is missing: make test installs it (apt-get install chromium)"
        )
    # Playwright's sync API runs an event loop in this thread; Django's ORM calls from the test
    # itself are still synchronous and safe.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="sv-SE")
    opened = context.new_page()
    yield opened
    context.close()


def pytest_terminal_summary(terminalreporter):
    """How much of the OpenAPI description the run's API answers reached (samverkan/contract.py)."""
    from samverkan.contract import declared, exercised

    if exercised:
        reached = set(exercised) & declared()
        operations = {(method, path) for method, path, _status in declared()}
        terminalreporter.write_line(
            f"OpenAPI contract: {sum(exercised.values())} answers checked; "
            f"{len({(m, p) for m, p, _s in reached})} of {len(operations)} operations and "
            f"{len(reached)} of {len(declared())} declared statuses exercised"
        )
