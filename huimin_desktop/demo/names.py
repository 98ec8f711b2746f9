"""People's names, ID numbers and phone numbers: realistic, unique where they must be.

Surnames by ethnicity (Mongol, Han, Manchu, Hui), given names by sex and by the decade people were born
in, Mongol personal names without a surname; ID numbers with the county's current or historical prefix
and a valid GB 11643 check character, never one used before; mobile numbers from real prefixes.
"""

from __future__ import annotations

import datetime as dt
import random
from operator import mul

from huimin_desktop.demo.draws import Weighted, words

# ---------------------------------------------------------------------------------------------------
# Vocabulary. Weighted lists are (item, weight) pairs.

_MONGOL_SURNAMES = [
    ("宝", 8), ("包", 8), ("白", 7), ("吴", 6), ("韩", 6), ("鲍", 4), ("乌", 3), ("敖", 3), ("金", 3),
    ("莫", 2), ("那", 2), ("邰", 2), ("汪", 2), ("于", 3), ("王", 6), ("李", 5), ("张", 4), ("刘", 4),
    ("赵", 3), ("陈", 2), ("杨", 2), ("何", 2), ("常", 2), ("郭", 2), ("孟", 2), ("梁", 1), ("齐", 1),
]  # fmt: skip
_HAN_SURNAMES = [
    ("王", 10), ("李", 9), ("张", 9), ("刘", 8), ("赵", 6), ("陈", 5), ("杨", 5), ("孙", 4), ("高", 4),
    ("于", 4), ("马", 3), ("朱", 3), ("郭", 3), ("徐", 3), ("周", 3), ("吴", 3), ("孟", 2), ("田", 2),
    ("付", 2), ("韩", 2), ("冯", 2), ("邢", 2), ("董", 2), ("崔", 2), ("白", 2), ("魏", 2), ("姜", 2),
    ("曹", 1), ("侯", 1), ("邵", 1), ("尹", 1), ("范", 1), ("段", 1), ("石", 1), ("谷", 1), ("边", 1),
]  # fmt: skip
_MANCHU_SURNAMES = [("关", 5), ("佟", 4), ("那", 3), ("金", 3), ("赵", 3), ("富", 2), ("伊", 1), ("吴", 2)]
_HUI_SURNAMES = [("马", 6), ("丁", 3), ("海", 2), ("白", 2), ("沙", 1), ("杨", 2), ("刘", 1)]

# Given names by sex and by the decade people were born in (naming fashions change).
_GIVEN_NAMES: dict[tuple[str, str], list[str]] = {
    ("1", "old"): words(
        "宝山 福财 国富 凤山 万福 玉林 永贵 长海 德胜 振海 金山 广才 树林 有才 春生 连富 占山 "
        "景春 殿臣 景林 玉祥 永清 文学 福林 庆云 国才 宝林 殿武 洪义 振东 学文 凤岐 山 林 福 贵 祥 财 海 义"
    ),
    ("1", "mid"): words(
        "国军 建国 建军 志刚 海军 立新 振华 春雷 晓东 宏伟 卫东 志强 永刚 宝军 东升 建华 海涛 明辉 "
        "金龙 铁军 宏亮 德军 玉龙 海峰 立军 春明 国庆 伟 军 强 刚 勇 峰 磊 鹏 超 杰"
    ),
    ("1", "young"): words(
        "宇航 浩然 子豪 俊杰 鹏飞 志远 博文 宏宇 天宇 佳乐 晨阳 雨泽 文博 明哲 思远 家豪 "
        "铭 旭 宁 鑫 博 帅 阳 健"
    ),
    ("1", "kid"): words(
        "子轩 浩宇 梓豪 宇轩 一诺 皓轩 沐宸 奕辰 睿泽 梓睿 俊熙 铭泽 宇辰 浩然 思哲 锦程 睿 泽 诚 航"
    ),
    ("2", "old"): words(
        "桂兰 凤英 秀兰 玉兰 淑珍 桂芝 凤兰 秀英 玉珍 淑芬 素珍 桂荣 玉芝 凤琴 秀珍 桂英 淑兰 "
        "玉荣 兰 英 珍 芝 荣"
    ),
    ("2", "mid"): words(
        "丽华 艳红 红梅 秀丽 海燕 春艳 晓梅 丽娟 玉梅 艳玲 淑华 彩霞 凤霞 春梅 秀云 丽艳 晓红 "
        "海霞 丽 艳 霞 敏 红 燕 静"
    ),
    ("2", "young"): words(
        "晓雪 佳琪 雪莹 婷婷 欣然 思雨 静怡 雨欣 丹丹 美玲 佳慧 晓琳 梦瑶 雪梅 娜 婷 丹 莹 雪 悦"
    ),
    ("2", "kid"): words(
        "欣怡 梓涵 一诺 雨桐 紫萱 诗涵 若汐 可馨 梓萱 子涵 思彤 依诺 佳怡 语桐 沐瑶 心怡 涵 萱 彤 琪"
    ),
}
# Mongol personal names, written without a surname, as many older and some younger Mongols are known.
_MONGOL_NAMES = {
    "1": words(
        "乌力吉 巴特尔 宝斯鲁 额尔敦 那顺 朝鲁 阿拉坦 满都拉 孟和 哈斯 特古斯 苏和 巴图 宝音 额尔德木图"
    ),
    "2": words("其木格 萨仁 图雅 苏日娜 斯琴 乌云 敖登 格日勒 塔娜 高娃 其其格 娜仁 萨日娜 乌兰 托娅"),
}


