"""The report opened by a real spreadsheet program: LibreOffice prints each table one page wide, A4
landscape, with the header rows on every page (skipped where LibreOffice or poppler is not installed)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from huimin_desktop.spreadsheet.report_tables import HEADER_FIRST
from tests.stations import new_station

pytestmark = pytest.mark.skipif(
    not (shutil.which("soffice") and shutil.which("pdftotext") and shutil.which("pdfinfo")),
    reason="needs LibreOffice (soffice) and poppler (pdftotext, pdfinfo)",
)


def _pdf(workbook: Path, out: Path) -> Path:
    profile = out / "lo-profile"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            str(workbook),
            "--outdir",
            str(out),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return out / f"{workbook.stem}.pdf"


def _pages(pdf: Path) -> list[str]:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    count = int(re.search(r"Pages:\s+(\d+)", info).group(1))  # type: ignore[union-attr]
    width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info).groups())  # type: ignore[union-attr]
    assert width > height and abs(width - 842) < 2 and abs(height - 595) < 2  # A4 landscape
    return [
        subprocess.run(
            ["pdftotext", "-f", str(n), "-l", str(n), "-layout", str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for n in range(1, count + 1)
    ]


def test_each_table_prints_one_page_wide(tmp_path: Path) -> None:
    station = new_station(tmp_path / "city", level="city", name="朝阳市民委", division_code="211300")
    station.generate_demo(1500, seed=7)
    workbook = tmp_path / "report.xlsx"
    station.reports.export(workbook, 2026)
    station.close()
    pages = _pages(_pdf(workbook, tmp_path))
    book = load_workbook(workbook)
    seen_titles = []
    for text in pages:
        title = next((ws.title for ws in book if f"2026年惠民工程{ws.title}" in text), None)
        if title is not None:
            seen_titles.append(title)
        # Every page, first or continued, holds the repeated header: the first and the last column
        # number, so no page carries only some columns of a table.
        numbers = text.split("甲", 1)
        assert len(numbers) == 2, text[:200]
        last = str(max(int(n) for n in re.findall(r"\b(\d{1,2})\b", numbers[1].splitlines()[0])))
        ws = book[seen_titles[-1]]
        header_numbers = [c.value for c in ws[HEADER_FIRST + 2] if c.value]
        assert last == header_numbers[-1], (seen_titles[-1], text[:300])
        assert "第" in text and "页" in text
    assert seen_titles == book.sheetnames  # each table starts on a page of its own, in order
    assert len(pages) >= len(book.sheetnames)
