"""welfare_tui: run a multi-agency case conference in the terminal and write its minutes."""

__version__ = "0.1.0"
