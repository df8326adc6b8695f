"""What moved in the household's network between two meetings, in words (参加支援 made visible).

Ties are matched by their two ends (household ↔ node); a node tied twice is matched in order.
Each change is one of: added, removed, strengthened, weakened, stressful, calm, flow. A tie that got
both stronger and calmer gives two changes, because the minutes should say both.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from welfare_tui.ecomap.model import STRENGTHS, Tie
from welfare_tui.i18n import t

MARKS = {
    "added": "＋",
    "removed": "－",
    "strengthened": "↑",
    "weakened": "↓",
    "stressful": "⚡",
    "calm": "〇",
    "flow": "⇄",
}


@dataclass(frozen=True)
class Change:
    kind: str
    node: str
    name: str
    before: Tie | None
    after: Tie | None
    text: str

    @property
    def mark(self) -> str:
        return MARKS[self.kind]


def previous_ties(doc: Mapping[str, Any]) -> list[Any] | None:
    """The previous meeting's ties, which a meeting document's changes are measured from; None when no
    change list applies: a first meeting, and a planned one (not held yet, nothing has moved: its
    ecomap is the one the room will start from)."""
    meeting = doc.get("meeting")
    if isinstance(meeting, Mapping) and meeting.get("status") == "planned":
        return None
    ecomap = doc.get("ecomap")
    previous = ecomap.get("previous") if isinstance(ecomap, Mapping) else None
    if not isinstance(previous, Mapping):
        return None
    ties = previous.get("ties")
    return list(ties) if isinstance(ties, list) else []


def strength_label(strength: str) -> str:
    return t(f"ecomap.strength.{strength}") if strength in STRENGTHS else strength


def flow_label(flow: str) -> str:
    try:
        return t(f"ecomap.flow.{flow}")
    except KeyError:
        return flow


def describe(tie: Tie) -> str:
    """'普通・相互・月2回アウトリーチ（本人）': strength, stress, flow, label in one phrase."""
    parts = [strength_label(tie.strength)]
    if tie.stressful:
        parts.append(t("ecomap.legend.stressful"))
    parts.append(flow_label(tie.flow))
    if tie.caption:
        parts.append(tie.caption)
    return "・".join(parts)


def tie_changes(
    previous_ties: Iterable[Tie | Mapping[str, Any]],
    ties: Iterable[Tie | Mapping[str, Any]],
    names: Callable[[str], str] | Mapping[str, str] | None = None,
) -> list[Change]:
    """The changes from `previous_ties` to `ties` (document dicts, repository rows or `Tie`s), in the
    order of the current ties, removed ones last. `names` turns a node key into its display name."""
    name_of = _namer(names)
    unmatched = [_tie(raw) for raw in previous_ties]
    changes: list[Change] = []
    for tie in [_tie(raw) for raw in ties]:
        match = next((old for old in unmatched if old.key == tie.key), None)
        name = name_of(_end_key(tie))
        if match is None:
            changes.append(_change("added", name, None, tie, detail=describe(tie)))
            continue
        unmatched.remove(match)
        changes += _differences(match, tie, name)
    for old in unmatched:
        changes.append(_change("removed", name_of(_end_key(old)), old, None, detail=describe(old)))
    return changes


def _differences(before: Tie, after: Tie, name: str) -> list[Change]:
    """What changed in one tie: its strength, its stress, its flow (each a change of its own)."""
    changes: list[Change] = []
    old_rank, new_rank = STRENGTHS.index(before.strength), STRENGTHS.index(after.strength)
    if new_rank != old_rank:
        kind = "strengthened" if new_rank > old_rank else "weakened"
        strengths = {"before": strength_label(before.strength), "after": strength_label(after.strength)}
        changes.append(_change(kind, name, before, after, **strengths))
    if after.stressful != before.stressful:
        changes.append(_change("stressful" if after.stressful else "calm", name, before, after))
    if after.flow != before.flow:
        flows = {"before": flow_label(before.flow), "after": flow_label(after.flow)}
        changes.append(_change("flow", name, before, after, **flows))
    return changes


def _change(kind: str, name: str, old: Tie | None, new: Tie | None, **words: str) -> Change:
    """A change of `kind`, its sentence from the message catalogue (`ecomap.change.<kind>`)."""
    tie = new or old
    assert tie is not None  # a change has a tie on at least one side
    return Change(kind, tie.far, name, old, new, t(f"ecomap.change.{kind}", name=name, **words))


def _end_key(tie: Tie) -> str:
    """The key a tie is named by: its node, or both ends for a tie between two nodes."""
    return tie.far if tie.near == "household" else f"{tie.near}—{tie.far}"


def _tie(raw: Tie | Mapping[str, Any]) -> Tie:
    return raw if isinstance(raw, Tie) else Tie.of(raw)


def _namer(names: Callable[[str], str] | Mapping[str, str] | None) -> Callable[[str], str]:
    if names is None:
        return lambda key: key
    if isinstance(names, Mapping):
        return lambda key: names.get(key, key)
    return names
