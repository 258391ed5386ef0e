"""A crashed worker's claim is released: `Store.exclusive` dies with its holder."""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from newsprism.store import Store

HOLDER = """
import sys, time
from newsprism.store import Store
store = Store(sys.argv[1])
with store.exclusive("cluster"):
    print("held", flush=True)
    time.sleep(600)
"""


def acquired_within(store: Store, seconds: float) -> bool:
    got = threading.Event()

    def take() -> None:
        with store.exclusive("cluster"):
            got.set()

    threading.Thread(target=take, daemon=True).start()
    return got.wait(seconds)


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_lock_of_a_killed_holder_is_released(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    db = (
        str(tmp_path / "locks.db")
        if backend == "sqlite"
        else request.getfixturevalue("postgres_url")
    )
    with Store(db) as store:
        holder = subprocess.Popen(
            [sys.executable, "-c", HOLDER, db], stdout=subprocess.PIPE, text=True
        )
        try:
            assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
            assert not acquired_within(store, 0.5)  # held: the other process waits
        finally:
            holder.send_signal(signal.SIGKILL)
            holder.wait(timeout=30)
        assert acquired_within(store, 30)
