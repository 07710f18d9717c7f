"""Settings for the test suite: the development settings, whatever the shell has exported."""

import os

os.environ.setdefault("SAMVERKAN_DEBUG", "1")

from samverkan.settings import *  # noqa: E402, F403
