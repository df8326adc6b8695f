"""The export floor's read half: the same rows `export --all` reads, with the plain stdlib driver.

    python -m bench.floor DB_PATH

Reads the meetings in export order (date, id) in batches of 200, with one query per table per
batch exactly as storage/documents.py does, into plain tuples; prints the number of meetings. The
benchmark adds the time of rendering the same documents from memory to this process's wall time.
"""

from __future__ import annotations

import sqlite3
import sys

BATCH = 200
MEETING_CHILDREN = (
    "attendee",
    "shared_info",
    "ecomap_tie",
    "assessment_item",
    "unmet_need",
    "goal",
    "role_assignment",
    "monitoring_item",
)


def read_all(path: str) -> int:
    connection = sqlite3.connect(path)
    try:
        connection.execute("SELECT * FROM agency").fetchall()
        ids = [row[0] for row in connection.execute("SELECT id FROM meeting ORDER BY date, id")]
        for start in range(0, len(ids), BATCH):
            batch = ids[start : start + BATCH]
            marks = ",".join("?" * len(batch))
            pairs = connection.execute(
                f'SELECT meeting.*, "case".* FROM meeting JOIN "case" ON "case".id = meeting.case_id '
                f"WHERE meeting.id IN ({marks})",
                batch,
            ).fetchall()
            case_ids = sorted(
                {
                    row[0]
                    for row in connection.execute(f"SELECT case_id FROM meeting WHERE id IN ({marks})", batch)
                }
            )
            case_marks = ",".join("?" * len(case_ids))
            connection.execute(
                f"SELECT * FROM household_member WHERE case_id IN ({case_marks}) ORDER BY position, id",
                case_ids,
            ).fetchall()
            connection.execute(f"SELECT * FROM step_state WHERE meeting_id IN ({marks})", batch).fetchall()
            for table in MEETING_CHILDREN:
                connection.execute(
                    f"SELECT * FROM {table} WHERE meeting_id IN ({marks}) ORDER BY position, id", batch
                ).fetchall()
            assert len(pairs) == len(batch)
        return len(ids)
    finally:
        connection.close()


if __name__ == "__main__":
    print(read_all(sys.argv[1]))
