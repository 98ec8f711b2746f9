"""The pinyin a household is found by: the fast per-character path must give what pypinyin gives."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from pypinyin import Style, lazy_pinyin

from huimin_desktop.domain.search import household_search_text, name_sort_key, pinyin_keys

# Characters of Chaoyang names, heteronyms among them (单 曾 乐 长 朝 解 仇 区 查 …), parts of known
# phrases (长江, 朝阳, 音乐), and a few that are not Chinese at all.
NAME_CHARACTERS = (
    "王李张刘陈杨赵黄周吴宝斯鲁乌力吉其木格那仁满都拉敖包白金海英梅秀兰玉华淑芬春艳桂萍丽娟红霞"
    "单曾乐长朝解仇区查朴盖尉覃翟种员贾藏会重行便都和调发得地阳江音阿卜杜热合曼·A2 "
)


def _reference(name: str) -> tuple[str, str]:
    syllables = [s.lower() for s in lazy_pinyin(name, style=Style.NORMAL, errors="default") if s.strip()]
    return "".join(syllables), "".join(s[0] for s in syllables if s)


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=NAME_CHARACTERS, min_size=1, max_size=5))
def test_pinyin_keys_are_exactly_what_pypinyin_gives(name: str) -> None:
    assert pinyin_keys(name) == _reference(name)


def test_known_names() -> None:
    assert pinyin_keys("宝斯鲁") == ("baosilu", "bsl")
    for name in ("朝阳", "长江", "单田芳", "曾乐", "阿卜杜·热合曼"):  # phrases, heteronyms, a dot
        assert pinyin_keys(name) == _reference(name)
    assert name_sort_key("乌力吉") == "wuliji 乌力吉"
    text = household_search_text(["乌力吉", "其木格"], ["211381198001011234"], ["13800000000"])
    assert text.split() == [
        "乌力吉", "wuliji", "wlj", "其木格", "qimuge", "qmg", "211381198001011234", "13800000000",
    ]  # fmt: skip


def test_a_name_is_found_by_its_initials_full_pinyin_or_characters() -> None:
    from huimin_desktop.domain.search import name_match_rank

    village = "宝家营子村"
    for query in ("bjy", "BJY", "baojiaying", "bao jia", "宝家", "ｂｊｙ"):
        assert name_match_rank(query, village) == 0, query
    for query in ("yzc", "yingzi", "营子"):  # inside the name: found, after the beginnings
        assert name_match_rank(query, village) == 1, query
    assert name_match_rank("dyz", village) is None
    assert name_match_rank("myy", village, "马友营蒙古族乡") == 0  # any of the names
    assert name_match_rank("", village) == 1
