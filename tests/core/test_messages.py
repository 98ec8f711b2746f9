"""Errors carry codes and one catalog words them: Chinese by default, English for --lang en / en_* / the GUI.

Checked through the real validators, services and command line: the Chinese lines are the ones users
saw before, and the errors a user meets most (ID numbers, amounts, a duplicate ID number, refused
packages, data-folder problems) read in English in English mode.
"""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from huimin_desktop import messages
from huimin_desktop.domain.amounts import parse_amount
from huimin_desktop.domain.idnumber import check_id_number, check_id_number_cell
from huimin_desktop.errors import NotFoundError, ServiceError, ValidationError
from huimin_desktop.messages import CATALOG, EN, ZH, describe
from huimin_desktop.services.households import HouseholdInput, MemberInput
from huimin_desktop.services.station import Station
from tests.conftest import TOWNSHIP_CODE
from tests.core.test_cli import run
from tests.stations import open_station

CJK = re.compile(r"[\u3400-\u9fff\uff00-\uffef\u3000-\u303f]")
HEAD_ID = "211381198203150035"


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("code", sorted(CATALOG))
def test_every_code_has_both_languages(code: str) -> None:
    words = CATALOG[code]
    assert words.zh.strip() and words.en.strip()
    assert CJK.search(words.zh) or not CJK.search(words.en), code
    assert not CJK.search(words.en.replace("“", "").replace("”", "")), f"{code}: Chinese in the English"
    params = dict.fromkeys(_fields(words.zh) | _fields(words.en), "x")
    assert messages.text(code, params, ZH) and messages.text(code, params, EN)


def test_language_from_the_environment() -> None:
    assert messages.language_from_environment({"LANG": "en_US.UTF-8"}) == EN
    assert messages.language_from_environment({"LANG": "zh_CN.UTF-8"}) == ZH
    assert messages.language_from_environment({"LANG": "C.UTF-8"}) == ZH
    assert messages.language_from_environment({"LC_ALL": "zh_CN", "LANG": "en_GB"}) == ZH
    assert messages.language_from_environment({"LC_MESSAGES": "en_US", "LANG": "zh_CN"}) == EN
    assert messages.language_from_environment({}) == ZH


@pytest.mark.parametrize(
    ("text", "code", "english"),
    [
        ("2113811982031500", "id.length", "has 18 digits"),
        ("21138119820315003A", "id.characters", "only digits"),
        ("211381198203150036", "id.check_digit", "check digit is wrong"),
        ("211381199002300019", "id.birth_date_invalid", "(19900230) does not exist"),
    ],
)
def test_id_number_problems_in_both_languages(text: str, code: str, english: str) -> None:
    issue = next(i for i in check_id_number(text).issues if i.is_error)
    assert issue.code == code
    assert describe(issue, ZH) == issue.message  # Chinese: exactly the validator's line, as before
    assert english in (describe(issue, EN) or "")
    assert not CJK.search(describe(issue, EN) or "")


def test_excel_number_and_amounts_in_english() -> None:
    stored = check_id_number_cell(2.11381198203150e17).issues[0]
    assert "Format the column as Text" in (describe(stored, EN) or "")
    for value, english in (("abc", "“abc” is not a number"), ("-5", "-5 cannot be negative")):
        issue = parse_amount(value).issues[0]
        assert english in (describe(issue, EN) or ""), describe(issue, EN)
        assert describe(issue, ZH) == issue.message
    assert "over 100 million yuan" in (describe(parse_amount("200000000").issues[0], EN) or "")


def test_duplicate_id_number_refused_by_the_service_in_english(station: Station) -> None:
    township = station.divisions.find_by_code(TOWNSHIP_CODE)
    assert township is not None
    village = station.divisions.add_village(township.id, "东营子村").id
    data = HouseholdInput(division_id=village, members=(MemberInput(name="宝斯鲁", id_number=HEAD_ID),))
    station.households.save_with_survey(None, data, None)
    with pytest.raises(ValidationError) as refused:
        station.households.save_with_survey(None, data, None)
    error = refused.value
    assert "已登记在户主为“宝斯鲁”的另一户中" in (describe(error, ZH) or "")
    assert describe(error, ZH) == error.message
    english = describe(error, EN) or ""
    assert "211381********0035 is already registered in another household (head: 宝斯鲁)" in english


