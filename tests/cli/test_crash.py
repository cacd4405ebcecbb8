"""kill -9 in the middle of a batch: committed work survives, nothing is half-stored."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from vigil.settings import Settings
from vigil.store import open_store

from ..conftest import PASSPHRASE
from .helpers import VIGIL, vigil

N = 300


def committed(settings: Settings) -> int:
    with open_store(settings, PASSPHRASE) as store:
        return sum(v for k, v in store.counts().items() if k != "rejected")


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_kill_9_mid_batch_then_rerun_ingests_the_rest(
    seed: int, cli_env: dict[str, str], settings: Settings, tmp_path: Path
) -> None:
    rng = random.Random(seed)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for i in range(N):
        words = " ".join(
            rng.choice(["appeal", "release", "minister", "camp", "lawyer"]) for _ in range(80)
        )
        (inbox / f"letter-{i:04d}.txt").write_text(f"Letter {i} {rng.random()}\n{words}\n")
    assert vigil(cli_env, "init").code == 0

    proc = subprocess.Popen(
        [*VIGIL, "ingest", str(inbox)],
        env=cli_env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while committed(settings) < 1:
        assert proc.poll() is None, "the batch ended before it could be interrupted"
        assert time.monotonic() < deadline
        time.sleep(0.01)
    time.sleep(rng.uniform(0.0, 0.2))
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()

    with open_store(settings, PASSPHRASE) as store:
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
            half = conn.execute(
                text(
                    "SELECT count(*) FROM documents d WHERE NOT EXISTS "
                    "(SELECT 1 FROM originals o WHERE o.document_id = d.id) OR NOT EXISTS "
                    "(SELECT 1 FROM sources s WHERE s.document_id = d.id) OR NOT EXISTS "
                    "(SELECT 1 FROM documents_fts f WHERE f.rowid = d.id)"
                )
            ).scalar()
            assert half == 0
        stored = sum(v for k, v in store.counts().items() if k != "rejected")
        assert store.verify().ok
    assert 1 <= stored <= N - 1

    rerun = vigil(cli_env, "ingest", "--json", inbox, timeout=300)
    assert rerun.code == 0, rerun.err
    assert committed(settings) == N
