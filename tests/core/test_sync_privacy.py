"""No household's name, ID number or phone in any byte of a real package (DESIGN.md §4).

The container's own test (test_package_container.py) writes made-up records straight through
``write_package``; this one goes end to end: a township filled by ``generate_demo`` (names, ID numbers,
phones, photos) exports through ``station.sync.export``, the package is read back as raw bytes (every
file, manifest and signature included), and every name, ID number and phone number of the township's
database is searched for as UTF-8 and as GBK.

Two-character names are four bytes in GBK: among a package's few hundred kilobytes of random-looking
ciphertext such a short pattern would turn up by chance now and then, so GBK is checked for names of
three or more characters (six bytes and more) and every name is checked as UTF-8 (six bytes and more).
"""

from __future__ import annotations

from pathlib import Path

from huimin_desktop.demo import generate_demo
from tests.stations import connect_db, new_station, setup_station

CITY, TOWNSHIP = "211300", "211381204000"


def _secrets(database: Path) -> tuple[set[str], set[str]]:
    """(names, numbers): every person's name; every ID number and phone number (ASCII digits)."""
    connection = connect_db(database)
    try:
        names = {r[0] for r in connection.execute("SELECT name FROM member")}
        names |= {r[0] for r in connection.execute("SELECT head_name FROM household")}
        numbers = {r[0] for r in connection.execute("SELECT id_number FROM member")}
        numbers |= {r[0] for r in connection.execute("SELECT head_id_number FROM household")}
        numbers |= {r[0] for r in connection.execute("SELECT phone FROM member")}
        numbers |= {r[0] for r in connection.execute("SELECT phone FROM household")}
    finally:
        connection.close()
    return {n for n in names if n and n.strip()}, {n for n in numbers if n and n.strip()}


def test_no_name_id_number_or_phone_in_any_byte_of_an_exported_package(tmp_path: Path) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    with new_station(tmp_path / "city", level="city", name="朝阳市民委", division_code=CITY) as city:
        setup = city.enrollment.enroll("township", "马友营蒙古族乡", TOWNSHIP, stick / "setup.json")
    with setup_station(tmp_path / "township", setup.setup_file, setup.setup_code) as township:
        generate_demo(township, 150, seed=11, attachments_mb=1)
        exported = township.sync.export(stick)
    names, numbers = _secrets(tmp_path / "township" / "huimin.db")
    assert len(names) > 300 and len(numbers) > 300  # the demo filled it: the search means something
    assert any(len(n) >= 3 for n in names)

    files = sorted(p for p in exported.package.rglob("*") if p.is_file())
    assert files and exported.records > 150
    everything = b"\0".join(p.read_bytes() for p in files)
    everything += b"\0" + "\0".join(p.name for p in files).encode()  # file names too

    found = []
    for number in numbers:
        if number.encode("ascii") in everything:
            found.append(number)
    for name in names:
        if name.encode("utf-8") in everything:
            found.append(f"{name} (UTF-8)")
        if len(name) >= 3 and name.encode("gbk") in everything:
            found.append(f"{name} (GBK)")
    assert not found, found[:10]

    # and the same search does find them where they are in clear text: the township's decrypted database
    clear = tmp_path / "clear.db"
    connection = connect_db(tmp_path / "township" / "huimin.db")
    connection.execute(f"ATTACH DATABASE '{clear}' AS clear KEY ''")
    connection.execute("SELECT sqlcipher_export('clear')")
    connection.close()
    database = clear.read_bytes()
    sample_name = next(n for n in sorted(names) if len(n) >= 3)
    assert sample_name.encode("utf-8") in database
    assert next(iter(sorted(numbers))).encode("ascii") in database
    # while the encrypted one holds neither
    encrypted = (tmp_path / "township" / "huimin.db").read_bytes()
    assert sample_name.encode("utf-8") not in encrypted and not encrypted.startswith(b"SQLite format 3")
