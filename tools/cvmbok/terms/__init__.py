"""The book's terminology: the registry (`registry`) and what is generated from it (`generate`)."""
