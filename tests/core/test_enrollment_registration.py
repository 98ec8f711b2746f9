"""Registration through real packages and the real command line (issue 11).

A setup file holds no private key; a wrong code writes nothing; two laptops set up from one setup file
and code: the first to send a package is bound, the second is refused with a reason that says so and
nothing of it is applied, and it cannot open the city's return package to the first; enrolling a
division again needs --force, and then the old laptop's packages are refused with the date; stations
enrolled under the old scheme (public keys made by the upper station) keep working.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest
from nacl.exceptions import CryptoError
from nacl.public import SealedBox
from sqlalchemy import select

from huimin_desktop.model import SyncEnrollment, SyncPeer
from huimin_desktop.services.station import Station
from huimin_desktop.sync.enrollment import CODE_ALPHABET, SetupFileError, normalize_code
from huimin_desktop.sync.keys import StationKeys, load_keys
from tests.core.sync_helpers import blob_list, logical_dump
from tests.core.test_cli import assert_failed_cleanly, run, snapshot
from tests.stations import new_station, open_station, setup_station

CITY_CODE, TOWNSHIP = "211300", "211381204000"
TOWNSHIP_NAME = "马友营蒙古族乡"


def cli(*args: str) -> dict:
    done = run(*args, "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def refused(*args: str) -> str:
    """A command that must fail cleanly (exit 1, one stderr line, nothing on stdout): its reason."""
    done = run(*args)
    assert_failed_cleanly(done)
    return done.stderr.strip()


def merge_refused(package: str, data: Path) -> str:
    """A merge of one package that must be refused: exit 1, one stderr line; the package's reason."""
    done = run("merge", package, "--data", str(data), "--json")
    assert done.returncode == 1 and len(done.stderr.strip().splitlines()) == 1, done
    (summary,) = json.loads(done.stdout)["packages"]
    assert summary["status"] == "rejected" and summary["reason"] in done.stderr
    return summary["reason"]


@pytest.fixture
def city(tmp_path: Path) -> Path:
    folder = tmp_path / "city"
    cli("init", "--data", str(folder), "--level", "city", "--name", "朝阳市民委", "--division", CITY_CODE)
    return folder


@pytest.fixture
def stick(tmp_path: Path) -> Path:
    folder = tmp_path / "stick"
    folder.mkdir()
    return folder


def enroll(city: Path, out: Path, *extra: str) -> dict:
    return cli(
        "enroll",
        "--data",
        str(city),
        "--division",
        TOWNSHIP,
        "--name",
        TOWNSHIP_NAME,
        "--out",
        str(out),
        *extra,
    )


def set_up(laptop: Path, enrolled: dict) -> dict:
    return cli(
        "init", "--data", str(laptop), "--setup", enrolled["setup_file"], "--code", enrolled["setup_code"]
    )


def export_up(laptop: Path, stick: Path, households: int, seed: int) -> str:
    cli("demo", "--data", str(laptop), "--households", str(households), "--seed", str(seed))
    return cli("export", "--data", str(laptop), "--to", str(stick))["package"]


def city_rows(city: Path) -> tuple[SyncPeer, list[SyncEnrollment]]:
    with open_station(city) as station, station.db.reader() as session:
        peer = session.scalars(select(SyncPeer).where(SyncPeer.division_code == TOWNSHIP)).one()
        enrollments = list(session.scalars(select(SyncEnrollment).order_by(SyncEnrollment.id)))
        for row in (peer, *enrollments):
            session.expunge(row)
    return peer, enrollments


def city_state(city: Path) -> tuple[dict, list[str]]:
    with open_station(city) as station:
        return logical_dump(station, local=True), blob_list(station)


def test_a_setup_file_holds_no_private_key_and_no_clear_secret(
    city: Path, stick: Path, tmp_path: Path
) -> None:
    enrolled = enroll(city, stick / "setup-204.json")
    assert {"station", "name", "level", "division", "setup_file", "setup_code"} <= enrolled.keys()
    assert normalize_code(enrolled["setup_code"]) is not None
    data = Path(enrolled["setup_file"]).read_bytes()
    peer, (enrollment,) = city_rows(city)
    assert (peer.sign_key, peer.box_key) == ("", "")  # the city made no key for the township
    laptop = tmp_path / "laptop"
    set_up(laptop, enrolled)
    township_keys, city_keys = load_keys_of(laptop), load_keys_of(city)
    secrets = [
        bytes(township_keys.signing_key),
        bytes(township_keys.box_key),
        bytes(city_keys.signing_key),
        bytes(city_keys.box_key),
        bytes.fromhex(enrollment.secret),
    ]
    for secret in secrets:
        for form in (secret, secret.hex().encode(), secret.hex().upper().encode(), base64.b64encode(secret)):
            assert form not in data
    body = json.loads(json.loads(data)["setup"])
    assert set(body) == {"version", "created_at", "station", "upper", "enrollment"}
    assert set(body["upper"]) == {"id", "name", "level", "division", "sign_key", "box_key"}
    assert body["upper"]["sign_key"] == city_keys.sign_public_hex
    # the township's keys were made on its laptop, after the file was written
    assert township_keys.sign_public_hex.encode() not in data


