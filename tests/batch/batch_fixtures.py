"""Test data for the batch tests, written for them: a flier and account lists."""

from __future__ import annotations

import csv
import io
import random
from pathlib import Path

FLIER = """# Tern Backup Appliance

Small-office backup in a box

## Why offices choose it

* Setup in under 15 minutes with the guided wizard
* Works with Microsoft 365, Google Workspace and Dropbox
* Nightly backups finish in under 2 hours for 1 TB of files
* HIPAA-ready encryption at rest and in transit
* 5-year warranty with next-business-day replacement

## Price and availability

Price: $1,299 per appliance

In stock: ships within 2 business days

## How to buy

Email sales@tern.example to order
"""

HEADER = ["Account Name", "Industry", "NumberOfEmployees", "Contact Name", "Contact Title",
          "Needs", "Budget", "Timeline", "Current Vendor"]  # fmt: skip

GOOD = [
    ["Northwind Dental", "Healthcare", "40", "Ana Ruiz", "Office Manager",
     "Keep patient data HIPAA compliant; Backups must finish overnight", "$5,000", "2027-03-01",
     "Contoso"],
    ["Fabrikam Legal", "Legal", "25", "Sam Ode", "Managing Partner",
     "Must work with Microsoft 365; Get help fast when a disk fails", "$3,000", "2027-05-01", ""],
]
# Rows numbered as in the file (header = row 1): what each test expects to find.
ROWS: list[tuple[int, list[str] | bytes]] = [
    (2, GOOD[0]),
    (3, GOOD[1]),
    # A cp1252 byte (0xE9, "é") in a UTF-8 file: the reader decodes that line as cp1252.
    (4, "Caf\xe9 Nord,Retail,12,Lea Blanc,Owner,Easy setup for busy staff,\"$2,000\",2027-04-01,\r\n"
        .encode("cp1252")),
    (5, ["Lakeside Vets", "Healthcare", "18", "Ian Moss", "Owner",
         "Keep patient data HIPAA compliant", "ask finance", "2027-03-01", ""]),  # bad budget
    (6, ["Hilltop Clinic", "Healthcare", "12"]),  # short row: Contact Name and after missing
    (7, ["", "Retail", "10", "Bo Chen", "Owner", "Easy setup", "$2,000", "2027-05-01", ""]),
    (8, ["../../etc/passwd", "Retail", "5", "Eve", "Owner", "Works with Dropbox", "$900", "", ""]),
    (9, ["CON", "Retail", "5", "Con Rep", "Owner", "Works with Dropbox", "$900", "", ""]),
    (10, ["a/b", "Retail", "5", "Al B", "Owner", "Works with Dropbox", "$900", "", ""]),
    (11, ["名古屋商事", "Retail", "30", "Aiko Sato", "IT Lead", "Works with Google Workspace",
          "$4,000", "", ""]),
    (12, ["Acme", "Retail", "8", "Ann Acme", "Owner", "Backups must finish overnight", "", "", ""]),
    (13, ["ACME", "Retail", "9", "Al Acme", "Owner", "Easy setup for busy staff", "", "", ""]),
    (14, ["Acme 2", "Retail", "9", "Al Two", "Owner", "Easy setup for busy staff", "", "", ""]),
]
BAD = {5: ("bad-money", "Budget"), 6: ("short-row", "Contact Name"), 7: ("missing-field", "Account Name")}
FILES = {
    2: "northwind-dental.md", 3: "fabrikam-legal.md", 4: "café-nord.md", 8: "etc-passwd.md",
    9: "con-account.md", 10: "a-b.md", 11: "名古屋商事.md", 12: "acme.md", 13: "acme-2.md",
    14: "acme-2-2.md",
}


def _line(cells: list[str]) -> bytes:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerow(cells)
    return buf.getvalue().encode("utf-8")


def write_accounts(path: Path) -> Path:
    """The mixed list above, as a UTF-8 CSV with one cp1252 line."""
    data = _line(HEADER) + b"".join(r if isinstance(r, bytes) else _line(r) for _, r in ROWS)
    path.write_bytes(data)
    return path


NEEDS = ["Keep patient data HIPAA compliant", "Backups must finish overnight",
         "Must work with Microsoft 365", "Easy setup for busy staff", "Works with Dropbox",
         "Get help fast when a disk fails", "Stay under $2,000"]  # fmt: skip


def write_many(path: Path, n: int, *, seed: int = 3, bad_every: int = 0) -> Path:
    """``n`` generated accounts (some repeated names); every ``bad_every``-th has a bad budget."""
    rnd = random.Random(seed)
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\r\n")
        w.writerow(HEADER)
        for i in range(n):
            bad = bad_every and i % bad_every == bad_every - 1
            w.writerow([f"Clinic {i % (n // 2 or 1)}", "Healthcare", str(rnd.randint(5, 500)),
                        f"Contact {i}", rnd.choice(["Owner", "IT Lead", "Office Manager"]),
                        "; ".join(rnd.sample(NEEDS, 2)),
                        "soon" if bad else f"${rnd.randint(1, 9)},000", "2027-03-01", ""])
    return path


def tree(folder: Path) -> dict[str, bytes]:
    """Every file of a folder (including hidden ones) with its bytes."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}
