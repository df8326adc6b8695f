"""The TUI on both backends (SQLite and PostgreSQL): an edit typed in a form is saved, shown as saved,
and recorded in the audit log under the configured user."""

from __future__ import annotations

from dataclasses import replace

from tests.tui_helpers import make_app, open_only_meeting, seed_meeting, settle, type_text
from welfare_tui.storage import audit, repo
from welfare_tui.storage.engine import open_database, session_scope


async def test_typed_purpose_is_saved_and_audited(db_url, tmp_path):
    meeting_id = seed_meeting(db_url)
    app = make_app(tmp_path, db_url)
    app.settings = replace(app.settings, user="地域福祉課 田中")
    app.db.user = app.settings.user_name
    async with app.run_test(size=(120, 40)) as pilot:
        await open_only_meeting(pilot)
        area = app.screen.query_one("#m-purpose")
        area.focus()
        await type_text(pilot, "母の介護と長男のひきこもりについて共有する")
        await pilot.press("tab")
        await settle(pilot)
        assert str(app.screen.query_one("#save-state").render()).strip()
    engine = open_database(db_url)
    try:
        with session_scope(engine) as session:
            assert (
                repo.get_meeting(session, meeting_id=meeting_id).purpose
                == "母の介護と長男のひきこもりについて共有する"
            )
            update = next(e for e in audit.entries(session, table="meeting") if "purpose" in e["fields"])
            assert update["user"] == "地域福祉課 田中" and update["action"] == "update"
    finally:
        engine.dispose()