def load_keys_of(folder: Path) -> StationKeys:
    with open_station(folder) as station:
        return load_keys(station.db.folder)


def test_a_wrong_code_is_refused_and_nothing_is_written(city: Path, stick: Path, tmp_path: Path) -> None:
    enrolled = enroll(city, stick / "setup-204.json")
    code = normalize_code(enrolled["setup_code"])
    assert code is not None
    other = CODE_ALPHABET[(CODE_ALPHABET.index(code[5]) + 1) % len(CODE_ALPHABET)]
    one_off = code[:5] + other + code[6:]
    laptop = tmp_path / "laptop"
    before_stick, before_city = snapshot(stick), snapshot(city)
    for wrong in (one_off, "AAAA-BBBB-CCCC", "12345", "7K3Q-M9TX-2BHU"):
        reason = refused("init", "--data", str(laptop), "--setup", enrolled["setup_file"], "--code", wrong)
        assert "安装码" in reason, reason
        assert not laptop.exists()
    assert snapshot(stick) == before_stick and snapshot(city) == before_city
    # typed in lower case with spaces, O for 0 and L for 1: accepted
    typed = enrolled["setup_code"].lower().replace("-", " ").replace("0", "o").replace("1", "l")
    created = cli("init", "--data", str(laptop), "--setup", enrolled["setup_file"], "--code", typed)
    assert created["station"] == enrolled["station"]


def test_two_laptops_from_one_setup_file_the_first_is_bound_the_second_refused(
    city: Path, stick: Path, tmp_path: Path
) -> None:
    enrolled = enroll(city, stick / "setup-204.json")
    first, second = tmp_path / "first", tmp_path / "second"
    set_up(first, enrolled)
    set_up(second, enrolled)  # whoever found the stick and the code
    first_package = export_up(first, stick, 4, 1)
    second_package = export_up(second, stick, 3, 2)

    (merged,) = cli("merge", first_package, "--data", str(city))["packages"]
    assert merged["status"] == "applied" and merged["new"] > 4
    peer, (enrollment,) = city_rows(city)
    first_keys = load_keys_of(first)
    assert (peer.sign_key, peer.box_key) == (first_keys.sign_public_hex, first_keys.box_public_hex)
    assert enrollment.registered_at is not None and enrollment.sign_key == first_keys.sign_public_hex
    assert enrollment.registered_package == merged["package_id"]

    before = city_state(city)
    reason = merge_refused(second_package, city)
    assert "另一台电脑已用此安装文件登记" in reason and TOWNSHIP_NAME in reason
    assert f"{enrollment.registered_at:%Y-%m-%d}" in reason
    assert "签名无效" not in reason
    assert city_state(city) == before  # nothing of it applied, not even the binding
    checked = run("verify", second_package, "--data", str(city), "--json")
    assert checked.returncode == 1
    assert json.loads(checked.stdout)["ok"] is False and "另一台电脑" in json.loads(checked.stdout)["reason"]

    # the same registration again is harmless, and the bound laptop goes on sending
    (again,) = cli("merge", first_package, "--data", str(city))["packages"]
    assert again["status"] == "already-applied"
    next_package = export_up(first, stick, 1, 3)
    (later,) = cli("merge", next_package, "--data", str(city))["packages"]
    assert later["status"] == "applied"
    assert city_rows(city)[0].sign_key == first_keys.sign_public_hex

    # the city's return package is sealed to the first laptop's key: the second cannot open it
    back = Path(cli("export", "--to", str(stick), "--for", TOWNSHIP, "--data", str(city))["package"])
    sealed = base64.b64decode(json.loads((back / "MANIFEST.JSN").read_bytes())["sealed_key"])
    with pytest.raises(CryptoError):
        SealedBox(load_keys_of(second).box_key).decrypt(sealed)
    with open_station(second) as station:
        second_before = logical_dump(station, local=True)
    assert "不能在本站打开" in merge_refused(str(back), second)
    with open_station(second) as station:
        assert logical_dump(station, local=True) == second_before
    (down,) = cli("merge", str(back), "--data", str(first))["packages"]
    assert down["status"] == "applied"


