"""`python -m chainatlas` runs the command line."""

from chainatlas.cli import main

main()
