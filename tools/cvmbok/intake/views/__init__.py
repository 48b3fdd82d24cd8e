"""The intake's pages: `contributor` (no account, no cookies but CSRF), `editor` (signed in)."""
