"""What the browser tests share: Debian's Chromium (required under CI) and a workbench
served by uvicorn on a free local port."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest


def chromium() -> str:
    """The system Chromium's path: under CI=true its absence fails the test, else skips."""
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        message = "no Chromium (Debian's chromium package) for the browser tests"
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the browser tests: {message}")
        pytest.skip(message)
    return browser


@contextmanager
def serving(app) -> Iterator[str]:
    """``app`` served by uvicorn on a free port of 127.0.0.1; yields its base URL."""
    import uvicorn

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(100):
        if server.started:
            break
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
