"""Django's makemessages, without fuzzy matching: gettext would otherwise guess a new message's
translation from a similar one, which is how "Opened the case" became "Dag"."""

from django.core.management.commands import makemessages


class Command(makemessages.Command):
    msgmerge_options = [*makemessages.Command.msgmerge_options, "--no-fuzzy-matching"]
