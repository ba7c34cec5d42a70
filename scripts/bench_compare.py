"""Two runs of scripts/bench.py side by side: `python scripts/bench_compare.py OLD.json NEW.json`.

Prints, per page and state, requests/s and the ratio to the floor of each run, and the SQL
queries, as a Markdown table. Pages only one run measured are listed with a dash.
"""

import json
import sys
from pathlib import Path

HEADER = (
    "| trang | trạng thái | req/s trước | req/s sau | /sàn trước | /sàn sau | SQL trước | SQL sau |"
)


def rows_of(path):
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return {(row["path"], row["state"]): row for row in data["rows"]}, data


def cell(row, field, form):
    return form.format(row[field]) if row else "–"


def main(old_path, new_path):
    old, old_data = rows_of(old_path)
    new, new_data = rows_of(new_path)
    print(f"Trước: {old_data['size']}; sau: {new_data['size']}\n")
    print(HEADER)
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    keys = list(new) + [key for key in old if key not in new]
    for key in keys:
        before, after = old.get(key), new.get(key)
        print(
            f"| `{key[0]}` | {key[1]} | {cell(before, 'rps', '{:.0f}')} | "
            f"{cell(after, 'rps', '{:.0f}')} | {cell(before, 'floor_ratio', '{:.1%}')} | "
            f"{cell(after, 'floor_ratio', '{:.1%}')} | {cell(before, 'queries', '{}')} | "
            f"{cell(after, 'queries', '{}')} |"
        )


if __name__ == "__main__":
    main(*sys.argv[1:3])
