"""Operations say what they changed: the tables committed transactions wrote, recorded by the engine."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from huimin_desktop.changes import AREAS, Changes, recording
from huimin_desktop.demo import generate_demo
from huimin_desktop.errors import ValidationError
from huimin_desktop.model import Base
from huimin_desktop.services.households import HouseholdInput, HouseholdQuery, MemberInput, SurveyInput
from huimin_desktop.services.station import Station
from tests.core.sync_helpers import add_household, enroll_station
from tests.stations import new_station

TOWNSHIP = "211381204000"
HEAD = MemberInput(name="宝斯鲁", relationship="02", ethnicity="02")


def _village(station: Station) -> str:
    return station.divisions.add_village(station.divisions.find_by_code(TOWNSHIP).id, "东营子村").id


def test_every_table_of_the_schema_belongs_to_an_area() -> None:
    """A new table is named in AREAS, or no screen could ask whether it changed."""
    areas = [table for tables in AREAS.values() for table in tables]
    assert len(areas) == len(set(areas))
    assert set(Base.metadata.tables) == set(areas)


def test_a_household_save_records_the_household_tables(station: Station) -> None:
    village = _village(station)
    with recording() as record:
        saved = station.households.save_with_survey(
            None,
            HouseholdInput(division_id=village, members=(HEAD,)),
            SurveyInput(year=2024, income_wage=900),
        )
    done = record.changes
    assert done.households and {"household", "member", "survey"} <= done.tables
    assert not (done.projects or done.trainings or done.sync or done.divisions or done.attachments)
    # An edit of the survey alone: still the household area, nothing else shown changed.
    with recording() as record:
        station.households.save_survey(saved.id, SurveyInput(year=2024, income_wage=1000))
    assert record.changes.households and not record.changes.divisions


def test_reads_and_refused_writes_record_nothing(station: Station) -> None:
    village = _village(station)
    household = station.households.create(HouseholdInput(division_id=village, members=(HEAD,))).id
    with recording() as record:
        station.households.ids(HouseholdQuery(search="b"))
        station.households.first_ids(HouseholdQuery(search="b"))
        station.households.count()
        station.households.rows([household])
        station.households.get(household)
        station.households.validate(HouseholdInput(division_id=village, members=(HEAD,)), household)
        station.sync.conflicts()
        station.info()
        with pytest.raises(ValidationError):
            station.households.create(HouseholdInput(division_id=village, members=()))
    assert record.changes == Changes() and not record.changes


def test_core_level_bulk_writes_and_a_merge_are_recorded(tmp_path: Path) -> None:
    """The demo's bulk writer and the merge write through Core and raw SQL, not the ORM."""
    stick = tmp_path / "stick"
    stick.mkdir()
    city = new_station(tmp_path / "city", level="city", name="朝阳市民委", division_code="211300")
    township = enroll_station(city, "township", "马友营蒙古族乡", TOWNSHIP, stick / "s.json", tmp_path / "t")
    try:
        _merge_recorded(city, township, stick)
    finally:
        township.close()
        city.close()


def _merge_recorded(city: Station, township: Station, stick: Path) -> None:
    with recording() as record:
        generate_demo(township, 5, seed=3)
    assert record.changes.households and record.changes.projects and record.changes.trainings
    with recording() as record:
        exported = township.sync.export(stick)
    assert record.changes.sync and not record.changes.households
    with recording() as record:
        city.sync.merge([exported.package], dry_run=True)
    assert not record.changes.households  # a preview rolls back
    with recording() as record:
        city.sync.merge([exported.package])
    assert record.changes.households and record.changes.sync


def test_recordings_nest(station: Station) -> None:
    with recording() as outer:
        with recording() as inner:
            add_household(station, "宝音")
        station.divisions.add_village(station.divisions.find_by_code(TOWNSHIP).id, "西营子村")
    assert inner.changes.households and not inner.changes.divisions
    assert outer.changes.households and outer.changes.divisions


# -- rules live in services: validate gives the 建档立卡 consistency warnings itself ------------------


def test_validate_reports_the_consistency_warnings_of_what_would_be_saved(station: Station) -> None:
    village = _village(station)
    household = HouseholdInput(division_id=village, members=(HEAD,))
    wage = SurveyInput(year=2024, income_wage=5000)
    codes = {i.code for i in station.households.validate(household, None, wage)}
    assert "household.wage_without_work_away" in codes
    # Without a survey in the form: the stored latest survey's income is what the checks read.
    saved = station.households.save_with_survey(None, household, wage).id
    assert "household.wage_without_work_away" in {
        i.code for i in station.households.validate(household, saved)
    }
    # The members as typed: one away for work answers it.
    away = HouseholdInput(division_id=village, members=(dataclasses.replace(HEAD, work_away_months=6),))
    assert "household.wage_without_work_away" not in {
        i.code for i in station.households.validate(away, saved, wage)
    }
