"""Exceptions raised by educoop. Everything the library raises on purpose is an EducoopError."""

from __future__ import annotations


class EducoopError(Exception):
    """Root of every error educoop raises on purpose; the CLI prints it as one line."""


class InputError(EducoopError):
    """A user's input file is unreadable or invalid.

    The message names the file, the line when known, and the field, in the form
    ``path:line: field: what was expected``.
    """

    def __init__(
        self, path: str, message: str, *, line: int | None = None, field: str | None = None
    ) -> None:
        self.path = path
        self.line = line
        self.field = field
        self.reason = message
        where = path if line is None else f"{path}:{line}"
        super().__init__(f"{where}: {field}: {message}" if field else f"{where}: {message}")


class InvalidFileError(EducoopError):
    """An input file has one or more errors; nothing from it was loaded."""

    def __init__(self, errors: list[InputError]) -> None:
        self.errors = errors
        super().__init__("\n".join(str(error) for error in errors))


class StoreError(EducoopError):
    """The store cannot be opened, read or written."""


class StoreUnavailable(StoreError):
    """The store's server stopped answering, and retrying for a while did not help."""


class QueryError(EducoopError):
    """A canned query is unknown, or its parameters are wrong."""


class ModelError(EducoopError):
    """A trained spaCy pipeline asked for is not installed or cannot be loaded."""


class DocumentRefused(EducoopError):
    """A document the store's derivation cannot take: a name in it resolves to nothing, or
    to one institution on two sides, against the store's registries and the documents
    before it. ``errors`` are one line each, naming the file, line and field."""

    def __init__(self, sha256: str, source: str, errors: list[str]) -> None:
        self.sha256 = sha256
        self.source = source
        self.errors = errors
        super().__init__("\n".join(errors))


def first_line(exc: BaseException) -> str:
    """An exception's message as one line (its type's name when it has none), for the
    one-line errors users see."""
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0]
