#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careerguide.settings")
    from django.core.management import execute_from_command_line

    from core.startup import explained_startup_errors

    with explained_startup_errors():  # e.g. a database that does not exist: one line, not a traceback
        execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
