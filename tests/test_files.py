"""Files: the database is owner-only, and a database others can write is refused with the reason."""

from __future__ import annotations

import os
import stat

import pytest
from typer.testing import CliRunner

from welfare_tui.cli import app
from welfare_tui.errors import StorageUnavailable
from welfare_tui.storage.engine import open_database

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")


def test_new_database_and_its_directories_are_owner_only(tmp_path):
    path = tmp_path / "new" / "deeper" / "welfare.db"
    open_database(f"sqlite:///{path}").dispose()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.parent.parent.stat().st_mode) == 0o700


@pytest.mark.parametrize(("mode", "who"), [(0o660, "its group"), (0o606, "every user"), (0o666, "every user")])
def test_a_database_others_can_write_is_refused(tmp_path, mode, who):
    path = tmp_path / "welfare.db"
    open_database(f"sqlite:///{path}").dispose()
    path.chmod(mode)
    with pytest.raises(StorageUnavailable, match=f"{who} can write it .*chmod 600"):
        open_database(f"sqlite:///{path}")
    result = CliRunner().invoke(app, ["--db", str(path), "cases", "list"])
    assert result.exit_code == 3
    assert "chmod 600" in result.stderr and "Traceback" not in result.stderr


def test_a_database_others_can_only_read_opens(tmp_path):
    path = tmp_path / "welfare.db"
    open_database(f"sqlite:///{path}").dispose()
    path.chmod(0o644)
    open_database(f"sqlite:///{path}").dispose()
