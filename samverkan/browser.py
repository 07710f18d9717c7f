"""Browser tests' shared pieces: Debian's Chromium through Playwright, and axe for WCAG 2.1 AA.

Never a downloaded browser: the tests drive /usr/bin/chromium (the `chromium` package), which
`make test` installs. Used by the `browser` fixtures in the test suite's conftest.
"""

import os
import shutil

from axe_playwright_python.sync_playwright import Axe

CHROMIUM = os.environ.get("SAMVERKAN_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
PHONE = {"width": 375, "height": 812}


def chromium_path() -> str | None:
    return CHROMIUM if shutil.which(CHROMIUM) else None


def accessibility_violations(page) -> list[str]:
    """axe's WCAG 2.1 A/AA violations on the page, one readable line per failing element."""
    # A click that navigates returns before the new document exists; axe needs it loaded.
    page.wait_for_load_state("load")
    results = Axe().run(page, options=WCAG_21_AA)
    lines = []
    for violation in results.response["violations"]:
        for node in violation["nodes"]:
            lines.append(f"{violation['id']} ({violation['impact']}): {' '.join(node['target'])}")
    return lines


def horizontal_overflow(page) -> int:
    """How many pixels the page is wider than the viewport (0 when nothing scrolls sideways)."""
    return page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
