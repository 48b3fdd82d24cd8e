"""Leaked names: registries, normalization, matching and heuristics behind the `leaks` check.

One job per module: `normalize` (the skeleton and its offset map), `registry`
(companies and people as terms), `matcher` (Aho-Corasick automata), `context`
(is a common word a company here?), `hashing` (keyed hashes of private names),
`heuristics` (e-mail, phone, URL, and the call into the three below), `persons`
(names of people nobody registered, and their cues), `organizations` (organization
shapes, legal forms, company context), `reidentify` (business figures, rank, events,
and how many registered companies fit), `visible` (the text as a reader sees it:
markup, spaced letters, leetspeak), `tokens` (capitalized words in one scan),
`namedata` (the compact name, word and place lists in `data/`), `bibliography`
(authors and publishers of the book's references), `flags` (a heuristic finding),
`allowlist`, `scanner` (text -> findings), `loading` (registries from disk),
`vale` (the generated Vale rule), `outputs` (text of built HTML, ePub, PDF).
"""
