"""CVMBoK tooling: checks for anonymized contributions, merge into the book, edition builds.

The package is a library of pure functions that return findings; `cvmbok.cli` is the
thin command line over it. Nothing here prints except the reporters and the CLI.
"""

__version__ = "0.1.0"
