"""Message catalogue modules: one per area, each with `MESSAGES = {key: (ja, en)}`."""
