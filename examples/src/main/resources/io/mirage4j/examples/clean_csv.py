"""Cleans every CSV file in the working directory into clean/<name>.

Cells lose surrounding and repeated whitespace, emails are lower-cased, dates written
DD/MM/YYYY become YYYY-MM-DD, and blank or duplicate rows are dropped. The originals
are left as they were. Prints one line per file.
"""
import csv
import glob
import os
import re

DATE = re.compile(r"^(\d{2})/(\d{2})/(\d{4})$")


def clean_cell(column, value):
    value = " ".join(value.split())
    if column == "email":
        value = value.lower()
    match = DATE.match(value)
    if match:
        day, month, year = match.groups()
        value = f"{year}-{month}-{day}"
    return value


os.makedirs("clean", exist_ok=True)
for path in sorted(glob.glob("*.csv")):
    with open(path, newline="") as f:
        header, *rows = list(csv.reader(f))
    seen, kept = set(), []
    for row in rows:
        cleaned = tuple(clean_cell(column, value) for column, value in zip(header, row))
        if any(cleaned) and cleaned not in seen:
            seen.add(cleaned)
            kept.append(cleaned)
    with open(os.path.join("clean", path), "w", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(kept)
    print(f"{path}: {len(rows)} rows in, {len(kept)} out")
