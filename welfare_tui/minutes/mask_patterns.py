"""What masking catches by its form, whoever recorded it (minutes/masking.py): postal codes, phone
numbers, addresses (a prefecture or municipality, a town and a house number; 丁目・番地・号; a building
and its room), number runs that are house numbers (not dates, times or 1-2回), and named schools and
nurseries (ひまわり保育園 → ○○保育園; never a relation or a generic word: 弟の保育所, 市立小学校 stay).
"""

from __future__ import annotations

import re

from welfare_tui.minutes.personal import RELATION_WORDS

MASK = "○○"

_KANJI = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々〆ヶ\U00020000-\U0003ffff"
_KATAKANA = r"\u30a1-\u30fa\u30fc\u30fd\u30fe\uff66-\uff9f"
_HIRAGANA = r"\u3041-\u3096\u309d\u309e"
_DIGIT = "[0-9０-９]"
_DASH = "[-－‐‑–—―−ー\uff70]"
_NUMBER = f"(?:{_DIGIT}+|[一二三四五六七八九十]+)"
# What may not follow a house number: a count, a time, a date part (1-2回, 3-4階, 9-10月).
_NOT_ADDRESS_AFTER = r"(?![0-9０-９:：/.階回日時分歳人件度月年週割か～~%％])"
_HOUSE = (
    rf"(?:{_NUMBER}丁目(?:{_DIGIT}+番地?(?:の?{_DIGIT}+号?)?)?"
    rf"|{_DIGIT}+番地(?:の?{_DIGIT}+号?)?"
    rf"|{_DIGIT}+番{_DIGIT}+号?"
    rf"|{_DIGIT}+(?:{_DASH}{_DIGIT}+){{1,3}}(?:号室?)?{_NOT_ADDRESS_AFTER}"
    rf"|{_DIGIT}+号(?!室))"
)
PHONE = re.compile(
    rf"(?:\+81{_DASH}?)?(?:[(（]0{_DIGIT}{{1,4}}[)）]{_DIGIT}{{1,4}}{_DASH}{_DIGIT}{{3,4}}"
    rf"|0{_DIGIT}{{1,4}}{_DASH}{_DIGIT}{{1,4}}{_DASH}{_DIGIT}{{3,4}}"
    rf"|0{_DIGIT}{{9,10}}(?![0-9０-９]))"
)
POSTAL = re.compile(rf"〒\s*{_DIGIT}{{3}}{_DASH}?{_DIGIT}{{4}}")
ADDRESS = re.compile(
    # prefecture / municipality, a town, a house number: 横浜市港北区新横浜2-5-10, みよし市三好町ﾏﾙﾏﾙ１２３－４
    rf"(?:[{_KANJI}]{{1,6}}[都道府県])?(?:[{_KANJI}]{{1,8}}|(?![はがをにでへもとの])[{_HIRAGANA}]{{2,6}})[市区町村郡]"
    rf"[{_KANJI}{_KATAKANA}{_HIRAGANA}A-Za-zＡ-Ｚａ-ｚ]{{0,15}}?{_HOUSE}"
    # a town with 丁目 or 番地 alone: 三好町1丁目2番地3
    rf"|[{_KANJI}{_KATAKANA}]{{0,8}}(?:{_NUMBER}丁目(?:{_DIGIT}+番地?(?:の?{_DIGIT}+号?)?)?"
    rf"|{_DIGIT}+番地(?:の?{_DIGIT}+号?)?|{_DIGIT}+番{_DIGIT}+号)"
    # a building and its room: グリーンハイツ305号室
    rf"|[{_KANJI}{_KATAKANA}A-Za-zＡ-Ｚａ-ｚ]{{0,20}}{_DIGIT}+号室"
)
# A run of numbers joined by dashes (2-5-10, １２３－４): a house number, unless it is a date (a year
# first), a time or a range of counts.
NUMBER_RUN = re.compile(
    rf"(?<![0-9０-９:：/.\-－])(?!(?:19|20|１９|２０){_DIGIT}{{2}}{_DASH})"
    rf"{_DIGIT}{{1,4}}(?:{_DASH}{_DIGIT}{{1,4}}){{1,3}}{_NOT_ADDRESS_AFTER}"
)
_SCHOOL_WORDS = "特別支援学校|小学校|中学校|高等学校|高校|保育園|保育所|幼稚園|こども園"
SCHOOL = re.compile(
    rf"(?<![{_KANJI}{_KATAKANA}])[{_KANJI}{_KATAKANA}]{{2,10}}(?=(?:{_SCHOOL_WORDS}))"
    rf"|(?<![{_HIRAGANA}])[{_HIRAGANA}]{{3,8}}(?<![のにがをはでへもてる])(?=(?:{_SCHOOL_WORDS}))"
)
# Words before a school that say what kind it is, not which one.
_GENERIC_SCHOOL = {
    "市立",
    "区立",
    "町立",
    "村立",
    "県立",
    "都立",
    "府立",
    "道立",
    "国立",
    "私立",
    "公立",
    "認可",
    "認定",
    "無認可",
    "地域",
    "近所",
    "地元",
    "同じ",
    "近く",
    "別の",
    "認可外",
    "企業主導型",
    "小規模",
}


def mask_forms(value: str) -> str:
    """`value` with every postal code, phone number, address, house number and school name as ○○."""
    value = POSTAL.sub(MASK, value)
    value = PHONE.sub(MASK, value)
    value = ADDRESS.sub(MASK, value)
    value = NUMBER_RUN.sub(MASK, value)
    return SCHOOL.sub(_school, value)


def _school(match: re.Match[str]) -> str:
    prefix = match.group(0)
    if prefix in _GENERIC_SCHOOL or prefix in RELATION_WORDS:
        return prefix
    return MASK
