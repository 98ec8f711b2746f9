"""``attachment-intake``: adding 1 GB of photos to a project, against copying the same files with shutil.

The photos are real JPEGs with EXIF dates, so intake does all its real work (hash while copying, fsync,
read back and verify, Pillow's structure check and EXIF date, one row each, one transaction):
300 small phone-style photos (640×480) and about 140 large ones (4000×3000 with grain, about 7 MB each,
like a 12-megapixel phone's). The large ones are made quickly by encoding a few pictures once and giving
each copy its own EXIF block (``samples.restamp_jpeg``): every file is distinct (so nothing is
de-duplicated) and fully valid. Setup takes well under a minute.

The baseline is ``shutil.copyfile`` of every file into one folder in the same run (no hashing, no fsync,
no checks): what a plain copy costs on this disk. Both sides read from the page cache.
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
import tempfile
import time
from pathlib import Path

from huimin_desktop.media import samples
from huimin_desktop.services.divisions import DivisionService
from huimin_desktop.services.projects import ProjectInput
from huimin_desktop.services.station_setup import division_id_for_code
from tests.bench.harness import BenchResult, benchmark
from tests.stations import new_station

TOTAL_BYTES = 1024**3
SMALL_PHOTOS = 300
BASE_PICTURES = 6
TOWNSHIP = "211381204000"


def make_photos(folder: Path) -> list[Path]:
    paths = []
    start = dt.datetime(2025, 4, 1, 8, 0)
    for index in range(SMALL_PHOTOS):
        taken = start + dt.timedelta(minutes=7 * index)
        paths.append(
            samples.write_jpeg(folder / f"IMG_S{index:04d}.jpg", size=(640, 480), seed=index, taken_at=taken)
        )
    written = sum(p.stat().st_size for p in paths)
    bases = []
    for seed in range(BASE_PICTURES):
        buffer = io.BytesIO()
        samples.photo_image(4000, 3000, seed=seed, noise=True).save(buffer, "JPEG", quality=92)
        bases.append(buffer.getvalue())
    index = 0
    while written < TOTAL_BYTES:
        taken = start + dt.timedelta(hours=index)
        data = samples.restamp_jpeg(bases[index % len(bases)], taken, note=f"No. {index}")
        path = folder / f"IMG_L{index:04d}.jpg"
        path.write_bytes(data)
        paths.append(path)
        written += len(data)
        index += 1
    return paths


@benchmark("attachment-intake")
def attachment_intake() -> BenchResult:
    with tempfile.TemporaryDirectory(prefix="huimin-bench-intake-") as tmp:
        root = Path(tmp)
        source = root / "phone"
        source.mkdir()
        paths = make_photos(source)

        copies = root / "copies"
        copies.mkdir()
        started = time.perf_counter()
        for path in paths:
            shutil.copyfile(path, copies / path.name)
        baseline = time.perf_counter() - started
        shutil.rmtree(copies)

        with new_station(
            root / "station", level="township", name="马友营蒙古族乡", division_code=TOWNSHIP
        ) as station:
            village = DivisionService(station.db).add_village(division_id_for_code(TOWNSHIP), "东营子村")
            project = station.projects.create(
                ProjectInput(code="BENCH-1", name="基准项目", category="1", division_id=village.id, year=2025)
            ).id
            started = time.perf_counter()
            report = station.attachments.add_files("project", project, paths, category="03")
            elapsed = time.perf_counter() - started
            if len(report.added) != len(paths):
                raise RuntimeError(
                    f"only {len(report.added)} of {len(paths)} photos were added: {report.refused[:3]}"
                )
    return BenchResult(elapsed, "s", baseline)
