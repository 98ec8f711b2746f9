"""Opening data folders: pragmas, layout, upgrades from older schemas, refusal of newer ones."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from huimin_desktop.errors import NoStationError, StationExistsError
from huimin_desktop.model import Household
from huimin_desktop.services.households import HouseholdQuery
from huimin_desktop.services.station import Station
from huimin_desktop.store import schema
from huimin_desktop.store.database import Database
from huimin_desktop.store.datafolder import DataFolder
from huimin_desktop.store.engine import make_engine
from tests.conftest import TOWNSHIP_CODE
from tests.stations import connect_db, data_key, new_station, open_station


def _snapshot(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "dir"
        for p in sorted(folder.rglob("*"))
    }


def test_new_station_folder_has_layout_and_pragmas(station: Station) -> None:
    folder = station.db.folder
    for sub in (folder.attachments_dir, folder.keys_dir, folder.backups_dir, folder.staging_dir):
        assert sub.is_dir()
    with station.db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
    assert schema.current_revision(station.db.engine) == schema.head_revision()
    assert station.info().division_code == TOWNSHIP_CODE


def test_data_folder_comes_from_environment_when_not_given(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("HUIMIN_DATA", str(tmp_path / "from-env"))
    with new_station(None, level="city", name="朝阳市民委", division_code="211300") as station:
        assert station.data_dir == tmp_path / "from-env"


def test_opening_a_folder_without_station_is_refused_and_creates_nothing(tmp_path: Path) -> None:
    with pytest.raises(NoStationError):
        open_station(tmp_path / "nothing-here")
    assert not (tmp_path / "nothing-here").exists()


def test_second_init_is_refused(station: Station) -> None:
    with pytest.raises(StationExistsError):
        new_station(station.data_dir, level="city", name="x", division_code="211300")


def test_folder_from_first_schema_version_is_backed_up_and_upgraded(tmp_path: Path) -> None:
    folder = DataFolder(tmp_path / "old")
    folder.ensure_layout()
    engine = make_engine(folder.db_path)
    schema.upgrade(engine, "0001")
    with engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO station_identity (id, name, level, division_code, created_at) "
            "VALUES ('"
            + "1" * 32
            + "', '老站点', 'township', '"
            + TOWNSHIP_CODE
            + "', '2025-01-01 00:00:00')"
        )
        connection.exec_driver_sql(
            "INSERT INTO division (id, code, name, level, parent_id, origin, created_stamp, stamp, "
            "deleted, seq)"
            " VALUES ('" + "2" * 32 + "', NULL, '老村', 'village', NULL, '" + "1" * 32 + "', 's', 's', 0, 5)"
        )
        sync = "'" + "1" * 32 + "', 's', 's', 0, 6"
        connection.exec_driver_sql(
            "INSERT INTO household (id, division_id, household_no, address, phone, notes, head_name, "
            "head_id_number, ethnicity, member_count, search_text, origin, created_stamp, stamp, deleted, "
            "seq) "
            "VALUES ('" + "3" * 32 + "', '" + "2" * 32 + "', '', '', '', '', '宝斯鲁', '', '02', 4, "
            "'宝斯鲁 baosilu bsl', " + sync + ")"
        )
        for year, business in ((2024, 20000), (2025, 24000)):
            connection.exec_driver_sql(
                "INSERT INTO survey (id, household_id, year, household_size, income_wage, income_business, "
                "income_property, income_transfer, expense_business, hardship_causes, needs, notes, "
                "surveyor, origin, created_stamp, stamp, deleted, seq) VALUES "
                f"('{year}{'4' * 28}', '{'3' * 32}', {year}, 4, 0, {business}, 0, 0, 0, '', '', '', '', "
                + sync
                + ")"
            )
    engine.dispose()

    with open_station(folder.root) as station:
        assert schema.current_revision(station.db.engine) == schema.head_revision()
        assert station.info().name == "老站点"
        assert station.check().ok
        # 0003 filled the newest survey's income, 0004 indexed the old household for search.
        [row] = station.households.rows(station.households.ids(HouseholdQuery(search="baosilu")))
        assert (row.latest_year, row.latest_net_income, row.latest_per_capita) == (2025, 24000, 6000)
        # 0005 gave the old household its pinyin sort key.
        with station.db.reader() as session:
            assert session.get(Household, row.id).head_name_sort == "baosilu 宝斯鲁"
    backups = list(folder.backups_dir.glob("huimin-before-upgrade-from-0001-*.db"))
    assert len(backups) == 1
    backup = connect_db(backups[0])
    assert backup.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
    assert backup.execute("SELECT name FROM division").fetchall() == [("老村",)]
    backup.close()


def test_folder_from_a_newer_version_is_refused_untouched(station: Station) -> None:
    data_dir = station.data_dir
    station.close()
    connection = connect_db(data_dir / "huimin.db")
    connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.commit()
    connection.close()
    before = _snapshot(data_dir)
    with pytest.raises(schema.SchemaTooNewError):
        open_station(data_dir)
    with pytest.raises(schema.SchemaTooNewError):
        Database.open(DataFolder(data_dir), data_key(data_dir))
    assert _snapshot(data_dir) == before


def test_migrations_build_exactly_the_schema_the_models_declare(station: Station) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from huimin_desktop.model import Base

    with station.db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_object": schema.is_model_object})
        differences = compare_metadata(context, Base.metadata)
    assert differences == [], "add an Alembic revision for the model change"


def test_declared_head_revision_is_alembics_head() -> None:
    assert schema.alembic_head_revision() == schema.HEAD_REVISION
