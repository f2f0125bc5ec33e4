"""Content: the live catalogue, its documents, revisions, diffs, work lists and canned replies."""
