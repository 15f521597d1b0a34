"""ingest --ray on a real local Ray cluster gives the single-process ledger."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsledger import workflows
from newsledger.config import load_config
from newsledger.engine import shards

if os.environ.get("CI") == "true":
    import ray  # noqa: F401  CI installs the test extra, which pins ray: a missing ray fails
else:
    ray = pytest.importorskip("ray")

DEMO = "src/newsledger/demo/articles.jsonl"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """A one-node Ray cluster on 127.0.0.1 (`ray start --head --block`, in its own process
    group, stopped by signalling that group: no other Ray on the machine is touched)."""
    ray_cli = shutil.which("ray", path=str(Path(sys.executable).parent)) or shutil.which("ray")
    port = _free_port()
    head = subprocess.Popen(
        [ray_cli, "start", "--head", "--block", "--node-ip-address", "127.0.0.1",
         "--port", str(port), "--num-cpus", "2", "--include-dashboard", "false",
         "--temp-dir", str(tmp_path_factory.mktemp("ray")), "--disable-usage-stats"],
        env={**os.environ, "RAY_USAGE_STATS_ENABLED": "0"}, start_new_session=True,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_for(port, head)
        yield f"127.0.0.1:{port}"
    finally:
        os.killpg(head.pid, signal.SIGTERM)
        try:
            head.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(head.pid, signal.SIGKILL)


def _wait_for(port: int, head: subprocess.Popen, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert head.poll() is None, "ray start --head exited"
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.5)
    raise TimeoutError(f"the Ray head did not listen on port {port} within {seconds} s")


def test_ray_ingest_gives_the_single_process_ledger_and_reruns_change_nothing(
        cluster, repo, tmp_path, monkeypatch, ledger_contents):
    monkeypatch.setattr(shards, "SHARD_BYTES", 3_000)  # the demo corpus as several tasks
    assert len(shards.shards([repo / DEMO])) > 2
    config = load_config()
    local, on_ray = (f"sqlite:///{tmp_path / name}" for name in ("local.db", "ray.db"))
    workflows.ingest([repo / DEMO], db=local, config=config, workers=1)
    first = workflows.ingest([repo / DEMO], db=on_ray, config=config, ray=cluster)
    assert first.counts["new"] == 14 and not first.failures
    assert ledger_contents(on_ray) == ledger_contents(local)

    again = workflows.ingest([repo / DEMO], db=on_ray, config=config, ray=cluster)
    assert again.counts["unchanged"] == 14 and again.counts["new"] == 0
    assert ledger_contents(on_ray) == ledger_contents(local)
