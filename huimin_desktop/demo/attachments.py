"""Project photos: drawn site pictures, stored by hash like any attachment, linked to projects.

Each photo is a sky, fields, a few buildings or sheds and sensor grain: enough to look like a site
photo and to compress like one (about 200–400 KB as JPEG). They go round the projects in turn until the
asked-for megabytes are written, dated within each project's works. The blobs are written straight into
the attachment store (sealed, a temporary name, then a rename); the run's caller deletes the ones it added if
the run fails or is cancelled, since no row refers to them then.
"""

from __future__ import annotations

import datetime as dt
import io
import random
from pathlib import Path

from huimin_desktop.demo.bulk import BulkWriter
from huimin_desktop.demo.draws import codes_by_name
from huimin_desktop.demo.projects import WrittenProject
from huimin_desktop.domain.codelists import code_lists
from huimin_desktop.messages import text
from huimin_desktop.progress import TaskState
from huimin_desktop.store import fingerprints
from huimin_desktop.store.attachments import BlobStore

_PHOTO_CAPTIONS = (  # caption, attachment category name
    ("项目申报现场踏查", "申报材料"),
    ("施工现场", "施工照片"),
    ("项目建设中", "施工照片"),
    ("竣工全景", "验收材料"),
    ("验收现场", "验收材料"),
    ("公示栏照片", "公示照片"),
)
_SIZES = ((1024, 768), (1280, 960), (960, 720))


def write_photos(
    writer: BulkWriter,
    rng: random.Random,
    task: TaskState,
    projects: list[WrittenProject],
    megabytes: int,
    *,
    store: BlobStore,
    new_blobs: list[Path],
) -> int:
    """About ``megabytes`` of photos into ``store`` (the attachment store), each blob it adds listed in
    ``new_blobs``; how many attachments were written."""
    if megabytes <= 0 or not projects:
        return 0
    category_codes = codes_by_name(code_lists().attachment_category)
    budget = megabytes * 1024 * 1024
    written = 0
    count = 0
    while written < budget:
        task.check()
        project = projects[count % len(projects)]
        data = _site_photo(rng)
        blob = store.write_bytes(data)  # sealed under the data key, like any intake
        digest = blob.sha256
        if blob.created:
            new_blobs.append(store.path(digest))
        fingerprints.record(writer.connection, [blob.fingerprint])
        span = max(0, (project.finish - project.start).days)
        taken = dt.datetime.combine(
            project.start + dt.timedelta(days=rng.randint(0, span)),
            dt.time(rng.randint(8, 17), rng.randint(0, 59)),
        )
        caption, category = rng.choice(_PHOTO_CAPTIONS)
        (attachment_id,) = writer.ids(1)
        writer.add(
            "attachment",
            attachment_id,
            "project",
            project.id,
            digest,
            len(data),
            f"IMG_{taken:%Y%m%d_%H%M%S}.jpg",
            "image/jpeg",
            "photo",
            category_codes[category],
            f"{project.name}：{caption}",
            f"{taken:%Y-%m-%d %H:%M:%S}.000000",
            None,
            writer.sync[-1],  # arrival_seq: the run's seq, like an intake's
        )
        written += len(data)
        count += 1
        task.report(min(written, budget) // (1024 * 1024), megabytes, text("working.demo_photos"))
    writer.flush("attachment")
    return count


def _site_photo(rng: random.Random) -> bytes:
    """One JPEG: sky, fields, two to six buildings with roofs, and grain."""
    from PIL import Image, ImageDraw  # only runs that ask for photos pay for Pillow

    width, height = rng.choice(_SIZES)
    ri = rng.randint
    sky = Image.new("RGB", (4, 3))
    sky.putdata([(ri(90, 190), ri(140, 215), ri(200, 255)) for _ in range(12)])
    image = sky.resize((width, height), Image.Resampling.BICUBIC)
    draw = ImageDraw.Draw(image)
    horizon = ri(height // 3, height * 2 // 3)
    ground = rng.choice(((ri(70, 120), ri(110, 160), ri(40, 80)), (ri(140, 180), ri(110, 140), ri(70, 100))))
    draw.rectangle((0, horizon, width, height), fill=ground)
    for _ in range(ri(2, 6)):
        x, w, h = ri(0, width - 100), ri(60, 300), ri(40, 200)
        wall = ri(170, 235)
        draw.rectangle((x, horizon - h, x + w, horizon), fill=(wall, wall - ri(0, 20), wall - ri(0, 30)))
        roof = rng.choice(((ri(150, 200), ri(40, 70), ri(30, 60)), (ri(40, 80), ri(80, 120), ri(150, 200))))
        draw.polygon(
            [(x - 10, horizon - h), (x + w // 2, horizon - h - ri(20, 60)), (x + w + 10, horizon - h)],
            fill=roof,
        )
    grain = Image.frombytes("L", (width, height), rng.randbytes(width * height)).convert("RGB")
    image = Image.blend(image, grain, 0.12)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=88)
    return buffer.getvalue()
