"""GB 11643 ID numbers: the standard's examples, Chaoyang's historical prefixes, typing habits, Excel."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from huimin_desktop.domain.idnumber import (
    check_id_number,
    check_id_number_cell,
    current_chaoyang_prefixes,
    mask_id_number,
)
from huimin_desktop.domain.issues import Severity

TODAY = dt.date(2025, 6, 1)


def mod11_2(first17: str) -> str:
    """ISO 7064 MOD 11-2 from its definition, independent of the code under test.

    Weight of position i (1-based from the left, the check character being position 18) is 2^(18-i)
    mod 11; the check value c makes (sum + c) ≡ 1 (mod 11), and 10 is written X.
    """
    total = sum(int(d) * pow(2, 17 - i, 11) for i, d in enumerate(first17))
    c = (12 - total % 11) % 11
    return "X" if c == 10 else str(c)


def make(region: str, birth: str, sequence: str) -> str:
    first17 = region + birth + sequence
    return first17 + mod11_2(first17)


def codes(result) -> list[str]:
    return [i.code for i in result.issues]


def test_helper_agrees_with_the_standards_example() -> None:
    assert make("110105", "19491231", "002") == "11010519491231002X"


@pytest.mark.parametrize(
    ("number", "birth", "sex"),
    [
        ("11010519491231002X", dt.date(1949, 12, 31), "2"),
        ("360426199101010071", dt.date(1991, 1, 1), "1"),
        ("120103198806018241", dt.date(1988, 6, 1), "2"),
    ],
)
def test_reference_examples_are_valid(number: str, birth: dt.date, sex: str) -> None:
    result = check_id_number(number, TODAY)
    assert result.ok
    assert result.issues == ()
    assert result.normalized == number
    assert result.birth_date == birth
    assert result.sex == sex
    assert result.region_code == number[:6]
    assert not result.upgraded_from_15


def test_bad_check_character_is_refused_without_revealing_the_right_one() -> None:
    result = check_id_number("110105194912310021", TODAY)
    assert not result.ok
    assert codes(result) == ["id.check_digit"]
    assert result.normalized is None
    assert "校验位不正确" in result.issues[0].message
    assert "X" not in result.issues[0].message


@pytest.mark.parametrize(
    "region",
    [
        "212201",
        "212221",
        "212222",
        "212223",
        "212224",
        "212225",
        "212226",
        "211323",
        "211326",
        "219006",
        "219009",
    ],
)
def test_historical_chaoyang_prefixes_are_accepted_with_a_warning(region: str) -> None:
    number = make(region, "19620714", "135")
    result = check_id_number(number, TODAY)
    assert result.ok
    assert result.normalized == number
    assert codes(result) == ["id.region_historical"]
    issue = result.issues[0]
    assert issue.severity is Severity.WARNING
    assert "历史行政区划代码" in issue.message and "可正常使用" in issue.message
    assert issue.params["region"] == region


@pytest.mark.parametrize(
    "region", ["211300", "211302", "211303", "211321", "211322", "211324", "211381", "211382"]
)
def test_current_chaoyang_prefixes_raise_nothing(region: str) -> None:
    assert region in current_chaoyang_prefixes()
    result = check_id_number(make(region, "19900101", "001"), TODAY)
    assert result.ok and result.issues == ()


def test_unknown_province_is_a_warning_never_a_rejection() -> None:
    number = make("991234", "19900101", "001")
    result = check_id_number(number, TODAY)
    assert result.ok
    assert result.normalized == number
    assert codes(result) == ["id.region_unknown"]
    assert result.issues[0].severity is Severity.WARNING


def test_other_well_formed_regions_raise_nothing() -> None:
    # 450000 is not a county code anywhere, but the national list is not shipped: no opinion.
    assert check_id_number(make("450000", "19900101", "001"), TODAY).issues == ()


def test_fifteen_digit_numbers_are_upgraded_with_a_warning() -> None:
    result = check_id_number("211381620714135", TODAY)
    assert result.ok
    assert result.upgraded_from_15
    assert result.normalized == make("211381", "19620714", "135")
    assert result.birth_date == dt.date(1962, 7, 14)
    assert result.sex == "1"
    assert codes(result) == ["id.upgraded_15"]
    assert result.issues[0].severity is Severity.WARNING


def test_fifteen_digit_with_impossible_date_is_refused() -> None:
    result = check_id_number("211381620230135", TODAY)
    assert codes(result) == ["id.birth_date_invalid"]


def test_lowercase_x_full_width_and_spaces_are_normalised() -> None:
    for typed in (
        "11010519491231002x",
        "１１０１０５１９４９１２３１００２Ｘ",
        "１１０１０５１９４９１２３１００２ｘ",
        " 110105 19491231 002X ",
        "110105\u300019491231\u3000002X",
        "\ufeff11010519491231002X\u200b",
    ):
        result = check_id_number(typed, TODAY)
        assert result.ok, typed
        assert result.normalized == "11010519491231002X"
        assert result.text == typed


def test_birth_date_in_the_future_is_refused_relative_to_today() -> None:
    number = make("211381", "20250602", "001")
    assert codes(check_id_number(number, TODAY)) == ["id.birth_date_future"]
    assert check_id_number(number, dt.date(2025, 6, 2)).ok  # born today is fine


def test_impossible_birth_date_is_refused() -> None:
    result = check_id_number(make("211381", "19900230", "001"), TODAY)
    assert codes(result) == ["id.birth_date_invalid"]
    assert "1990年02月30日" in result.issues[0].message
    assert codes(check_id_number(make("211381", "19901301", "001"), TODAY)) == ["id.birth_date_invalid"]
    assert check_id_number(make("211381", "20000229", "001"), TODAY).ok  # a leap day exists


def test_birth_before_1900_is_refused() -> None:
    assert codes(check_id_number(make("211381", "18991231", "001"), TODAY)) == ["id.birth_date_too_early"]


def test_an_impossible_date_with_a_wrong_check_character_reports_both() -> None:
    good = make("211381", "19900230", "001")
    bad = good[:17] + ("0" if good[17] != "0" else "1")
    assert set(codes(check_id_number(bad, TODAY))) == {"id.birth_date_invalid", "id.check_digit"}


@pytest.mark.parametrize(
    "typed", ["21138119900101001A", "2113811990X1010019", "211381-19900101-001", "身份证"]
)
def test_non_digits_are_refused(typed: str) -> None:
    result = check_id_number(typed, TODAY)
    assert codes(result) == ["id.characters"]
    assert result.normalized is None


def test_x_is_not_allowed_in_a_15_digit_number() -> None:
    assert codes(check_id_number("21138162071413X", TODAY)) == ["id.characters"]


@pytest.mark.parametrize("typed", ["2113811990010100", "2113811990010100191", "21138", "1234567890123456"])
def test_wrong_length_is_refused(typed: str) -> None:
    result = check_id_number(typed, TODAY)
    assert codes(result) == ["id.length"]
    assert result.issues[0].params["length"] == len(typed)


@pytest.mark.parametrize("typed", ["", "   ", "\u3000"])
def test_empty_is_refused(typed: str) -> None:
    assert codes(check_id_number(typed, TODAY)) == ["id.empty"]


def test_every_refusal_carries_a_chinese_message_and_the_field() -> None:
    for typed in ("", "abc", "123", "110105194912310021", make("211381", "19900230", "001")):
        for issue in check_id_number(typed, TODAY).issues:
            assert issue.severity is Severity.ERROR
            assert issue.field == "id_number"
            assert "身份证号" in issue.message


@pytest.mark.parametrize("value", [211381199001010000, 2.11381199001010e17, 211381620714135, 1.0])
def test_numbers_from_excel_are_refused_not_repaired(value: float) -> None:
    result = check_id_number_cell(value, TODAY)
    assert codes(result) == ["id.stored_as_number"]
    assert result.normalized is None
    message = result.issues[0].message
    assert "Excel" in message and "15 位有效数字" in message and "文本" in message


@pytest.mark.parametrize("value", ["2.11381E+17", "2.11381199001010e17", "211381199001010000.0"])
def test_numbers_turned_back_into_text_are_refused_too(value: str) -> None:
    assert codes(check_id_number_cell(value, TODAY)) == ["id.stored_as_number"]


def test_text_cells_are_checked_normally() -> None:
    assert check_id_number_cell("11010519491231002X", TODAY).ok
    assert codes(check_id_number_cell(None, TODAY)) == ["id.empty"]
    assert codes(check_id_number_cell(True, TODAY)) == ["id.characters"]  # a bool is no Excel number


def test_masking() -> None:
    assert mask_id_number("211381199001010019") == "211381********0019"
    assert mask_id_number("11010519491231002x") == "110105********002X"
    assert mask_id_number("211381620714135") == "211381*****4135"
    assert mask_id_number("12345") == "*****"
    assert mask_id_number("") == ""
    assert mask_id_number(None) == ""
    assert mask_id_number(" 211381 199001010019 ") == "211381********0019"


regions = st.from_regex(r"[1-9][0-9]{5}", fullmatch=True)
births = st.dates(min_value=dt.date(1900, 1, 1), max_value=TODAY)
sequences = st.integers(min_value=0, max_value=999).map(lambda n: f"{n:03d}")


@given(regions, births, sequences)
def test_any_well_built_number_passes_and_tells_birth_and_sex(region: str, birth: dt.date, seq: str) -> None:
    number = make(region, birth.strftime("%Y%m%d"), seq)
    result = check_id_number(number, TODAY)
    assert result.ok
    assert result.normalized == number
    assert result.birth_date == birth
    assert result.sex == ("1" if int(seq[-1]) % 2 else "2")
    assert all(issue.severity is Severity.WARNING for issue in result.issues)


@given(regions, births, sequences, st.integers(min_value=0, max_value=17), st.sampled_from("0123456789X"))
def test_any_single_substitution_is_refused(
    region: str, birth: dt.date, seq: str, position: int, replacement: str
) -> None:
    number = make(region, birth.strftime("%Y%m%d"), seq)
    if number[position] == replacement:
        return
    changed = number[:position] + replacement + number[position + 1 :]
    assert not check_id_number(changed, TODAY).ok
