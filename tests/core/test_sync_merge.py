"""The merge rules, station to station, with packages passed as plain records (no files)."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from huimin_desktop.services.household_list import HouseholdQuery
from huimin_desktop.services.projects import ProjectInput
from huimin_desktop.sync.merge import FutureStamps
from tests.core.sync_helpers import (
    add_household,
    deliver,
    household_field,
    logical_dump,
    make_package,
    set_household,
)

CITY, TOWNSHIP_A, TOWNSHIP_B = "211300", "211381204000", "211381205000"


def test_a_household_travels_up_with_its_members_and_is_found_by_search(network):
    city, a, _b = network
    household = add_household(a, "宝斯鲁", "211381198001010019", members=3)
    outcome = deliver(make_package(a, city), city)
    assert (outcome.stats.new, outcome.stats.updated) == (1 + 3 + 0, 0)
    assert household_field(city, household, "head_name") == "宝斯鲁"
    assert household_field(city, household, "member_count") == 3
    assert household_field(city, household, "origin") == a.info().id
    found = city.households.ids(HouseholdQuery(search="bsl"))
    assert household in found
    assert city.check().ok


def test_the_same_package_twice_changes_nothing(network):
    city, a, _b = network
    add_household(a, "宝斯鲁", "211381198001010019", members=2)
    package = make_package(a, city)
    deliver(package, city)
    before = logical_dump(city)
    assert deliver(package, city) is None  # a replay is recognised by its package id
    # and even the same records under another name change nothing
    again = city.sync.apply_records(package["records"], origin=package["origin"])
    assert (again.stats.new, again.stats.updated, again.stats.unchanged) == (0, 0, 3)
    assert logical_dump(city) == before


def test_the_next_package_carries_only_what_was_not_acknowledged(network):
    city, a, _b = network
    first = add_household(a, "宝斯鲁", "211381198001010019")
    deliver(make_package(a, city), city)
    deliver(make_package(city, a), a)  # the return package carries the acknowledgement
    second = add_household(a, "乌力吉", "211381198502020028")
    package = make_package(a, city)
    ids = {r["id"] for r in package["records"] if r["t"] == "household"}
    assert ids == {second} and first not in ids


def test_concurrent_edits_of_one_field_converge_and_are_logged(network):
    city, a, _b = network
    household = add_household(a, "宝斯鲁", "211381198001010019")
    deliver(make_package(a, city), city)
    set_household(city, household, phone="13911111111")  # the city corrects
    set_household(a, household, phone="13922222222")  # the township edits, not knowing
    deliver(make_package(a, city), city)
    deliver(make_package(city, a), a)
    assert household_field(city, household, "phone") == household_field(a, household, "phone")
    conflicts = city.sync.conflicts()
    assert [(c.kind, c.field) for c in conflicts] == [("field", "phone")]
    assert {conflicts[0].winner_value, conflicts[0].other_value} == {"13911111111", "13922222222"}


def test_an_edit_made_after_seeing_the_other_is_no_conflict(network):
    city, a, _b = network
    household = add_household(a, "宝斯鲁", "211381198001010019")
    deliver(make_package(a, city), city)
    set_household(city, household, phone="13911111111")
    deliver(make_package(city, a), a)
    assert household_field(a, household, "phone") == "13911111111"
    set_household(a, household, phone="13933333333")
    deliver(make_package(a, city), city)
    assert household_field(city, household, "phone") == "13933333333"
    assert city.sync.conflicts() == [] and a.sync.conflicts() == []


def test_choosing_the_other_value_becomes_an_edit_that_syncs_back(network):
    city, a, _b = network
    household = add_household(a, "宝斯鲁", "211381198001010019")
    deliver(make_package(a, city), city)
    set_household(a, household, phone="13922222222")
    set_household(city, household, phone="13911111111")  # later stamp: the city's value wins
    deliver(make_package(a, city), city)
    (conflict,) = city.sync.conflicts()
    assert household_field(city, household, "phone") == "13911111111"
    city.sync.choose_other(conflict.id, user="clerk")
    assert household_field(city, household, "phone") == "13922222222"
    assert city.sync.conflicts() == []
    deliver(make_package(city, a), a)
    assert household_field(a, household, "phone") == "13922222222"


def test_an_edit_meeting_a_deletion_is_logged_and_the_deletion_stands(network):
    city, a, _b = network
    household = add_household(a, "宝斯鲁", "211381198001010019")
    deliver(make_package(a, city), city)
    set_household(city, household, deleted=True)
    set_household(a, household, notes="新盖了牛棚")
    deliver(make_package(a, city), city)
    assert household_field(city, household, "deleted") is True
    assert household_field(city, household, "notes") == "新盖了牛棚"
    (conflict,) = city.sync.conflicts()
    assert conflict.kind == "edit-delete"
    city.sync.choose_other(conflict.id)
    assert household_field(city, household, "deleted") is False


def test_one_id_number_in_two_townships_is_a_conflict_at_the_city(network):
    city, a, b = network
    first = add_household(a, "宝斯鲁", "211381198001010019")
    second = add_household(b, "宝斯鲁", "211381198001010019")
    deliver(make_package(a, city), city)
    deliver(make_package(b, city), city)
    conflicts = city.sync.conflicts()
    assert [c.kind for c in conflicts] == ["duplicate-id"]
    assert {conflicts[0].row_id, conflicts[0].other_row_id} == {first, second}
    assert "*" in conflicts[0].winner_value  # masked for display
    # both households stay: a clash between stations is never merged silently
    assert household_field(city, first, "deleted") is False
    assert household_field(city, second, "deleted") is False


def test_other_townships_households_never_go_down(network):
    city, a, b = network
    add_household(a, "宝斯鲁", "211381198001010019")
    mine = add_household(b, "乌力吉", "211381198502020028")
    deliver(make_package(a, city), city)
    deliver(make_package(b, city), city)
    set_household(city, mine, notes="市里更正")
    down = make_package(city, b)
    tables = {r["t"] for r in down["records"]}
    household_ids = {r["id"] for r in down["records"] if r["t"] == "household"}
    assert household_ids == {mine}
    assert "member" not in tables  # the members did not change at the city
    deliver(down, b)
    assert household_field(b, mine, "notes") == "市里更正"


def test_stamps_far_in_the_future_are_refused_before_anything_is_written(network):
    city, a, _b = network
    add_household(a, "宝斯鲁", "211381198001010019")
    package = make_package(a, city)
    record = package["records"][-1]
    record["s"] = "ffff" + record["s"][4:]
    before = logical_dump(city, local=True)
    with pytest.raises(FutureStamps):
        deliver(package, city)
    assert logical_dump(city, local=True) == before


def test_a_dry_run_reports_the_same_counts_and_changes_nothing(network):
    city, a, _b = network
    add_household(a, "宝斯鲁", "211381198001010019", members=2)
    package = make_package(a, city)
    before = logical_dump(city, local=True)
    preview = deliver(package, city, dry_run=True)
    assert logical_dump(city, local=True) == before
    applied = deliver(package, city)
    assert (preview.stats.new, preview.stats.updated) == (applied.stats.new, applied.stats.updated)


def test_one_household_added_to_a_project_at_both_levels_counts_once(network):
    from huimin_desktop.model import ProjectBeneficiary

    city, a, _b = network
    household = add_household(a, "宝斯鲁", "211381198001010019")
    with a.db.reader() as session:
        division = session.scalar(text("SELECT id FROM division ORDER BY code LIMIT 1"))
    project = a.projects.create(
        ProjectInput(code="BP-2025-001", name="肉牛养殖", category="1", division_id=division, year=2025)
    ).id
    deliver(make_package(a, city), city)
    for station in (a, city):  # both add the household before they sync
        with station.db.session() as session:
            session.add(ProjectBeneficiary(project_id=project, household_id=household))
    deliver(make_package(a, city), city)
    assert city.projects.get(project).beneficiaries.total == 1
