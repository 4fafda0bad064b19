"""Loaders: turn input files into validated records, then into graph batches."""