_PHONE_PREFIXES = words(
    "134 135 136 137 138 139 147 150 151 152 157 158 159 182 183 187 188 130 131 132 155 156 "
    "185 186 133 153 180 181 189"
)

_CURRENT_PREFIXES = ("211302", "211303", "211321", "211322", "211324", "211381", "211382")
_HISTORICAL_PREFIXES = {
    "211381": ("211326", "219006", "212201"),
    "211382": ("211323", "219009", "212201"),
}
_HISTORICAL_DEFAULT = ("212201", "212221", "212222", "212223", "212224", "212225", "212226")
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def id_check_character(first17: str) -> str:
    """GB 11643 check character (ISO 7064 MOD 11-2) of the first 17 digits."""
    return _ID_CHECK[sum(map(mul, map(int, first17), _ID_WEIGHTS)) % 11]


class PeopleMaker:
    """Names, ID numbers and phones: realistic, unique where they must be, and cached where slow."""

    def __init__(self, rng: random.Random, existing_id_numbers: set[str]) -> None:
        self.rng = rng
        self.surnames = {
            "02": Weighted(_MONGOL_SURNAMES),
            "01": Weighted(_HAN_SURNAMES),
            "11": Weighted(_MANCHU_SURNAMES),
            "03": Weighted(_HUI_SURNAMES),
        }
        self.ethnicity = Weighted([("02", 55), ("01", 38), ("11", 5), ("03", 2)])
        self._existing = existing_id_numbers
        self._next_sequence: dict[str, int] = {}

    # -- names ------------------------------------------------------------------------------

    def surname(self, ethnicity: str) -> str:
        return self.surnames.get(ethnicity, self.surnames["01"]).pick(self.rng)

    def given_name(self, sex: str, birth_year: int) -> str:
        era = (
            "old"
            if birth_year < 1966
            else "mid"
            if birth_year < 1991
            else "young"
            if birth_year < 2011
            else "kid"
        )
        return self.rng.choice(_GIVEN_NAMES[(sex, era)])

    def full_name(self, surname: str, sex: str, birth_year: int, ethnicity: str) -> str:
        if ethnicity == "02" and self.rng.random() < 0.05:
            return self.rng.choice(_MONGOL_NAMES[sex])
        return surname + self.given_name(sex, birth_year)

    def adult_name(self, birth_year: int) -> str:
        """A cadre's, trainer's or official's name (men more often, as in the program's records)."""
        sex = "1" if self.rng.random() < 0.7 else "2"
        ethnicity = self.ethnicity.pick(self.rng)
        return self.full_name(self.surname(ethnicity), sex, birth_year, ethnicity)

    # -- ID numbers -------------------------------------------------------------------------

    def id_prefix(self, county_code: str, birth_year: int, married_in: bool) -> str:
        """The region part of an ID number: mostly the county's own, a historical one for a few older
        people, another county's for some who married in or moved."""
        rng = self.rng
        prefix = county_code if county_code in _CURRENT_PREFIXES else rng.choice(_CURRENT_PREFIXES)
        roll = rng.random()
        if birth_year <= 1975 and roll < 0.05:
            prefix = rng.choice(_HISTORICAL_PREFIXES.get(county_code, _HISTORICAL_DEFAULT))
        elif roll > (0.8 if married_in else 0.95):
            prefix = rng.choice(_CURRENT_PREFIXES)  # married in or moved from another county
        return prefix

    def id_number(self, prefix: str, birth: dt.date, sex: str) -> tuple[str, dt.date]:
        """A valid number not used before, and the birth date it carries.

        Sequence numbers per (region, birth date, sex) only climb, so this run never repeats one; the
        numbers already in the database (a second run) are skipped.
        """
        while True:
            iso = birth.isoformat()
            body = f"{prefix}{iso[:4]}{iso[5:7]}{iso[8:]}"
            key = body + sex
            sequence = self._next_sequence.get(key, self.rng.randint(0, 60)) + self.rng.randint(1, 9)
            if sequence > 499:  # 500 people of one sex born the same day in one county: move a day
                birth -= dt.timedelta(days=1)
                continue
            self._next_sequence[key] = sequence
            number17 = f"{body}{sequence * 2 + (1 if sex == '1' else 0):03d}"
            number = number17 + id_check_character(number17)
            if number not in self._existing:
                return number, birth

    def phone(self) -> str:
        return self.rng.choice(_PHONE_PREFIXES) + f"{self.rng.randint(0, 99_999_999):08d}"
