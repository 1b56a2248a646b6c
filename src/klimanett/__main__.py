"""The `klimanett` console command: the project's manage.py."""

import os
import sys

# Hyphenated spellings of management commands (Django's command names use underscores).
COMMAND_ALIASES = {"climate-calc": "climate_calc"}


def with_command_aliases(argv: list[str]) -> list[str]:
    """`argv` with a hyphenated command name replaced by the Django command's name."""
    if len(argv) > 1 and argv[1] in COMMAND_ALIASES:
        return [argv[0], COMMAND_ALIASES[argv[1]], *argv[2:]]
    return argv


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "klimanett.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(with_command_aliases(sys.argv))


if __name__ == "__main__":
    main()
