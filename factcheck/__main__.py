"""`python -m factcheck` runs the CLI."""

from factcheck._entry import main

main()
