"""Passwords never reach the screen: the one function that hides them in anything that may hold a
database URL (a message, a URL the user gave, a driver's error).

Two spellings carry a password: the user part (`postgresql://user:secret@host/db`) and a query or
connection parameter (`?password=secret`, `sslpassword=...`). Both become `***`. Kept free of
SQLAlchemy, so that every error path can afford it (failure.py applies it to every message).
"""

from __future__ import annotations

import re

_USER_PART = re.compile(r"(?P<head>[A-Za-z][A-Za-z0-9+.-]*://[^:/@\s]*):[^@\s]*@")
# A value ends at the next parameter, a quote, white space or a ": " after the URL in a message.
_PARAMETER = re.compile(
    r"(?P<head>(?:^|[?&;\s])[A-Za-z_]*password\s*=\s*)"
    r"(?:'[^']*'|\"[^\"]*\"|[^&;\s'\"]*?(?=$|[&;\s'\"]|:(?:\s|$)))",
    re.IGNORECASE,
)


def redact(text: str) -> str:
    """`text` with every password of a URL or connection string in it replaced by ***."""
    text = _USER_PART.sub(r"\g<head>:***@", text)
    return _PARAMETER.sub(r"\g<head>***", text)
