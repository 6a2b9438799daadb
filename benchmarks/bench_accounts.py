"""Reading and validating an account list against ``csv.DictReader`` alone, same file, same run.

Usage: ``python benchmarks/bench_accounts.py [--rows N]`` (default 100,000).

Generates CSVs in a temporary folder with Salesforce export columns and prints, for each,
rows/s of ``csv.DictReader`` and of ``read_accounts`` and their ratio (target: within 5x):

- ``typical``: unique account names, budgets from a few hundred round amounts, three needs a
  row drawn from a pool, as sales lists repeat needs; validated budgets, timelines and needs
  are cached by their words, so repeats cost nothing;
- ``all unique``: every need and budget different, the worst case for those caches.

Then the peak traced memory of ``read_accounts`` at 10% and 100% of the rows (flat means
streaming). Need analysis is lazy, so it is not part of reading.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

HEADER = ["Account Name", "Industry", "NumberOfEmployees", "AnnualRevenue", "BillingCity",
          "BillingState", "BillingCountry", "Description", "Contact Name", "Contact Title",
          "Needs", "Budget", "Timeline", "Current Vendor"]  # fmt: skip
NEEDS = [
    "Keep hosting under ${n},000 a year", "Must work with our Salesforce org",
    "Roll out to {n} clinics before March", "Section 508 compliance", "24/7 phone support",
    "No surprise overage fees", "Staff can learn it in a day", "Single sign-on with Okta",
    "Automatic certificate renewals", "Room to grow to {n}00 users",
]  # fmt: skip
TIMELINES = ["2027-03-01", "by Q3 2027", "2027-10-01", "before the March store openings"]


def make_csv(path: Path, rows: int, *, unique: bool = False, seed: int = 7) -> None:
    rnd = random.Random(seed)
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(HEADER)
        for i in range(rows):
            tag = f" (site {i}-{{k}})" if unique else ""
            needs = "; ".join(
                (rnd.choice(NEEDS) + tag).format(n=rnd.randint(2, 9), k=k) for k in range(3)
            )
            cents = f".{rnd.randint(10, 99)}" if unique else ""
            w.writerow([f"Account {i}", rnd.choice(["Government", "Healthcare", "Retail"]),
                        rnd.randint(5, 5000), rnd.randint(10**5, 10**8), "Springfield", "IL",
                        "United States", "A regional organisation; several sites.",
                        f"Contact {i}", "IT Director", needs,
                        f"${rnd.randint(1, 300)},000{cents}", rnd.choice(TIMELINES), "Contoso"])  # fmt: skip


def dictreader(path: Path) -> int:
    with path.open(newline="", encoding="utf-8") as f:
        return sum(1 for _ in csv.DictReader(f))


def read_with_benefitkit(path: Path) -> int:
    from benefitkit.profile import read_accounts

    return sum(1 for _ in read_accounts(path))


def timed(fn: Callable[[Path], int], path: Path) -> tuple[int, float]:
    start = time.perf_counter()
    n = fn(path)
    return n, time.perf_counter() - start


def peak_memory(path: Path) -> int:
    tracemalloc.start()
    read_with_benefitkit(path)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    import benefitkit.extract.values
    import benefitkit.profile  # noqa: F401

    with tempfile.TemporaryDirectory() as tmp:
        warm = Path(tmp) / "warm.csv"
        make_csv(warm, 200, seed=1)
        read_with_benefitkit(warm)  # load the lexicons once; the caches are per file
        for label, unique in (("typical", False), ("all unique", True)):
            path = Path(tmp) / f"{label}.csv"
            make_csv(path, args.rows, unique=unique)
            n_dr, t_dr = timed(dictreader, path)
            n_bk, t_bk = timed(read_with_benefitkit, path)
            print(f"{label:>10}: csv.DictReader {n_dr / t_dr:>9,.0f} rows/s | read_accounts "
                  f"{n_bk / t_bk:>8,.0f} rows/s | ratio {t_bk / t_dr:5.2f}x (target <= 5x)")  # fmt: skip
        small, big = Path(tmp) / "small.csv", Path(tmp) / "typical.csv"
        make_csv(small, args.rows // 10)
        m_small, m_big = peak_memory(small), peak_memory(big)
        print(f"peak traced memory: {m_small / 2**20:.1f} MiB at {args.rows // 10:,} rows, "
              f"{m_big / 2**20:.1f} MiB at {args.rows:,} rows")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
