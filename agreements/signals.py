"""Signals of the agreements app, for the apps that build on a loaded agreement."""

from django.dispatch import Signal

# Sent after a county's documents are loaded, with `county` (the slug).
county_loaded = Signal()