def test_service_errors_keep_their_chinese_and_gain_english(tmp_path: Path) -> None:
    coded = ServiceError(code="sync.revoked_station", name="马友营", date="2026-11-30")
    assert coded.message == "同步包来自已吊销的站点“马友营”（2026-11-30 吊销），已拒绝"
    assert (
        describe(coded, EN)
        == "The package comes from the revoked station “马友营” (revoked on 2026-11-30); refused"
    )
    bare = ServiceError("还没有代码的原因")  # a raise site not yet migrated: its Chinese line everywhere
    assert describe(bare, ZH) == describe(bare, EN) == "还没有代码的原因"
    missing = NotFoundError("农户", "abc")
    assert missing.message == "找不到农户（abc）" and describe(missing, ZH) == "找不到农户（abc）"
    with pytest.raises(ServiceError) as no_station:
        open_station(tmp_path / "empty")
    assert "还没有站点" in no_station.value.message
    assert describe(no_station.value, EN) == (
        f"There is no station in the data folder {tmp_path / 'empty'} yet; set one up first (init)"
    )


def test_data_folder_problems_in_english(tmp_path: Path) -> None:
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x")
    from huimin_desktop.store.datafolder import DataFolder, DataFolderError

    with pytest.raises(DataFolderError) as refused:
        DataFolder(not_a_folder).ensure_layout()
    assert describe(refused.value, ZH) == f"{not_a_folder}：不是文件夹"
    assert describe(refused.value, EN) == f"{not_a_folder}: not a folder"


def test_the_process_language_is_the_default() -> None:
    issue = check_id_number("123").issues[0]
    messages.set_language("en_US")
    try:
        assert describe(issue) == "An ID number has 18 digits (15 on an old card); this one has 3"
    finally:
        messages.set_language(None)
    assert describe(issue) == issue.message


# -- through the command line ---------------------------------------------------------------------


def _station(tmp_path: Path) -> Path:
    folder = tmp_path / "city"
    done = run(
        "init", "--data", str(folder), "--level", "city", "--name", "朝阳市民委", "--division", "211300"
    )
    assert done.returncode == 0, done.stderr
    return folder


def test_cli_speaks_english_with_lang_or_an_english_locale(tmp_path: Path) -> None:
    empty = tmp_path / "nothing"
    chinese = run("check", "--data", str(empty))
    assert (
        chinese.returncode == 1
        and chinese.stderr == f"错误：数据文件夹 {empty} 中还没有站点，请先初始化（init）\n"
    )
    for english in (
        run("check", "--data", str(empty), "--lang", "en"),
        run("--lang", "en", "check", "--data", str(empty)),
        run("check", "--data", str(empty), env={"LANG": "en_US.UTF-8", "LC_ALL": ""}),
    ):
        assert english.returncode == 1
        assert (
            english.stderr
            == f"Error: There is no station in the data folder {empty} yet; set one up first (init)\n"
        )
    forced = run("check", "--data", str(empty), "--lang", "zh", env={"LANG": "en_US.UTF-8"})
    assert forced.stderr.startswith("错误：")


def test_cli_package_refusals_in_english(tmp_path: Path) -> None:
    city = _station(tmp_path)
    fake = tmp_path / "HM0000"
    fake.mkdir()
    (fake / "MANIFEST.JSN").write_text("{not json", encoding="utf-8")
    (fake / "MANIFEST.SIG").write_bytes(b"0" * 64)
    for command in ("verify", "merge"):
        zh = run(command, str(fake), "--data", str(city))
        en = run(command, str(fake), "--data", str(city), "--lang", "en")
        assert zh.returncode == en.returncode == 1
        assert "同步包清单（MANIFEST.JSN）已损坏，无法读取" in zh.stderr
        assert "The package manifest (MANIFEST.JSN) is damaged and cannot be read" in en.stderr, en.stderr
    missing = run("verify", str(tmp_path), "--data", str(city), "--lang", "en")
    assert "Not a complete sync package: MANIFEST.JSN is missing" in missing.stderr, missing.stderr
