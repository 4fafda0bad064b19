"""The workbench: ``educoop serve``, pages over a store (see ``app``)."""
