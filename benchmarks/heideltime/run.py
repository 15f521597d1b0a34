"""Tag documents with the real HeidelTime (set up by ``setup.sh`` in its own environment).

HeidelTime is GPL-3.0 and runs in a separate JVM started by subprocess: nothing of it is
imported or shipped. ``tag(docs, venv)`` returns KRAUTS-style documents (``id``, ``published``,
``text``, ``timex`` with character offsets into the text as given), the form
``eval_times.py`` scores.
"""

from __future__ import annotations

import re
import subprocess
import tempfile
from pathlib import Path

_TIMEX = re.compile(r'<TIMEX3 ([^>]*)>(.*?)</TIMEX3>', re.DOTALL)
_ATTRIBUTE = re.compile(r'(\w+)="([^"]*)"')
_UNESCAPE = {"&lt;": "<", "&gt;": ">", "&amp;": "&", "&quot;": '"', "&apos;": "'"}


class HeidelTimeMissing(RuntimeError):
    """The HeidelTime environment is not set up (or Java is missing)."""


def _batch_dir(venv: Path) -> Path:
    batch = venv / "heideltime-batch"
    if not (batch / "HeidelTimeBatch.class").is_file():
        raise HeidelTimeMissing(f"{batch}: not set up; run bash benchmarks/heideltime/setup.sh {venv}")
    return batch


def tag(docs: list[dict], venv: Path) -> list[dict]:
    """HeidelTime's TIMEX3 for each document (German, news, its publication date as DCT)."""
    batch = _batch_dir(venv)
    jar = (batch / "jar-path").read_text(encoding="utf-8").strip()
    with tempfile.TemporaryDirectory() as tmp:
        jobs = []
        for n, doc in enumerate(docs):
            source, target = Path(tmp) / f"{n}.txt", Path(tmp) / f"{n}.tml"
            source.write_text(doc["text"], encoding="utf-8")
            jobs.append(f"{doc['published'][:10]}\t{source}\t{target}\n")
        done = subprocess.run(
            ["java", "-cp", f"{jar}:{batch}", "HeidelTimeBatch", str(batch / "config.props")],
            input="".join(jobs), capture_output=True, text=True, cwd=tmp, check=False)
        if done.returncode != 0:
            raise HeidelTimeMissing(f"HeidelTime failed ({done.returncode}): {done.stderr[-2000:]}")
        return [{**doc, "timex": _timex((Path(tmp) / f"{n}.tml").read_text(encoding="utf-8"), doc["text"])}
                for n, doc in enumerate(docs)]


def _unescape(text: str) -> str:
    return re.sub(r"&\w+;", lambda m: _UNESCAPE.get(m.group(), m.group()), text)


def _timex(timeml: str, text: str) -> list[dict]:
    """TIMEX3 tags of a TimeML output, located in the original text: the output repeats the
    text with tags inserted, so each tag's text is searched from the end of the previous one."""
    out, cursor = [], 0
    for m in _TIMEX.finditer(timeml):
        attributes = dict(_ATTRIBUTE.findall(m[1]))
        surface = _unescape(m[2])
        start = text.find(surface, cursor)
        if start < 0:
            continue  # HeidelTime rewrote the characters; such rare tags are left out
        cursor = start + len(surface)
        out.append({"start": start, "end": cursor, "text": surface,
                    "type": attributes.get("type", ""), "value": attributes.get("value", "")})
    return out
