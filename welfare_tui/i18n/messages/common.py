"""Messages shared by every screen."""

MESSAGES: dict[str, tuple[str, str]] = {
    "common.save": ("保存", "Save"),
    "common.cancel": ("取消", "Cancel"),
    "common.yes": ("はい", "Yes"),
    "common.no": ("いいえ", "No"),
    "common.none": ("なし", "None"),
    "common.error": ("エラー", "Error"),
}
