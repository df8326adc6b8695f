"""Texts in a comparable form, with the way back to the original (minutes/personal.py's matching).

`fold(text)`: NFKC, case folded, katakana as hiragana, dashes as '-', the variant kanji of names as
their standard form, white space runs as one space. `Folded(text)` keeps the original span of every
folded character, so a match in the folded text maps back onto whole characters of the original;
`script(char)` names a character's writing system for the word-edge rules.
"""

from __future__ import annotations

import functools
import re
import unicodedata

# Dashes as '-', and the old or variant forms of kanji common in names as the standard form people
# also type (髙橋/高橋, 山﨑/山崎, 𠮷田/吉田), so either spelling finds the other.
_FOLD = str.maketrans(
    {
        **{c: "-" for c in "‐‑‒–—―−－﹣"},
        **dict(zip("髙﨑𠮷邉邊齋齊濵濱嶋槗德瀨栁", "高崎吉辺辺斎斉浜浜島橋徳瀬柳")),
    }
)

KANJI = "kanji"
HIRAGANA = "hiragana"
KATAKANA = "katakana"
LATIN = "latin"
ARABIC = "arabic"
DIGIT = "digit"
OTHER = "other"


def fold(text: str) -> str:
    """The comparable form of a text (see the module docstring): NFKC, case folded, katakana as
    hiragana, dashes as '-', white space as one space."""
    return Folded(text).text


def script(char: str) -> str:
    """The writing system of one (normalised) character, for the word-edge rules."""
    code = ord(char)
    if 0x3041 <= code <= 0x309F:
        return HIRAGANA
    if 0x30A0 <= code <= 0x30FF or 0x31F0 <= code <= 0x31FF or 0xFF66 <= code <= 0xFF9F:
        return KATAKANA
    if (
        0x3400 <= code <= 0x4DBF
        or 0x4E00 <= code <= 0x9FFF
        or 0xF900 <= code <= 0xFAFF
        or 0x20000 <= code <= 0x3FFFF
        or char in "々〆ヶ"
    ):
        return KANJI
    if 0x0600 <= code <= 0x06FF or 0x0750 <= code <= 0x077F or 0xFB50 <= code <= 0xFEFF:
        return ARABIC
    if char.isdigit():
        return DIGIT
    if char.isalpha():
        return LATIN
    return OTHER


class Folded:
    """A text in its folded form, with the original span of every folded character.

    Folding goes cluster by cluster (a character with its combining marks, ｶﾞ as one), so a match
    in the folded text maps back onto whole characters of the original."""

    def __init__(self, text: str) -> None:
        chars: list[str] = []
        scripts: list[str] = []
        spans: list[tuple[int, int]] = []
        index, length = 0, len(text)
        while index < length:
            end = index + 1
            while end < length and _is_mark(text[end]):
                end += 1
            for char, kind in _fold_cluster(text[index:end]):
                if char == " " and chars and chars[-1] == " ":
                    continue  # white space runs count as one space
                chars.append(char)
                scripts.append(kind)
                spans.append((index, end))
            index = end
        # A long-vowel mark between digits is a dash typed with the kana keyboard (１２３ー４).
        self.text = re.sub(r"(?<=\d)ー(?=\d)", "-", "".join(chars))
        self.scripts = scripts
        self.spans = spans

    def span(self, start: int, end: int) -> tuple[int, int]:
        return self.spans[start][0], self.spans[end - 1][1]


@functools.lru_cache(maxsize=1 << 16)
def _is_mark(char: str) -> bool:
    return bool(unicodedata.combining(char)) or char in "\uff9e\uff9f\u3099\u309a"


@functools.lru_cache(maxsize=1 << 16)
def _fold_cluster(cluster: str) -> tuple[tuple[str, str], ...]:
    """(folded character, script) of each character one cluster folds to (cached: texts repeat
    the same few thousand characters)."""
    folded = []
    for char in unicodedata.normalize("NFKC", cluster):
        kind = script(char)
        text = " " if char.isspace() else char.translate(_FOLD).casefold()
        folded += [(_kana(part), kind) for part in text]
    return tuple(folded)


def _kana(char: str) -> str:
    code = ord(char)
    return chr(code - 0x60) if 0x30A1 <= code <= 0x30F6 else char
