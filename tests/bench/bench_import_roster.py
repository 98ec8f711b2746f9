"""``import-roster``: importing a 10,000-row .xlsx roster, against openpyxl read-only iteration of the file.

The roster is laid out as offices send it (title, unit line, merged two-row header, column-number row,
合计 row, footer), one household per row with head, ethnicity, ID number, family size, phone and four
incomes, some amounts written as text ("3,500", "4200元"), in 40 villages of which 20 are new. The
program side is ``RosterService.import_file`` into a fresh township station (reading, table detection,
checking every row, planning against the database, writing the households, members, surveys, villages
and search index in one transaction). The baseline iterates every cell of the same file with openpyxl
in read-only mode, values only: what any import must at least pay. Each side: the best of three runs.
"""

from __future__ import annotations

import random
import tempfile
from pathlib import Path

from huimin_desktop.services.station import Station
from tests.bench.harness import BenchResult, benchmark, timed
from tests.core.test_roster_fixtures import OFFICE_HEADER, make_id
from tests.stations import new_station

ROWS = 10_000
RUNS = 3
TOWNSHIP_CODE = "211381204000"


def write_roster(path: Path, rows: int, seed: int = 828) -> None:
    from openpyxl import Workbook

    rng = random.Random(seed)
    book = Workbook(write_only=True)
    ws = book.create_sheet("Sheet1")
    ws.append(["2025年度马友营蒙古族乡惠民工程农户花名册"])
    ws.append(["填报单位：马友营蒙古族乡人民政府", None, None, None, None, None, None, None, "单位：人、元"])
    ws.append([upper for upper, _ in OFFICE_HEADER])
    ws.append([lower for _, lower in OFFICE_HEADER])
    ws.append(["序号", "甲", "乙", "丙", "丁", "1", "2", "3", "4", "5", "6", "7", "8"])
    surnames = "宝包白吴韩王李张刘赵"
    given = ["山", "福", "玉兰", "国军", "桂芝", "海军", "秀英", "巴特尔", "其木格", "宝山"]
    used: set[str] = set()
    for number in range(1, rows + 1):
        while True:
            birth = f"{rng.randint(1940, 2000)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
            id_number = make_id(birth, rng.randint(1, 999))
            if id_number not in used:
                used.add(id_number)
                break
        sex = "男" if int(id_number[16]) % 2 else "女"
        wage = rng.randint(0, 30) * 500
        ws.append(
            [
                number,
                f"{'新' if number % 2 else ''}村{number % 20:02d}",
                rng.choice(surnames) + rng.choice(given),
                sex,
                rng.choice(("蒙古族", "汉族", "满族", "蒙古")),
                id_number,
                rng.randint(1, 6),
                f"139{rng.randint(10_000_000, 99_999_999)}",
                f"{wage:,}" if number % 3 == 0 else wage,
                f"{rng.randint(1000, 9000)}元" if number % 5 == 0 else rng.randint(1000, 9000),
                0,
                rng.randint(0, 3000),
                None,
            ]
        )
    ws.append(["合计"])
    ws.append(["填表人：", None, None, "审核人："])
    book.save(path)


def _openpyxl_iteration(path: Path) -> None:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=True)
    try:
        for _row in book.worksheets[0].iter_rows(values_only=True):
            pass
    finally:
        book.close()


@benchmark("import-roster")
def bench_import_roster() -> BenchResult:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        roster = root / "roster.xlsx"
        write_roster(roster, ROWS)
        baseline = min(timed(lambda: _openpyxl_iteration(roster)) for _ in range(RUNS))
        best = None
        for run in range(RUNS):
            with new_station(
                root / f"station{run}", level="township", name="马友营蒙古族乡", division_code=TOWNSHIP_CODE
            ) as station:
                # The station's existing villages: half of the roster's are known, half are new.
                township = station.divisions.find_by_code(TOWNSHIP_CODE)
                assert township is not None
                for index in range(20):
                    station.divisions.add_village(township.id, f"村{index:02d}")
                outcome = None

                def run_import(station: Station = station) -> None:
                    nonlocal outcome
                    outcome = station.rosters.import_file(roster)

                seconds = timed(run_import)
                assert outcome is not None and outcome.added == ROWS and not outcome.rejected, outcome
                best = seconds if best is None else min(best, seconds)
        assert best is not None
        return BenchResult(best, "s", baseline)
