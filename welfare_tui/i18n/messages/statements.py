"""The confidentiality texts, by meeting type (domain.md §4, §13.1): the statements read at the
confidentiality step (one message per version, domain.STATEMENTS) and the notice that opens the minutes
of a statutory meeting (domain.MeetingType.notice)."""

from welfare_tui import domain

_STATEMENTS_EN = {
    "106-6-5_v1": (
        "This is a support meeting under article 106-6 of the Social Welfare Act. Members must not, without "
        "justifiable reason, disclose secrets learned through the work of the meeting (paragraph 5). The meeting "
        "and its materials are closed to the public."
    ),
    "106-6-5_v2": (
        "This is a support meeting under article 106-6 of the Social Welfare Act. Anyone who is or was engaged "
        "in the work of the meeting must not, without justifiable reason, disclose secrets learned through that "
        "work (paragraph 5). The meeting and its materials are closed to the public."
    ),
    "consent_scope_v1": (
        "This is a multi-layered support meeting. Information is shared only within the scope of the person's "
        "consent, and members must not disclose secrets learned at the meeting. The meeting and its materials "
        "are closed to the public."
    ),
    "jifuku-25-5_v1": (
        "This is an individual case review meeting of the regional council for children requiring protection "
        "under article 25-2 of the Child Welfare Act. The staff of the bodies that form the council, and those "
        "who were, must not, without justifiable reason, disclose secrets learned through the council's work "
        "(article 25-5 of the same Act). The meeting and its materials are closed to the public."
    ),
    "konkyu-9-5_v1": (
        "This is a support meeting under article 9 of the Act on Self-Reliance Support for Needy Persons. "
        "Anyone who is or was engaged in the work of the support meeting must not, without justifiable reason, "
        "disclose secrets learned through that work (paragraph 5). The meeting and its materials are closed "
        "to the public."
    ),
    "seiho-27-3_v1": (
        "This is a coordination meeting under article 27-3 of the Public Assistance Act. Secrets learned "
        "through the work of the meeting are bound by that article's duty of secrecy and must not be disclosed "
        "without justifiable reason. The meeting and its materials are closed to the public."
    ),
    "kaigo-115-48_v1": (
        "This is a community care meeting under article 115-48 of the Long-Term Care Insurance Act. Secrets "
        "learned through the work of the meeting are bound by that article's duty of secrecy and must not be "
        "disclosed without justifiable reason. The meeting and its materials are closed to the public."
    ),
    "generic_v1": (
        "Members must not disclose secrets learned at the meeting. The meeting and its materials are closed "
        "to the public."
    ),
}

_NOTICES_EN = {
    "shien_kaigi": (
        "These minutes record a Support Meeting under Article 106-6 of the Social Welfare Act and are not "
        "public. Anyone who takes or took part in the work of the meeting must not, without good reason, "
        "disclose secrets learned through that work (paragraph 5 of the same Article)."
    ),
    "yotaikyo_kobetsu": (
        "These minutes record an individual case review meeting of the regional council for children requiring "
        "protection under Article 25-2 of the Child Welfare Act and are not public. The staff of the bodies "
        "that form the council, and those who were, must not, without good reason, disclose secrets learned "
        "through the council's work (Article 25-5 of the Child Welfare Act)."
    ),
    "konkyu_shien_kaigi": (
        "These minutes record a support meeting under Article 9 of the Act on Self-Reliance Support for Needy "
        "Persons and are not public. Anyone who takes or took part in the work of the support meeting must "
        "not, without good reason, disclose secrets learned through that work (paragraph 5 of the same Article)."
    ),
    "seiho_chosei_kaigi": (
        "These minutes record a coordination meeting under Article 27-3 of the Public Assistance Act and are "
        "not public. Secrets learned through the work of the meeting are bound by that Article's duty of "
        "secrecy."
    ),
    "chiiki_care_kobetsu": (
        "These minutes record a community care meeting (individual case) under Article 115-48 of the Long-Term "
        "Care Insurance Act and are not public. Secrets learned through the work of the meeting are bound by "
        "that Article's duty of secrecy."
    ),
}

MESSAGES: dict[str, tuple[str, str]] = {
    **{
        f"statement.{version}": (text, _STATEMENTS_EN[version]) for version, text in domain.STATEMENTS.items()
    },
    **{
        f"export.confidentiality_notice.{key}": (kind.notice, _NOTICES_EN[key])
        for key, kind in domain.MEETING_TYPES.items()
        if kind.notice
    },
}
