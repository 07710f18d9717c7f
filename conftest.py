"""Shared test set-up: the suite runs with development settings on SQLite or PostgreSQL."""

import os

os.environ.setdefault("SAMVERKAN_DEBUG", "1")
