"""Contributions: anonymized insights in `contrib/`, their schema, markup policy, review and merge.

Each module has one job: `schema` (what the front matter may say), `markup` (what the
body may contain), `store` (reading and atomically writing files), `ids`/`slug`
(naming new files), `review` (recording outcomes), `merge` (moving accepted text into
the book) and `generated_pages` (acknowledgements and "What's new").
"""
