"""Reading a user's input file as UTF-8 text, with one clear error for each way it is not."""

from __future__ import annotations

import hashlib
from pathlib import Path

from educoop.errors import InputError


def read_bytes(path: Path, *, max_bytes: int | None = None, what: str = "file") -> bytes:
    """The file's bytes.

    Raises InputError, naming the file, when it is missing, unreadable, or larger than
    ``max_bytes`` (checked before it is read).
    """
    shown = str(path)
    try:
        if max_bytes is not None and (size := path.stat().st_size) > max_bytes:
            raise InputError(
                shown, f"{size:,} bytes is too large for {what} (at most {max_bytes:,})"
            )
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(shown, "no such file") from None
    except IsADirectoryError:
        raise InputError(shown, "is a directory") from None
    except OSError as exc:
        raise InputError(shown, f"cannot read: {exc.strerror}") from None


def read_text(path: Path, *, max_bytes: int | None = None, what: str = "file") -> tuple[str, str]:
    """The file's text and the sha256 of its bytes.

    Raises InputError, naming the file (and the line of a bad byte), when it is missing,
    unreadable, larger than ``max_bytes``, binary, or not UTF-8.
    """
    shown = str(path)
    data = read_bytes(path, max_bytes=max_bytes, what=what)
    if b"\0" in data:
        raise InputError(shown, "binary file, expected UTF-8 text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(shown, "not valid UTF-8 text", line=line) from None
    return text, hashlib.sha256(data).hexdigest()
