"""The private intake: a small web application where practitioners submit insights.

A submission stays in the intake's own (encrypted) database, never in the public
repository, until an editor accepts it; the accepted file is then written into
`contrib/` and committed with a neutral identity, so nothing in git points back to
the contributor. Django is imported only by the modules that need it (settings,
models, views, server), and only when `cvmbok serve`, `cvmbok editors` or
`cvmbok intake` runs: `cvmbok check` never pays for it.
"""
