"""Where welfare_tui keeps its files. Nothing is created until a caller asks for it."""

from __future__ import annotations

from pathlib import Path

APP_NAME = "welfare-tui"


def data_dir() -> Path:
    from platformdirs import user_data_path  # imported on first use: `--help` never needs it

    return user_data_path(APP_NAME, appauthor=False)


def config_dir() -> Path:
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False)


def config_file() -> Path:
    return config_dir() / "config.toml"


def default_db_path() -> Path:
    return data_dir() / "welfare.db"


def user_agendas_dir() -> Path:
    """Users add their own agenda templates here (`*.yaml`)."""
    return config_dir() / "agendas"


def exports_dir() -> Path:
    """Where the TUI writes minutes when the facilitator exports the open meeting."""
    return data_dir() / "exports"
