"""Where a Japanese font is on this computer, for pictures drawn with Pillow (png.py).

Looked up once, in this order: the file named by WELFARE_TUI_FONT; the fonts a Japanese Windows has
(BIZ UD ゴシック, 游ゴシック, メイリオ, ＭＳ ゴシック in %WINDIR%\\Fonts); macOS's ヒラギノ; the
Linux packages fonts-noto-cjk, fonts-ipafont, fonts-ipaexfont and fonts-takao. Nothing is bundled:
a Japanese font is megabytes, and every computer that runs a Japanese municipal office's Word has one.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

_WINDOWS = ("BIZ-UDGothicR.ttc", "YuGothM.ttc", "meiryo.ttc", "msgothic.ttc")
_UNIX = (
    "/System/Library/Fonts/ヒラギノ角ゴシック W3.ttc",
    "/System/Library/Fonts/Hiragino Sans GB.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf",
    "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf",
    "/usr/share/fonts/truetype/fonts-japanese-gothic.ttf",
    "/usr/share/fonts/truetype/takao-gothic/TakaoGothic.ttf",
)


@functools.cache
def japanese_font() -> str | None:
    """The path of a font with Japanese glyphs, or None when this computer has none of them."""
    given = os.environ.get("WELFARE_TUI_FONT", "").strip()
    windows = Path(os.environ.get("WINDIR", "C:\\Windows")) / "Fonts"
    candidates = [given] if given else []
    candidates += [str(windows / name) for name in _WINDOWS] + list(_UNIX)
    return next((path for path in candidates if path and Path(path).is_file()), None)
