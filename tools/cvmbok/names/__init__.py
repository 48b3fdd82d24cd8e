"""Leaked names: registries, normalization, matching and heuristics behind the `leaks` check.

One job per module: `normalize` (the skeleton and its offset map), `registry`
(companies and people as terms), `matcher` (Aho-Corasick automata), `context`
(is a common word a company here?), `hashing` (keyed hashes of private names),
`heuristics` (e-mail, phone, URL, legal entity, person, re-identifying detail),
`allowlist`, `scanner` (text -> findings), `loading` (registries from disk),
`vale` (the generated Vale rule), `editions` (text of built HTML, ePub, PDF).
"""