def test_reenrolling_needs_force_then_the_old_laptop_is_refused_with_the_date(
    city: Path, stick: Path, tmp_path: Path
) -> None:
    enrolled = enroll(city, stick / "setup-204.json")
    old = tmp_path / "old"
    set_up(old, enrolled)
    (registered,) = cli("merge", export_up(old, stick, 2, 1), "--data", str(city))["packages"]
    assert registered["status"] == "applied"

    before, before_stick = snapshot(city), snapshot(stick)
    reason = refused(
        "enroll", "--data", str(city), "--division", TOWNSHIP, "--name", TOWNSHIP_NAME,
        "--out", str(stick / "setup-204b.json"),
    )  # fmt: skip
    assert "--force" in reason and "已" in reason
    assert snapshot(city) == before and snapshot(stick) == before_stick

    again = enroll(city, stick / "setup-204b.json", "--force")
    assert again["reenrolled"] is True and again["station"] == enrolled["station"]
    assert again["setup_code"] != enrolled["setup_code"]
    peer, enrollments = city_rows(city)
    assert peer.sign_key == "" and [e.superseded_at is None for e in enrollments] == [False, True]
    day = f"{enrollments[0].superseded_at:%Y-%m-%d}"

    before = city_state(city)
    reason = merge_refused(export_up(old, stick, 1, 2), city)
    assert f"已于 {day} 重新登记" in reason and TOWNSHIP_NAME in reason and "签名无效" not in reason
    # a laptop set up now from the old file and code (it cannot know locally) is refused the same way
    stale = tmp_path / "stale"
    set_up(stale, enrolled)
    assert f"已于 {day} 重新登记" in merge_refused(export_up(stale, stick, 1, 3), city)
    assert city_state(city) == before
    # nothing goes down to the division before its new laptop registers
    assert "还没有登记" in refused("export", "--data", str(city), "--to", str(stick), "--for", TOWNSHIP)

    new = tmp_path / "new"
    set_up(new, again)
    (merged,) = cli("merge", export_up(new, stick, 2, 4), "--data", str(city))["packages"]
    assert merged["status"] == "applied"
    assert city_rows(city)[0].sign_key == load_keys_of(new).sign_public_hex


def test_stations_enrolled_under_the_old_scheme_keep_working(tmp_path: Path, stick: Path) -> None:
    """The old enroll made the township's keys and kept their public halves in its peer row."""
    city = new_station(tmp_path / "city", level="city", name="朝阳市民委", division_code=CITY_CODE)
    township = new_station(
        tmp_path / "township", level="township", name=TOWNSHIP_NAME, division_code=TOWNSHIP
    )
    try:
        _old_scheme_link(city, township)
        cli("demo", "--data", str(tmp_path / "township"), "--households", "3")
        (up,) = city.sync.merge([township.sync.export(stick).package])
        assert up.status == "applied", up.reason
        (down,) = township.sync.merge([city.sync.export(stick, recipient=township.info().id).package])
        assert down.status == "applied", down.reason
        again = city.enrollment.enroll("township", TOWNSHIP_NAME, TOWNSHIP, stick / "new.json", force=True)
        assert again.reenrolled
        before = logical_dump(city, local=True)
        (late,) = city.sync.merge([township.sync.export(stick).package])
        assert late.status == "rejected" and "重新登记" in late.reason
        assert logical_dump(city, local=True) == before
    finally:
        city.close()
        township.close()


def _old_scheme_link(city: Station, township: Station) -> None:
    import datetime as dt

    keys = {s: load_keys(s.db.folder) for s in (city, township)}
    for here, there, relation in ((city, township, "lower"), (township, city, "upper")):
        info = there.info()
        with here.db.session(capture=False) as session:
            session.add(
                SyncPeer(
                    station_id=info.id,
                    name=info.name,
                    level=info.level,
                    division_code=info.division_code,
                    relation=relation,
                    sign_key=keys[there].sign_public_hex,
                    box_key=keys[there].box_public_hex,
                    enrolled_at=dt.datetime(2026, 11, 1),
                    acked_seq=0,
                    received_seq=0,
                )
            )


def test_an_old_setup_file_with_private_keys_is_refused(tmp_path: Path) -> None:
    upper = StationKeys.generate()
    body = {
        "version": 1,
        "created_at": "2026-11-01 08:00:00",
        "station": {"id": "12" * 16, "name": TOWNSHIP_NAME, "level": "township", "division": TOWNSHIP},
        "keys": StationKeys.generate().secrets(),
        "upper": {"id": "34" * 16, "name": "朝阳市民委", "level": "city", "division": CITY_CODE,
                  "sign_key": upper.sign_public_hex, "box_key": upper.box_public_hex},
    }  # fmt: skip
    text = json.dumps(body, ensure_ascii=False)
    document = {"format": "huimin-setup", "setup": text, "signature": upper.sign(text.encode()).hex()}
    old = tmp_path / "old.json"
    old.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(SetupFileError, match="旧版安装文件"):
        setup_station(tmp_path / "township", old, "7K3Q-M9TX-2BHD")
    assert not (tmp_path / "township").exists()


def test_the_cli_says_where_the_code_goes(city: Path, stick: Path) -> None:
    done = run("enroll", "--data", str(city), "--division", TOWNSHIP, "--name", TOWNSHIP_NAME,
               "--out", str(stick / "s.json"))  # fmt: skip
    assert done.returncode == 0, done.stderr
    (code_line,) = [line for line in done.stdout.splitlines() if line.startswith("安装码：")]
    assert normalize_code(code_line.removeprefix("安装码：")) is not None
    assert "不要和 U 盘放在一起" in done.stdout
