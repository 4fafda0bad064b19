"""The graph: domain model, schema, and the stores that hold it."""
