"""Canned queries: ``NAME.cypher`` files, their catalogue, and their embedded twins."""
