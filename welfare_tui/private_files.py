"""Files and folders this program writes (minutes, backups, restored databases): owner-only, never half
written, and no temporary copy of case records left behind.

* Every folder the program creates is 0700, each missing parent included (`make_private_dirs`).
* A file is written through a temporary file beside it (`replacing`), made by `tempfile.mkstemp`:
  O_CREAT|O_EXCL (never an existing file, so nobody can pre-create it), O_NOFOLLOW (never through a
  link), mode 0600; renamed into place when complete, removed when the write fails.
* Temporary files are named `.welfare-tui-<pid>-<random>.tmp`: the next run that writes into the same
  folder removes those left by a killed run (`sweep_stale`: the process is gone, or the file is older
  than an hour), with any SQLite journal beside them. Only the user's own regular files are touched.
* `readable_by_others` names what `db check` warns about: a database or export folder others can read.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

TEMP_PREFIX = ".welfare-tui-"
TEMP_SUFFIX = ".tmp"
STALE_AFTER = 3600.0  # seconds: older temporary files are stale whatever their process
_TEMP_NAME = re.compile(r"^\.welfare-tui-(\d+)-[^/]*\.tmp(-journal|-wal|-shm)?$")
_swept: set[Path] = set()  # folders swept by this process: once each is enough


def make_private_dirs(directory: Path) -> None:
    """Create `directory` and each missing parent, 0700 whatever the umask; leave existing ones be.
    Raises OSError (NotADirectoryError when `directory` is a file)."""
    missing = []
    for folder in (directory, *directory.parents):
        if folder.exists() or folder.is_symlink():
            break
        missing.append(folder)
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=0o700)
        except FileExistsError:  # made by another process meanwhile: theirs, leave it be
            continue
        os.chmod(folder, 0o700)
    if not directory.is_dir():
        # errno and strerror as the OS gives them, so that callers show it like any OSError (in Japanese
        # through i18n.foreign)
        raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(directory))


@contextmanager
def replacing(target: Path, *, durable: bool = False) -> Iterator[tuple[int, Path]]:
    """Yield (descriptor, path) of a new private temporary file beside `target`; when the block ends
    without error it is renamed over `target` (after an fsync with `durable`), otherwise removed. The
    block may close the descriptor itself (it is closed here if not)."""
    import tempfile  # only when a file is written

    directory = target.parent
    sweep_stale(directory)
    descriptor, name = tempfile.mkstemp(
        prefix=f"{TEMP_PREFIX}{os.getpid()}-", suffix=TEMP_SUFFIX, dir=directory
    )
    temporary = Path(name)
    try:
        yield descriptor, temporary
        if durable:
            with open(temporary, "rb") as stream:
                os.fsync(stream.fileno())
        os.replace(temporary, target)
        if durable:
            fsync_dir(directory)
    except BaseException:
        remove_with_journals(temporary)
        raise
    finally:
        try:
            os.close(descriptor)
        except OSError:  # closed by the block
            pass


def fsync_dir(directory: Path) -> None:
    """Make a rename in `directory` durable (POSIX; a no-op where folders cannot be opened)."""
    try:
        descriptor = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def remove_with_journals(path: Path) -> None:
    """Remove an SQLite file's companions, then the file (missing ones are fine)."""
    for suffix in ("-journal", "-wal", "-shm", ""):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def sweep_stale(directory: Path, *, now: float | None = None) -> list[Path]:
    """Remove this program's temporary files in `directory` left by runs that were killed; returns
    them. Best effort: a file that cannot be removed is left for the next run."""
    directory = Path(directory)
    if now is None and directory in _swept:
        return []
    _swept.add(directory)
    now = time.time() if now is None else now
    removed = []
    try:
        names = os.listdir(directory)
    except OSError:
        return []
    for name in names:
        match = _TEMP_NAME.match(name)
        if not match:
            continue
        path = directory / name
        try:
            info = path.lstat()
            if not stat.S_ISREG(info.st_mode) or (hasattr(os, "getuid") and info.st_uid != os.getuid()):
                continue
            pid = int(match.group(1))
            if (pid != os.getpid() and not _alive(pid)) or now - info.st_mtime > STALE_AFTER:
                path.unlink()
                removed.append(path)
        except (OSError, ValueError):
            continue
    return removed


def _alive(pid: int) -> bool:
    if os.name != "posix":
        return True  # cannot tell cheaply: the age rule alone applies
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True


def readable_by_others(path: Path) -> int | None:
    """The permission bits of `path` when its group or other users may read (or, for a folder, enter)
    it; None when they may not, or it does not exist (POSIX only)."""
    if os.name != "posix":
        return None
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return None
    reach = 0o055 if path.is_dir() else 0o044
    return mode if mode & reach else None
