"""The confidentiality statements read at the confidentiality step, by meeting type (domain.md §4)."""

from welfare_tui import domain

_ENGLISH = {
    "shien_kaigi": (
        "This is a support meeting under article 106-6 of the Social Welfare Act. Members must not, without "
        "justifiable reason, disclose secrets learned through the work of the meeting (paragraph 5). The meeting "
        "and its materials are closed to the public."
    ),
    "juso_shien_kaigi": (
        "This is a multi-layered support meeting. Information is shared only within the scope of the person's "
        "consent, and members must not disclose secrets learned at the meeting. The meeting and its materials "
        "are closed to the public."
    ),
    "generic": (
        "Members must not disclose secrets learned at the meeting. The meeting and its materials are closed "
        "to the public."
    ),
}

MESSAGES: dict[str, tuple[str, str]] = {
    **{
        f"statement.{kind}": (text, _ENGLISH[kind])
        for kind, (_, text) in domain.CONFIDENTIALITY_STATEMENTS.items()
    },
    "statement.generic": (domain.DEFAULT_STATEMENT[1], _ENGLISH["generic"]),
}
