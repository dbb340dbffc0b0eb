"""The `factcheck` command's entry point: the CLI module imports for a tenth of a second or
more, and a Ctrl-C in that time would otherwise end in a KeyboardInterrupt traceback."""

from __future__ import annotations

import sys


def main() -> None:
    try:
        from factcheck.cli import main as run
    except KeyboardInterrupt:
        sys.stderr.write("factcheck: interrupted; nothing was changed\n")
        sys.exit(130)
    run()
