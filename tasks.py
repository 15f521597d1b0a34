"""Set-up and chores in one place, with nothing but Python 3.11 needed to start.

    python3 tasks.py demo    create .venv, install, run the demo on the built-in corpus
    python3 tasks.py test    create .venv, install, run the whole test suite
    python3 tasks.py eval    run every accuracy evaluation on ../shared (skips what is absent)
    python3 tasks.py bench   run the speed benchmarks
    python3 tasks.py train   refit the attribution ranker on the real-news train split
    python3 tasks.py train-entities   refit the name tagger on GermEval 2014 (its test part)
    python3 tasks.py lock    re-pin requirements.lock from pyproject.toml

Installing is skipped when .venv already matches requirements.lock (a stamp file holds
the lock's hash), so repeated runs start in a second.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / "bin"
LOCK = ROOT / "requirements.lock"
STAMP = VENV / ".newsledger-installed"


def run(*args: str | Path) -> None:
    """Run a command from the repo root; stop with its exit code if it fails."""
    result = subprocess.run([str(a) for a in args], cwd=ROOT)
    if result.returncode != 0:
        sys.exit(result.returncode)


def ensure_env() -> None:
    """Create .venv and install the pinned dependencies plus the package (editable)."""
    if sys.version_info < (3, 11):
        sys.exit(f"newsledger needs Python 3.11 or newer; this is {sys.version.split()[0]}")
    if not (BIN / "python").exists():
        venv.create(VENV, with_pip=True)
    wanted = hashlib.sha256(LOCK.read_bytes() + (ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text() == wanted:
        return
    pip = (BIN / "python", "-m", "pip", "--disable-pip-version-check", "-q")
    run(*pip, "install", "-r", LOCK)
    run(*pip, "install", "--no-deps", "-e", ROOT)
    STAMP.write_text(wanted)


def demo() -> None:
    ensure_env()
    run(BIN / "newsledger", "demo")


def test() -> None:
    ensure_env()
    result = subprocess.run([str(BIN / "python"), "-m", "pytest", *sys.argv[2:]], cwd=ROOT)
    sys.exit(result.returncode)


def evaluate() -> None:
    ensure_env()
    run(BIN / "python", ROOT / "benchmarks" / "eval_all.py", *sys.argv[2:])


def bench() -> None:
    ensure_env()
    run(BIN / "python", ROOT / "benchmarks" / "bench_pipeline.py", *sys.argv[2:])


def train() -> None:
    ensure_env()
    run(BIN / "python", ROOT / "benchmarks" / "train_ranker.py", *sys.argv[2:])


def train_entities() -> None:
    ensure_env()
    run(BIN / "python", ROOT / "benchmarks" / "train_entities.py", *sys.argv[2:])


def lock() -> None:
    """Resolve pyproject's dependencies (with test and train extras) in a scratch venv and pin them."""
    scratch = ROOT / "build" / "lock-venv"
    venv.create(scratch, with_pip=True, clear=True)
    python = scratch / "bin" / "python"
    run(python, "-m", "pip", "-q", "install", f"{ROOT}[test,train]", "setuptools")
    frozen = subprocess.run([str(python), "-m", "pip", "freeze", "--exclude", "newsledger"],
                            cwd=ROOT, capture_output=True, text=True, check=True).stdout
    LOCK.write_text("# pinned by `python3 tasks.py lock`; do not edit by hand\n" + frozen)


TASKS = {"demo": demo, "test": test, "eval": evaluate, "bench": bench, "train": train,
         "train-entities": train_entities, "lock": lock}

if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in TASKS:
        sys.exit(f"usage: python3 tasks.py {{{'|'.join(TASKS)}}} [args…]")
    TASKS[sys.argv[1]]()
