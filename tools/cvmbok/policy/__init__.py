"""Engines of the contribution policy: the front-matter schema, the markup policy, image metadata
and the file rules. Pure functions over documents; the check families in `cvmbok.checks` call them."""
