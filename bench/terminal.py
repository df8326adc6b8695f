"""Start-up on a real terminal: the `welfare-tui` command spawned on a pseudo-terminal of 80×24, timed
from spawn to the first bytes it writes that hold a case code; against the minimal Textual app
(`baseline_textual.py --terminal`) spawned the same way and timed to the first bytes holding its label.

Headless runs (`startup_probe.py`) skip what a user waits for on a real terminal: the driver's set-up,
the terminal's size read from the pty, and the escape sequences of the first frame written to it. Here
both children run exactly as a user starts them; the clock stops on what the user sees, not on a hook.
"""

from __future__ import annotations

import fcntl
import os
import re
import select
import signal
import struct
import subprocess
import termios
import time
from pathlib import Path

SIZE = (80, 24)
CASE_CODE = re.compile(rb"C-\d{4}-\d{3,}")
BASELINE_LABEL = re.compile(rb"baseline")


def seconds_to_bytes(argv: list[str], seen: re.Pattern[bytes], *, cwd: Path, timeout: float = 60.0) -> float:
    """Seconds from spawning `argv` on a fresh 80×24 pty to the first output matching `seen`; the child
    is then killed (tearing it down is not start-up)."""
    master, slave = os.openpty()
    columns, lines = SIZE
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))
    env = {**os.environ, "TERM": "xterm-256color", "COLORTERM": "truecolor"}
    for name in ("COLUMNS", "LINES"):  # the size comes from the pty, as on a real terminal
        env.pop(name, None)
    output = b""
    started = time.perf_counter()
    child = subprocess.Popen(
        argv, stdin=slave, stdout=slave, stderr=slave, cwd=cwd, env=env, start_new_session=True
    )
    os.close(slave)
    try:
        while True:
            remaining = started + timeout - time.perf_counter()
            if remaining <= 0:
                raise RuntimeError(
                    f"{' '.join(argv[:4])}...: nothing matching {seen.pattern!r} "
                    f"within {timeout:g} s; last output {output[-400:]!r}"
                )
            ready, _, _ = select.select([master], [], [], remaining)
            if not ready:
                continue
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: the child closed the terminal
                chunk = b""
            if not chunk:
                raise RuntimeError(
                    f"{' '.join(argv[:4])}... ended before showing {seen.pattern!r}: {output[-400:]!r}"
                )
            output += chunk
            # Matched over the whole output: a code may straddle two reads.
            if seen.search(output):
                return time.perf_counter() - started
    finally:
        try:
            os.killpg(child.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        child.wait()
        os.close(master)
