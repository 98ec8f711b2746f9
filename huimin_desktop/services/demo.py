"""Realistic synthetic data for demonstrations and benchmarks (``huimin demo``).

``generate_demo`` fills a station with villages, households and their members, yearly surveys,
projects with their stage history and beneficiaries, training sessions, county indicators and,
optionally, project photos. The content depends only on the seed (``random.Random(seed)``), never on
the wall clock: ages are taken at ``REFERENCE_DATE`` and every date lies in the program years ``YEARS``
and no later than ``LAST_EVENT_DATE``. Row ids are random (two stations with the same seed still get
distinct rows) and the stamps come from the station's clock.

It is a bulk writer: 100k households must take seconds, not minutes, so rows are built as plain
tuples and written with one compiled INSERT per table (executemany in chunks) inside ONE transaction,
with the sync columns and the household list columns set here rather than by change capture. One
audit line (action ``demo``) summarises the whole run. Cancelling rolls everything back, including
photo files written meanwhile.
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import math
import os
import random
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from hashlib import sha256
from operator import mul
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Table, func, insert, select
from sqlalchemy.dialects import sqlite

from huimin_desktop.domain.codelists import chaoyang_divisions, code_lists
from huimin_desktop.domain.search import household_search_text, name_sort_key
from huimin_desktop.errors import ServiceError
from huimin_desktop.model import (
    Attachment,
    AuditEntry,
    Division,
    Household,
    Indicator,
    IndicatorMilestone,
    IndicatorProgress,
    Member,
    Project,
    ProjectBeneficiary,
    ProjectStageEntry,
    Survey,
    Training,
    TrainingAttendee,
)
from huimin_desktop.progress import TaskState
from huimin_desktop.services.households import refresh_latest_income
from huimin_desktop.services.station import Station, has_station
from huimin_desktop.services.station_setup import division_id_for_code
from huimin_desktop.store import fingerprints
from huimin_desktop.store.attachments import blob_path
from huimin_desktop.store.search_index import deferred_search_indexing

MAX_HOUSEHOLDS = 1_000_000
YEARS = (2024, 2025, 2026)  # the baseline year first
REFERENCE_DATE = dt.date(2026, 6, 30)  # ages are counted to this day (not 29 February: see _describe)
LAST_EVENT_DATE = dt.date(2026, 11, 20)  # no survey, stage, training or progress entry is later
HOUSEHOLDS_PER_CHUNK = 2_000  # households per executemany round (members and surveys follow suit)
HOUSEHOLDS_PER_PROJECT = 200
HOUSEHOLDS_PER_TRAINING = 300
_SAMPLE_PER_VILLAGE = 150  # households remembered per village for beneficiaries and attendees
_BULK_CACHE_KIB = 256 * 1024  # SQLite page cache while generating: random UUID keys touch every page


def _words(text: str) -> list[str]:
    return text.split()


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
    ("1", "old"): _words(
        "宝山 福财 国富 凤山 万福 玉林 永贵 长海 德胜 振海 金山 广才 树林 有才 春生 连富 占山 "
        "景春 殿臣 景林 玉祥 永清 文学 福林 庆云 国才 宝林 殿武 洪义 振东 学文 凤岐 山 林 福 贵 祥 财 海 义"
    ),
    ("1", "mid"): _words(
        "国军 建国 建军 志刚 海军 立新 振华 春雷 晓东 宏伟 卫东 志强 永刚 宝军 东升 建华 海涛 明辉 "
        "金龙 铁军 宏亮 德军 玉龙 海峰 立军 春明 国庆 伟 军 强 刚 勇 峰 磊 鹏 超 杰"
    ),
    ("1", "young"): _words(
        "宇航 浩然 子豪 俊杰 鹏飞 志远 博文 宏宇 天宇 佳乐 晨阳 雨泽 文博 明哲 思远 家豪 "
        "铭 旭 宁 鑫 博 帅 阳 健"
    ),
    ("1", "kid"): _words(
        "子轩 浩宇 梓豪 宇轩 一诺 皓轩 沐宸 奕辰 睿泽 梓睿 俊熙 铭泽 宇辰 浩然 思哲 锦程 睿 泽 诚 航"
    ),
    ("2", "old"): _words(
        "桂兰 凤英 秀兰 玉兰 淑珍 桂芝 凤兰 秀英 玉珍 淑芬 素珍 桂荣 玉芝 凤琴 秀珍 桂英 淑兰 "
        "玉荣 兰 英 珍 芝 荣"
    ),
    ("2", "mid"): _words(
        "丽华 艳红 红梅 秀丽 海燕 春艳 晓梅 丽娟 玉梅 艳玲 淑华 彩霞 凤霞 春梅 秀云 丽艳 晓红 "
        "海霞 丽 艳 霞 敏 红 燕 静"
    ),
    ("2", "young"): _words(
        "晓雪 佳琪 雪莹 婷婷 欣然 思雨 静怡 雨欣 丹丹 美玲 佳慧 晓琳 梦瑶 雪梅 娜 婷 丹 莹 雪 悦"
    ),
    ("2", "kid"): _words(
        "欣怡 梓涵 一诺 雨桐 紫萱 诗涵 若汐 可馨 梓萱 子涵 思彤 依诺 佳怡 语桐 沐瑶 心怡 涵 萱 彤 琪"
    ),
}
# Mongol personal names, written without a surname, as many older and some younger Mongols are known.
_MONGOL_NAMES = {
    "1": _words(
        "乌力吉 巴特尔 宝斯鲁 额尔敦 那顺 朝鲁 阿拉坦 满都拉 孟和 哈斯 特古斯 苏和 巴图 宝音 额尔德木图"
    ),
    "2": _words("其木格 萨仁 图雅 苏日娜 斯琴 乌云 敖登 格日勒 塔娜 高娃 其其格 娜仁 萨日娜 乌兰 托娅"),
}

_VILLAGE_NAMES = _words(
    "三家子 东营子 西沟 四家子 五家子 二十家子 大杖子 小杖子 土城子 石门子 三官营子 五间房 马架子 黄花甸子 "
    "柳树营子 杏树沟 榆树林子 梨树沟 喇嘛沟 哈拉沟 他拉皋 敖包 扎兰营子 白音皋 塔子沟 乌兰木图 那林沟 "
    "东窝铺 西窝铺 北窝铺 南台子 前营子 后营子 上店 下店 大庙 小庙 大甸子 小甸子 东梁 西梁 南洼 北岭 "
    "孤山子 平房 朝阳沟 大西沟 小东沟 王家店 李家营子 张家窝铺 刘家沟 白家洼 韩家杖子 宝家营子 吴家沟 "
    "河南 河北 东山 西山 南山根 北山根 石灰窑 碾盘沟 药王庙 水泉 老虎洞 大黑山 蒙古营子 七道岭 八家子 "
    "六家子 十八台 山嘴子 二道沟 三道沟 头道营子 羊草沟 牛营子 马场 东官营子 贝子府 波罗赤 哈达户稍"
)

_PHONE_PREFIXES = _words(
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

_NEEDS = (
    "希望发展肉牛养殖，需要启动资金",
    "需要设施农业技术培训",
    "希望申请小额信贷扩大养殖规模",
    "村里道路需要硬化",
    "希望解决安全饮水问题",
    "需要杂粮种植和加工技术指导",
    "希望安排公益性岗位",
    "需要肉羊舍饲养殖技术",
    "希望帮助销售农产品",
    "",
    "",
    "",
)

_PROJECT_TEMPLATES: dict[str, tuple[tuple[str, str, str], ...]] = {
    # category name → (project name pattern, content, scale pattern)
    "生产发展": (
        (
            "{v}肉牛养殖基地建设项目",
            "新建标准化牛舍，购置基础母牛，带动农户发展肉牛养殖",
            "新建牛舍{a}平方米，购置母牛{b}头",
        ),
        ("{v}设施农业温室大棚项目", "建设日光温室，发展反季节蔬菜种植", "新建温室大棚{b}栋，占地{a}亩"),
        (
            "{v}肉羊养殖小区项目",
            "建设肉羊养殖小区，统一防疫、统一销售",
            "新建羊舍{a}平方米，购置基础母羊{b}只",
        ),
        ("{v}小杂粮加工项目", "建设小杂粮加工车间，购置加工设备", "加工车间{a}平方米，设备{b}台（套）"),
        ("{v}食用菌种植项目", "建设食用菌生产大棚，统一菌种和技术服务", "新建菌棚{b}栋，{a}平方米"),
    ),
    "惠及民生": (
        ("{v}村内道路硬化工程", "硬化村内主干道，改善群众出行条件", "硬化道路{a}米，宽{b}米"),
        ("{v}安全饮水工程", "新打机电井，铺设供水管网", "机电井{b}眼，管网{a}米"),
        ("{v}文化广场建设项目", "建设村文化广场，配套健身器材", "广场{a}平方米，健身器材{b}套"),
        ("{v}太阳能路灯安装工程", "在主要街道安装太阳能路灯", "路灯{b}盏，覆盖道路{a}米"),
    ),
    "基层政权建设": (
        (
            "{v}村级组织活动场所建设项目",
            "新建村级组织活动场所，配套办公设施",
            "建筑面积{a}平方米，办公设备{b}套",
        ),
        ("{v}村部维修改造项目", "维修村部房屋，改造党员活动室", "维修面积{a}平方米，活动室{b}间"),
    ),
    "农业实用科技培训": (
        ("{t}农业实用技术培训项目", "组织农民参加养殖、种植实用技术培训", "培训{a}人次，{b}期"),
    ),
}
_CATEGORY_WEIGHTS = {"生产发展": 50, "惠及民生": 30, "基层政权建设": 10, "农业实用科技培训": 10}
_STAGE_NAMES = ("申报", "评审", "审核", "公示", "验收")
_STAGE_OPINIONS = ("同意申报", "评审通过", "审核通过，同意实施", "公示期满无异议", "验收合格")

_TRAINING_TOPICS = (
    "肉牛科学养殖技术",
    "设施蔬菜栽培技术",
    "玉米高产栽培技术",
    "小杂粮种植与加工技术",
    "果树修剪与病虫害防治",
    "肉羊舍饲养殖技术",
    "农村电商实用技能",
    "食用菌栽培技术",
    "畜禽疫病防控知识",
)

_INDICATORS = (
    # code, name, target text, target value ("{n}" → drawn), unit, scoring rule, max score, evidence
    (
        "ZB01",
        "828工程项目开工率",
        "年度项目6月底前全部开工",
        100.0,
        "%",
        "按月度计划完成得满分，每滞后一个月扣2分",
        15.0,
        "项目开工报告、现场照片",
    ),
    (
        "ZB02",
        "项目村农户户均增收",
        "项目村农户户均年增收1000元以上",
        1000.0,
        "元",
        "达到目标得满分，每少100元扣1分",
        20.0,
        "农户收入调查表、项目效益分析",
    ),
    (
        "ZB03",
        "省级专项资金拨付率",
        "年底前专项资金拨付率达到100%",
        100.0,
        "%",
        "按拨付进度计分，未达计划每差10个百分点扣2分",
        15.0,
        "资金拨付凭证",
    ),
    (
        "ZB04",
        "农业实用技术培训人次",
        "全年培训农民{n}人次",
        None,
        "人次",
        "完成目标得满分，按完成比例计分",
        10.0,
        "培训签到表、培训照片",
    ),
    (
        "ZB05",
        "项目档案完整率",
        "一个项目一个档案，档案完整率100%",
        100.0,
        "%",
        "抽查档案，每缺一项扣1分",
        10.0,
        "项目档案目录、抽查记录",
    ),
)
_PROGRESS_NOTES = ("按计划推进", "进度正常", "进度略有滞后，已督办", "超额完成月度计划", "")

_PHOTO_CAPTIONS = (  # caption, attachment category name
    ("项目申报现场踏查", "申报材料"),
    ("施工现场", "施工照片"),
    ("项目建设中", "施工照片"),
    ("竣工全景", "验收材料"),
    ("验收现场", "验收材料"),
    ("公示栏照片", "公示照片"),
)


@dataclass(frozen=True)
class DemoSummary:
    """How many records of each kind one run wrote."""

    villages: int
    households: int
    members: int
    surveys: int
    projects: int
    trainings: int
    indicators: int
    attachments: int


# ---------------------------------------------------------------------------------------------------
# Small helpers


def id_check_character(first17: str) -> str:
    """GB 11643 check character (ISO 7064 MOD 11-2) of the first 17 digits."""
    return _ID_CHECK[sum(map(mul, map(int, first17), _ID_WEIGHTS)) % 11]


class _RowIds:
    """Row ids in the UUID version 7 layout (RFC 9562): Unix milliseconds, a counter, random bits.

    Like ``new_id`` they are 32 hex characters, unique across stations (the random part is drawn from
    the operating system, not from the seed), but they ascend within a run, so every primary-key and
    parent-id index grows at its end instead of being split at random pages: a quarter of SQLite's work
    at 100k households.
    """

    _COUNTER_BITS = 30  # 12 bits in rand_a, 18 at the top of rand_b; a run writes < 2**30 rows

    def __init__(self, unix_ms: int) -> None:
        self._high = (unix_ms << 80) | (7 << 76) | (0b10 << 62)
        self._next = 0
        self._random = random.Random(os.urandom(32))

    def take(self, count: int) -> list[str]:
        start, self._next = self._next, self._next + count
        if self._next >= 1 << self._COUNTER_BITS:
            raise OverflowError("too many rows for one run")
        high, bits = self._high, self._random.getrandbits
        return [
            f"{high | (n >> 18) << 64 | (n & 0x3FFFF) << 44 | bits(44):032x}"
            for n in range(start, start + count)
        ]


class _FastRandom(random.Random):
    """``random.Random`` whose ``randint`` and ``choice`` cost one ``random()`` call each.

    The standard ones draw rejection-sampled bits in Python and dominate the generator's profile;
    scaling one float is biased by less than 2**-40 here and just as deterministic for a seed.
    """

    def randint(self, a: int, b: int) -> int:
        return a + int(self.random() * (b - a + 1))

    def choice(self, seq: Sequence[Any]) -> Any:
        return seq[int(self.random() * len(seq))]


class _Weighted:
    """Fast repeated weighted choice (cumulative weights computed once)."""

    def __init__(self, pairs: Sequence[tuple[Any, float]]) -> None:
        self.items = [p[0] for p in pairs]
        total = 0.0
        self.cumulative: list[float] = []
        for _, weight in pairs:
            total += weight
            self.cumulative.append(total)
        self.total = total

    def pick(self, rng: random.Random) -> Any:
        return self.items[bisect_right(self.cumulative, rng.random() * self.total)]


# Schooling finished: education by birth cohort (before 1960, 1960–79, from 1980; under 23).
_EDUCATION_BY_BIRTH = (
    _Weighted((("80", 50), ("70", 25), ("90", 20), ("60", 5))),
    _Weighted((("70", 55), ("80", 25), ("60", 14), ("40", 4), ("30", 2))),
    _Weighted((("70", 45), ("60", 22), ("30", 12), ("20", 8), ("41", 8), ("80", 5))),
    _Weighted((("70", 55), ("60", 30), ("41", 10), ("80", 5))),  # under 23 and not at school
)


def _codes_by_name(codelist: Any) -> dict[str, str]:
    """name → code for one code list (the code list object iterates over entries with .code/.name)."""
    return {entry.name: entry.code for entry in codelist}


def _round_to(value: float, step: int) -> int:
    return round(value / step) * step


@dataclass
class _BulkTable:
    """One INSERT for a model's table, fed positional tuples in ``columns`` order.

    Rows are written with the driver's executemany on plain tuples (dates already as ISO text, booleans
    as 0/1): at this volume SQLAlchemy's per-value bind processing would cost more than SQLite itself.
    Every column must be listed, so no row depends on a Python-side default the driver never sees.
    """

    table: Table
    columns: tuple[str, ...]
    sql: str = ""
    rows: list[tuple[Any, ...]] = field(default_factory=list)

    def __post_init__(self) -> None:
        expected = set(self.table.columns.keys())
        if set(self.columns) != expected or len(self.columns) != len(expected):
            raise ValueError(
                f"{self.table.name}: columns {sorted(self.columns)} are not the table's {sorted(expected)}"
            )
        quote = _SQLITE_PREPARER.quote
        names = ", ".join(quote(c) for c in self.columns)
        marks = ", ".join("?" for _ in self.columns)
        self.sql = f"INSERT INTO {quote(self.table.name)} ({names}) VALUES ({marks})"

    def flush(self, connection: Connection) -> None:
        if self.rows:
            connection.exec_driver_sql(self.sql, self.rows)
            self.rows = []


_SQLITE_PREPARER = sqlite.dialect().identifier_preparer
_SYNC = ("origin", "created_stamp", "stamp", "field_stamps", "field_bases", "deleted", "seq")


def _columns(*names: str) -> tuple[str, ...]:
    return ("id", *names, *_SYNC)


# ---------------------------------------------------------------------------------------------------
# People


@dataclass(slots=True)
class _Person:
    relationship: str
    sex: str  # "1" male, "2" female (GB/T 2261.1)
    age: int
    ethnicity: str
    name: str = ""
    id_number: str = ""
    birth_date: dt.date | None = None
    education: str = ""
    health: str = ""
    labour: str = ""
    school_status: str = ""
    work_away_months: int | None = None
    phone: str = ""
    student: bool = False


class _PeopleMaker:
    """Names, ID numbers and phones: realistic, unique where they must be, and cached where slow."""

    def __init__(self, rng: random.Random, existing_id_numbers: set[str]) -> None:
        self.rng = rng
        self.surnames = {
            "02": _Weighted(_MONGOL_SURNAMES),
            "01": _Weighted(_HAN_SURNAMES),
            "11": _Weighted(_MANCHU_SURNAMES),
            "03": _Weighted(_HUI_SURNAMES),
        }
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

    # -- ID numbers -------------------------------------------------------------------------

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


# ---------------------------------------------------------------------------------------------------
# The generator


@dataclass
class _Village:
    id: str
    name: str
    township: _Township
    number: int  # within the township, for household numbers
    next_no: int = 1
    sample: list[tuple[str, str | None]] = field(default_factory=list)  # (household id, adult member)


@dataclass
class _Township:
    id: str
    code: str | None
    name: str
    county_id: str | None
    county_code: str
    county_name: str
    villages: list[_Village] = field(default_factory=list)
    cadres: list[str] = field(default_factory=list)


class _Generator:
    def __init__(
        self,
        station: Station,
        connection: Connection,
        rng: random.Random,
        task: TaskState,
        new_blobs: list[Path],
    ) -> None:
        self.station = station
        self.connection = connection
        self.rng = rng
        self.task = task
        self.new_blobs = new_blobs
        db = station.db
        if db.clock is None or db.station_id is None:
            raise ServiceError("数据文件夹中还没有站点，请先初始化")
        stamp = db.clock.now()
        self._ids = _RowIds(stamp.ms).take
        self.sync = (db.station_id, str(stamp), str(stamp), None, None, 0, stamp.ordinal)
        self.station_id = db.station_id
        lists = code_lists()
        self.relationship = {code: code for code in ("02", "10", "20", "30", "38", "40", "51", "52", "70")}
        self.health = _codes_by_name(lists.health)
        self.labour = _codes_by_name(lists.labour)
        self.hardship = _codes_by_name(lists.hardship_cause)
        self.school = _codes_by_name(lists.school_status)
        self.category = _codes_by_name(lists.project_category)
        self.attachment_category = _codes_by_name(lists.attachment_category)
        self.farming_labour = frozenset(
            self.labour[n] for n in ("普通劳动力", "技能劳动力", "弱劳动力或半劳动力")
        )
        self.disabled = self.health["残疾"]
        self.stages = [_codes_by_name(lists.project_stage)[name] for name in _STAGE_NAMES]
        self.ethnicity = _Weighted([("02", 55), ("01", 38), ("11", 5), ("03", 2)])
        self.household_size = _Weighted([(1, 9), (2, 24), (3, 26), (4, 21), (5, 12), (6, 6), (7, 2)])
        self.tables = {
            "division": _BulkTable(Division.__table__, _columns("code", "name", "level", "parent_id")),
            "household": _BulkTable(
                Household.__table__,
                _columns(
                    "division_id",
                    "household_no",
                    "address",
                    "phone",
                    "notes",
                    "head_name",
                    "head_name_sort",
                    "head_id_number",
                    "ethnicity",
                    "member_count",
                    "search_text",
                    "latest_year",
                    "latest_net_income",
                    "latest_per_capita",
                ),
            ),
            "member": _BulkTable(
                Member.__table__,
                _columns(
                    "household_id",
                    "position",
                    "name",
                    "id_number",
                    "sex",
                    "birth_date",
                    "ethnicity",
                    "relationship",
                    "education",
                    "health",
                    "labour",
                    "school_status",
                    "work_away_months",
                    "phone",
                    "notes",
                ),
            ),
            "survey": _BulkTable(
                Survey.__table__,
                _columns(
                    "household_id",
                    "year",
                    "household_size",
                    "income_wage",
                    "income_business",
                    "income_property",
                    "income_transfer",
                    "expense_business",
                    "hardship_causes",
                    "needs",
                    "notes",
                    "surveyor",
                    "survey_date",
                ),
            ),
            "project": _BulkTable(
                Project.__table__,
                _columns(
                    "code",
                    "name",
                    "category",
                    "division_id",
                    "year",
                    "content",
                    "scale",
                    "fund_provincial",
                    "fund_local",
                    "fund_integrated",
                    "fund_self",
                    "planned_start",
                    "planned_finish",
                    "actual_start",
                    "actual_finish",
                    "responsible",
                    "income_increase_expected",
                    "income_increase_measured",
                    "stage",
                    "notes",
                ),
            ),
            "project_stage": _BulkTable(
                ProjectStageEntry.__table__,
                _columns("project_id", "stage", "action", "date", "person", "opinion", "note"),
            ),
            "project_beneficiary": _BulkTable(
                ProjectBeneficiary.__table__, _columns("project_id", "household_id")
            ),
            "training": _BulkTable(
                Training.__table__,
                _columns(
                    "date",
                    "division_id",
                    "place",
                    "topic",
                    "trainer",
                    "hours",
                    "project_id",
                    "extra_attendees",
                    "notes",
                ),
            ),
            "training_attendee": _BulkTable(
                TrainingAttendee.__table__, _columns("training_id", "household_id", "member_id")
            ),
            "indicator": _BulkTable(
                Indicator.__table__,
                _columns(
                    "division_id",
                    "year",
                    "code",
                    "name",
                    "target",
                    "target_value",
                    "unit",
                    "scoring_rule",
                    "max_score",
                    "responsible_person",
                    "lead_unit",
                    "deadline",
                    "evidence",
                ),
            ),
            "indicator_milestone": _BulkTable(
                IndicatorMilestone.__table__,
                _columns("indicator_id", "month", "planned_value", "description"),
            ),
            "indicator_progress": _BulkTable(
                IndicatorProgress.__table__,
                _columns("indicator_id", "date", "value", "note", "reporter"),
            ),
            "attachment": _BulkTable(
                Attachment.__table__,
                _columns(
                    "owner_table",
                    "owner_id",
                    "sha256",
                    "size",
                    "filename",
                    "mime",
                    "kind",
                    "category",
                    "caption",
                    "taken_at",
                    "duration_ms",
                    "arrival_seq",
                ),
            ),
        }
        self.people = _PeopleMaker(rng, self._existing_id_numbers())
        self.used_project_codes = set(
            connection.execute(select(Project.code).where(Project.deleted.is_(False))).scalars()
        )
        self.townships = self._townships()
        self.villages_created = 0
        self.projects: list[tuple[str, str, int, _Village, dt.date, dt.date]] = []

    # -- plumbing ---------------------------------------------------------------------------

    def _add(self, table: str, row_id: str, *values: Any) -> None:
        self.tables[table].rows.append((row_id, *values, *self.sync))

    def _flush(self, *names: str) -> None:
        for name in names or tuple(self.tables):
            self.tables[name].flush(self.connection)

    def _existing_id_numbers(self) -> set[str]:
        # Only a station that already has members (a second demo run) pays for this.
        rows = self.connection.execute(
            select(Member.id_number).where(Member.deleted.is_(False), Member.id_number != "")
        )
        return {number for (number,) in rows}

    # -- places -----------------------------------------------------------------------------

    def _townships(self) -> list[_Township]:
        rows = self.connection.execute(
            select(Division.id, Division.code, Division.name, Division.level, Division.parent_id).where(
                Division.deleted.is_(False)
            )
        ).all()
        by_id = {r.id: r for r in rows}
        info = self.station.info()
        root = division_id_for_code(info.division_code)

        def under(division_id: str) -> bool:
            seen = 0
            current: str | None = division_id
            while current is not None and seen < 10:
                if current == root:
                    return True
                parent = by_id.get(current)
                current = parent.parent_id if parent else None
                seen += 1
            return False

        chosen = [r for r in rows if r.level == "township" and under(r.id)]
        if not chosen:
            # A city or county station with no township of its own in the tree: use the seeded
            # ethnic townships (the program's usual participants).
            seeded = {division_id_for_code(d.code) for d in chaoyang_divisions() if d.level == "township"}
            chosen = [r for r in rows if r.id in seeded]
        chosen.sort(key=lambda r: (r.code or "", r.name))
        townships = []
        for row in chosen:
            county = by_id.get(row.parent_id) if row.parent_id else None
            county_code = county.code if county is not None and county.code else (row.code or "211300")[:6]
            townships.append(
                _Township(
                    id=row.id,
                    code=row.code,
                    name=row.name,
                    county_id=county.id if county is not None and county.level == "county" else None,
                    county_code=county_code,
                    county_name=county.name if county is not None else "",
                )
            )
        existing_villages: dict[str, list[Any]] = {}
        for r in rows:
            if r.level == "village" and r.parent_id:
                existing_villages.setdefault(r.parent_id, []).append(r)
        counts = dict(
            self.connection.execute(
                select(Household.division_id, func.count())
                .where(Household.deleted.is_(False))
                .group_by(Household.division_id)
            ).all()
        )
        for township in townships:
            township.cadres = [self._adult_name(self.rng.randint(1965, 1995)) for _ in range(4)]
            for r in sorted(existing_villages.get(township.id, []), key=lambda r: r.name):
                township.villages.append(
                    _Village(r.id, r.name, township, len(township.villages) + 1, counts.get(r.id, 0) + 1)
                )
        return townships

    def _adult_name(self, birth_year: int) -> str:
        sex = "1" if self.rng.random() < 0.7 else "2"
        ethnicity = self.ethnicity.pick(self.rng)
        return self.people.full_name(self.people.surname(ethnicity), sex, birth_year, ethnicity)

    def _create_villages(self, townships: list[_Township], households: int) -> None:
        # About twenty per township, never so many that most would stay empty.
        cap = max(1, math.ceil(households / max(1, len(townships)) / 5))
        for township in townships:
            wanted = min(self.rng.randint(18, 22), cap)
            have = {v.name for v in township.villages}
            candidates = [f"{n}村" for n in _VILLAGE_NAMES if f"{n}村" not in have]
            names = self.rng.sample(candidates, max(0, min(wanted - len(have), len(candidates))))
            for name in names:
                (village_id,) = self._ids(1)
                self._add("division", village_id, None, name, "village", township.id)
                township.villages.append(_Village(village_id, name, township, len(township.villages) + 1))
                self.villages_created += 1
        self._flush("division")

    # -- households -------------------------------------------------------------------------

    def _members(self) -> list[_Person]:
        rng = self.rng
        size = self.household_size.pick(rng)
        head_age = int(rng.triangular(24, 84, 52))
        head_sex = "1" if rng.random() < 0.82 else "2"
        head_eth = self.ethnicity.pick(rng)
        head = _Person("02", head_sex, head_age, head_eth)
        people = [head]
        other = "2" if head_sex == "1" else "1"
        spouse: _Person | None = None
        if size > 1 and rng.random() < 0.9:
            offset = rng.randint(-6, 3) if head_sex == "1" else rng.randint(-2, 7)
            eth = head_eth if rng.random() < 0.7 else self.ethnicity.pick(rng)
            spouse = _Person("10", other, max(20, min(95, head_age + offset)), eth)
            people.append(spouse)
        minority = [p.ethnicity for p in people if p.ethnicity != "01"]
        child_eth = "02" if "02" in minority else (minority[0] if minority else "01")
        mother_age = spouse.age if spouse is not None and spouse.sex == "2" else head_age
        wanted_children = rng.choice((1, 2, 2, 2, 3, 3, 4))
        age = mother_age - rng.randint(21, 30)
        children: list[_Person] = []
        while len(people) < size and len(children) < wanted_children and age >= 0:
            sex = "1" if rng.random() < 0.52 else "2"
            children.append(_Person("20" if sex == "1" else "30", sex, age, child_eth))
            people.append(children[-1])
            age -= rng.randint(1, 6)
        if len(people) < size and head_age <= 62:
            for relation, sex in (("51", "1"), ("52", "2")):
                if len(people) < size and rng.random() < 0.75:
                    parent_age = min(98, head_age + rng.randint(22, 32))
                    people.append(_Person(relation, sex, parent_age, head_eth))
        sons = [c for c in children if c.sex == "1" and c.age >= 22]
        if sons and len(people) < size:
            son = sons[0]
            daughter_in_law = _Person(
                "38", "2", max(20, son.age + rng.randint(-4, 2)), self.ethnicity.pick(rng)
            )
            people.append(daughter_in_law)
            age = min(son.age, daughter_in_law.age) - rng.randint(21, 28)
            while len(people) < size and age >= 0:
                people.append(_Person("40", "1" if rng.random() < 0.52 else "2", age, son.ethnicity))
                age -= rng.randint(1, 5)
        while len(people) < size:  # a brother or sister of the head
            sex = "1" if rng.random() < 0.5 else "2"
            people.append(_Person("70", sex, max(16, head_age + rng.randint(-8, 8)), head_eth))
        return people

    def _describe(self, person: _Person, county_code: str, surname: str) -> None:
        """Name, birth date, ID number, schooling, health, labour and phone, consistent with the age."""
        rng = self.rng
        # Up to 364 days before the last birthday: exactly ``age`` completed years on REFERENCE_DATE.
        birthday = REFERENCE_DATE.replace(year=REFERENCE_DATE.year - person.age).toordinal()
        birth = dt.date.fromordinal(birthday - rng.randint(0, 364))
        person.birth_date = birth
        person.name = self.people.full_name(surname, person.sex, birth.year, person.ethnicity)
        prefix = county_code if county_code in _CURRENT_PREFIXES else rng.choice(_CURRENT_PREFIXES)
        roll = rng.random()
        if birth.year <= 1975 and roll < 0.05:
            prefix = rng.choice(_HISTORICAL_PREFIXES.get(county_code, _HISTORICAL_DEFAULT))
        elif roll > (0.8 if person.relationship in ("10", "38") else 0.95):
            prefix = rng.choice(_CURRENT_PREFIXES)  # married in or moved from another county
        person.id_number, person.birth_date = self.people.id_number(prefix, birth, person.sex)
        self._schooling(person)
        self._health_and_labour(person)
        if 18 <= person.age <= 70 and rng.random() < (0.85 if person.age < 55 else 0.5):
            person.phone = self.people.phone()

    def _schooling(self, person: _Person) -> None:
        """Education (GB/T 4658) and school status (the 建档立卡 grades), consistent with the age.

        Pupils carry the level they are at (a rural roster's habit); nobody aged 14 or less is in senior
        high school (a 建档立卡 consistency check).
        """
        rng, age, school = self.rng, person.age, self.school
        if age < 3:
            return
        if age < 6:
            person.school_status = school["学前教育"] if rng.random() < 0.85 else school["非在校生"]
            return
        level = status = ""
        if age <= 11:
            level, status = "80", "小学"
        elif age <= 14:
            level, status = "70", ("七年级", "八年级", "九年级")[age - 12]
        elif age <= 17:
            roll = rng.random()
            if roll < 0.08:  # left school after junior middle school
                person.education, person.school_status = "70", school["非在校生"]
                return
            if roll < 0.3:
                level, status = "40", "中职"
            else:
                level, status = "60", ("高中一年级", "高中二年级", "高中三年级")[age - 15]
        elif age <= 21 and rng.random() < 0.4:
            roll = rng.random()
            if roll < 0.45:
                level, status = "20", "本科及以上"
            else:
                level, status = "30", "高职" if roll < 0.7 else "大专"
        if status:
            person.education, person.school_status, person.student = level, school[status], True
            return
        born = REFERENCE_DATE.year - age
        cohort = 3 if age < 23 else 0 if born < 1960 else 1 if born < 1980 else 2
        person.education = _EDUCATION_BY_BIRTH[cohort].pick(rng)
        person.school_status = school["非在校生"]

    def _health_and_labour(self, person: _Person) -> None:
        rng, age = self.rng, person.age
        roll = rng.random()
        if age < 18:
            health = "残疾" if roll < 0.015 else "患有大病" if roll < 0.025 else "健康"
        elif age < 60:
            health = (
                "残疾"
                if roll < 0.025
                else "患有大病"
                if roll < 0.04
                else "长期慢性病"
                if roll < 0.11
                else "健康"
            )
        else:
            health = (
                "残疾"
                if roll < 0.06
                else "患有大病"
                if roll < 0.1
                else "长期慢性病"
                if roll < 0.45
                else "健康"
            )
        person.health = self.health[health]
        if age < 16 or person.student:
            labour = "无劳动力"
        elif health in ("残疾", "患有大病"):
            labour = "丧失劳动力" if age >= 18 else "无劳动力"
        elif age >= 75:
            labour = "无劳动力"
        elif age >= 65:
            labour = "弱劳动力或半劳动力" if rng.random() < 0.6 else "丧失劳动力"
        elif age >= 60 or health == "长期慢性病":
            labour = "弱劳动力或半劳动力" if rng.random() < 0.6 else "普通劳动力"
        else:
            labour = "技能劳动力" if rng.random() < 0.15 else "普通劳动力"
        person.labour = self.labour[labour]
        if age < 16 or person.student:
            person.work_away_months = None
        elif labour in ("普通劳动力", "技能劳动力") and 18 <= age <= 55 and rng.random() < 0.4:
            person.work_away_months = rng.randint(3, 12)
        else:
            person.work_away_months = 0

    def _hardship(self, people: list[_Person]) -> str:
        rng = self.rng
        if rng.random() < 0.4:
            return ""
        causes: list[str] = []
        healths = {p.health for p in people}
        if self.health["患有大病"] in healths or (
            self.health["长期慢性病"] in healths and rng.random() < 0.5
        ):
            causes.append("因病")
        if self.health["残疾"] in healths:
            causes.append("因残")
        if any(p.student and p.age >= 15 for p in people):
            causes.append("因学")
        able = {self.labour["普通劳动力"], self.labour["技能劳动力"]}
        if not any(p.labour in able for p in people):
            causes.append("缺劳力")
        if not causes or rng.random() < 0.3:
            causes.append(
                rng.choice(
                    (
                        "缺资金",
                        "缺资金",
                        "缺技术",
                        "缺技术",
                        "缺土地",
                        "缺水",
                        "因灾",
                        "交通条件落后",
                        "自身发展动力不足",
                    )
                )
            )
        return ",".join(self.hardship[c] for c in dict.fromkeys(causes[:2]))

    def _surveys(self, household_id: str, people: list[_Person], township: _Township) -> int:
        """One survey a year; incomes in whole yuan by source, as on the 建档立卡 form."""
        rng = self.rng
        randint = rng.randint
        # Wages only from members working away (else the form's consistency check complains).
        wage = sum(m * randint(22, 42) * 100 for p in people if (m := p.work_away_months))
        farmers = sum(1 for p in people if p.labour in self.farming_labour)
        business = sum(randint(25, 80) * 100 for _ in range(farmers))
        if farmers and rng.random() < 0.4:  # cattle or sheep
            business += randint(50, 300) * 100
        expense = _round_to(business * (0.25 + 0.2 * rng.random()), 100)
        prop = randint(3, 20) * 100 if rng.random() < 0.3 else 0  # land leased out
        transfer = randint(30, 120) * 10  # farmland subsidies
        transfer += sum(randint(130, 240) * 10 for p in people if p.age >= 60)  # pensions
        transfer += sum(1200 for p in people if p.health == self.disabled)
        if rng.random() < 0.08:  # 低保
            transfer += randint(300, 600) * 10
        causes = self._hardship(people)
        need = rng.choice(_NEEDS)
        years = YEARS if rng.random() < 0.85 else YEARS[1:]
        ids = self._ids(len(years))
        size = len(people)
        for index, year in enumerate(years):
            if index:
                # Net income grows by about 1,000 yuan a year on average (the program's target).
                delta = rng.gauss(1000, 700)
                t, p, e = randint(0, 20) * 10, rng.choice((0, 0, 0, 100, 200)), randint(0, 30) * 10
                rest = delta - t - p + e
                transfer += t
                prop += p
                expense += e
                if wage:
                    share = _round_to(rest * 0.6, 10)
                    wage = max(0, wage + share)
                    business = max(expense, business + _round_to(rest - share, 10))
                else:
                    business = max(expense, business + _round_to(rest, 10))
            month = randint(9, 11)  # surveyed in the autumn, before LAST_EVENT_DATE
            self._add(
                "survey",
                ids[index],
                household_id,
                year,
                size,
                wage,
                business,
                prop,
                transfer,
                expense,
                causes,
                need,
                "",
                rng.choice(township.cadres),
                f"{year}-{month:02d}-{randint(1, 28 if month < 11 else 15):02d}",
            )
        return len(years)

    def _household(self, village: _Village) -> tuple[int, int]:
        rng = self.rng
        township = village.township
        people = self._members()
        head = people[0]
        # Children take the father's surname; the head's parents and siblings share the head's.
        father = next((p for p in people[:2] if p.sex == "1"), head)
        family = self.people.surname(father.ethnicity)
        own = family if head.sex == "1" else self.people.surname(head.ethnicity)
        for person in people:
            if person.relationship in ("02", "51", "70"):
                surname = own
            elif person.relationship in ("20", "30", "40") or (
                person.relationship == "10" and person.sex == "1"
            ):
                surname = family
            else:
                surname = self.people.surname(person.ethnicity)
            self._describe(person, township.county_code, surname)
        household_id, *member_ids = self._ids(1 + len(people))
        phones = [p.phone for p in people]
        household_phone = next((ph for ph in phones if ph), "")
        search_text = household_search_text(
            [p.name for p in people], [p.id_number for p in people], [household_phone, *phones]
        )
        number = village.next_no
        village.next_no += 1
        group = rng.randint(1, 8)
        self._add(
            "household",
            household_id,
            village.id,
            f"{village.number:02d}-{number:04d}",
            f"{township.name}{village.name}{group}组",
            household_phone,
            "",
            head.name,
            name_sort_key(head.name),
            head.id_number,
            head.ethnicity,
            len(people),
            search_text,
            None,  # latest_* come from the surveys, set-based once all are in (refresh_latest_income)
            None,
            None,
        )
        adult: str | None = None
        for position, (person, member_id) in enumerate(zip(people, member_ids, strict=True)):
            if adult is None and 18 <= person.age <= 65:
                adult = member_id
            self._add(
                "member",
                member_id,
                household_id,
                position,
                person.name,
                person.id_number,
                person.sex,
                person.birth_date.isoformat() if person.birth_date else None,
                person.ethnicity,
                person.relationship,
                person.education,
                person.health,
                person.labour,
                person.school_status,
                person.work_away_months,
                person.phone,
                "",
            )
        if len(village.sample) < _SAMPLE_PER_VILLAGE:
            village.sample.append((household_id, adult))
        surveys = self._surveys(household_id, people, township)
        return len(people), surveys

    # -- projects, trainings, indicators -----------------------------------------------------

    def _projects(self, villages: list[_Village], count: int) -> None:
        # Villages with households, the bigger ones more often (a project needs beneficiaries).
        places = [v for v in villages if v.sample]
        weights = list(itertools.accumulate(len(v.sample) for v in places))
        rng = self.rng
        used_codes = self.used_project_codes
        categories = _Weighted(list(_CATEGORY_WEIGHTS.items()))
        next_code: dict[tuple[int, str], int] = {}
        project_ids = self._ids(count)
        for project_id in project_ids:
            self.task.check()
            village = rng.choices(places, cum_weights=weights)[0]
            township = village.township
            year = rng.choices(YEARS, weights=(3, 3, 2))[0]
            category = categories.pick(rng)
            pattern, content, scale = rng.choice(_PROJECT_TEMPLATES[category])
            name = pattern.format(v=village.name, t=township.name)
            # The township's own number is in the code: demo data of two townships, merged at the city,
            # must not collide (the services keep codes unique; a clash between stations is a conflict).
            township_no = (township.code or "000000000")[6:9]
            key = (year, township.county_code + township_no)
            while True:
                next_code[key] = next_code.get(key, 0) + 1
                code = f"MZ{year}-{township.county_code}-{township_no}{next_code[key]:02d}"
                if code not in used_codes:
                    used_codes.add(code)
                    break
            if category == "农业实用科技培训":
                provincial = rng.randint(2, 6) * 10_000
            elif category == "基层政权建设":
                provincial = rng.randint(10, 40) * 10_000
            else:
                provincial = rng.randint(20, 150) * 10_000
            local = _round_to(provincial * rng.uniform(0.1, 0.3), 1000)
            integrated = rng.randint(5, 50) * 10_000 if rng.random() < 0.3 else 0
            own = rng.randint(1, 20) * 5_000 if rng.random() < 0.4 else 0
            responsible = rng.choice(township.cadres)
            # Stage history: 申报 → 评审 → 审核 → 公示 → (works) → 验收, dates strictly increasing and
            # none after LAST_EVENT_DATE; this year's projects are still on their way.
            if year < YEARS[-1]:
                reached = 4 if year == YEARS[-2] and rng.random() < 0.15 else 5
            else:
                reached = rng.randint(1, 5)
            applied = dt.date(year, rng.randint(2, 3), rng.randint(1, 28))
            planned_start = applied + dt.timedelta(days=rng.randint(60, 90))
            planned_finish = planned_start + dt.timedelta(days=rng.randint(120, 200))
            actual_start: dt.date | None = None
            actual_finish: dt.date | None = None
            history: list[tuple[str, dt.date]] = []
            for index in range(reached):
                finish = None
                if index == 0:
                    when = applied
                elif index == 4 and actual_start is not None:
                    finish = actual_start + dt.timedelta(days=rng.randint(90, 180))
                    when = finish + dt.timedelta(days=rng.randint(10, 40))
                else:
                    when = history[-1][1] + dt.timedelta(days=rng.randint(7, 30))
                if when > LAST_EVENT_DATE:
                    break
                history.append((self.stages[index], when))
                actual_finish = finish or actual_finish
                if index == 3:  # works start after the public notice
                    start = when + dt.timedelta(days=rng.randint(5, 20))
                    if start > LAST_EVENT_DATE:
                        break
                    actual_start = start
            expected = rng.randint(8, 25) * 100
            measured = _round_to(expected * rng.uniform(0.8, 1.25), 10) if len(history) == 5 else None
            self._add(
                "project",
                project_id,
                code,
                name,
                self.category[category],
                village.id if category != "农业实用科技培训" else township.id,
                year,
                content,
                scale.format(a=rng.randint(3, 60) * 50, b=rng.randint(2, 60)),
                provincial,
                local,
                integrated,
                own,
                planned_start.isoformat(),
                planned_finish.isoformat(),
                actual_start.isoformat() if actual_start else None,
                actual_finish.isoformat() if actual_finish else None,
                responsible,
                expected,
                measured,
                history[-1][0] if history else "",
                "",
            )
            for (stage, when), stage_id in zip(history, self._ids(len(history)), strict=True):
                opinion = _STAGE_OPINIONS[self.stages.index(stage)]
                self._add(
                    "project_stage",
                    stage_id,
                    project_id,
                    stage,
                    "advance",
                    when.isoformat(),
                    rng.choice(township.cadres),
                    opinion,
                    "",
                )
            pool = village.sample if category != "农业实用科技培训" else self._township_sample(township)
            chosen = rng.sample(pool, min(len(pool), rng.randint(15, 80)))
            for (household_id, _), row_id in zip(chosen, self._ids(len(chosen)), strict=True):
                self._add("project_beneficiary", row_id, project_id, household_id)
            start = actual_start or planned_start
            last = actual_finish or min(planned_finish, LAST_EVENT_DATE)
            self.projects.append((project_id, name, year, village, start, max(start, last)))
        self._flush("project", "project_stage", "project_beneficiary")

    def _township_sample(self, township: _Township) -> list[tuple[str, str | None]]:
        return [entry for village in township.villages for entry in village.sample]

    def _trainings(self, townships: list[_Township], count: int) -> None:
        rng = self.rng
        live = [t for t in townships if self._township_sample(t)]
        training_projects: dict[tuple[str, int], str] = {}
        for project_id, name, year, village, _, _ in self.projects:
            if name.endswith("农业实用技术培训项目"):
                training_projects.setdefault((village.township.id, year), project_id)
        for training_id in self._ids(count):
            self.task.check()
            township = rng.choice(live)
            year = rng.choice(YEARS)
            when = dt.date(year, rng.randint(3, 11), rng.randint(1, 28))
            if when > LAST_EVENT_DATE:
                when = dt.date(year, rng.randint(3, 10), rng.randint(1, 28))
            place = f"{rng.choice(township.villages).name}委会会议室"
            topic = rng.choice(_TRAINING_TOPICS)
            self._add(
                "training",
                training_id,
                when.isoformat(),
                township.id,
                place,
                topic,
                self._adult_name(rng.randint(1965, 1990)),
                float(rng.choice((3, 4, 6, 8, 12, 16))),
                training_projects.get((township.id, year)),
                rng.randint(0, 15),
                "",
            )
            pool = self._township_sample(township)
            chosen = rng.sample(pool, min(len(pool), rng.randint(20, 60)))
            for (household_id, member_id), row_id in zip(chosen, self._ids(len(chosen)), strict=True):
                self._add("training_attendee", row_id, training_id, household_id, member_id)
        self._flush("training", "training_attendee")

    def _indicators(self, townships: list[_Township]) -> int:
        rng = self.rng
        year = YEARS[-1]
        counties: dict[str, str] = {}
        for township in townships:
            if township.county_id:
                counties.setdefault(township.county_id, township.county_name)
        written = 0
        for county_id, county_name in counties.items():
            for template, indicator_id in zip(_INDICATORS, self._ids(len(_INDICATORS)), strict=True):
                code, name, target, value, unit, rule, score, evidence = template
                if value is None:
                    value = float(rng.randint(4, 12) * 100)
                    target = target.format(n=int(value))
                responsible = self._adult_name(rng.randint(1965, 1985))
                self._add(
                    "indicator",
                    indicator_id,
                    county_id,
                    year,
                    code,
                    name,
                    target,
                    value,
                    unit,
                    rule,
                    score,
                    responsible,
                    f"{county_name}民族和宗教事务局",
                    dt.date(year, 12, 31).isoformat(),
                    evidence,
                )
                written += 1
                planned: list[float] = []
                for month, row_id in zip(range(1, 13), self._ids(12), strict=True):
                    share = month / 12 if unit != "%" else min(1.0, (month / 9) ** 1.3)
                    amount = round(value * share, 1)
                    planned.append(amount)
                    self._add(
                        "indicator_milestone",
                        row_id,
                        indicator_id,
                        month,
                        amount,
                        f"{month}月底累计完成{amount:g}{unit}",
                    )
                last_month = LAST_EVENT_DATE.month - 1
                for month, row_id in zip(range(1, last_month + 1), self._ids(last_month), strict=True):
                    reached = round(min(value, planned[month - 1] * rng.uniform(0.85, 1.06)), 1)
                    reported = dt.date(year, month + 1, 1) - dt.timedelta(days=1)
                    self._add(
                        "indicator_progress",
                        row_id,
                        indicator_id,
                        reported.isoformat(),
                        reached,
                        rng.choice(_PROGRESS_NOTES),
                        responsible,
                    )
        self._flush("indicator", "indicator_milestone", "indicator_progress")
        return written

    # -- photos -----------------------------------------------------------------------------

    def _photos(self, megabytes: int) -> int:
        if megabytes <= 0 or not self.projects:
            return 0
        from PIL import Image, ImageDraw

        rng = self.rng
        root = self.station.db.folder.attachments_dir
        budget = megabytes * 1024 * 1024
        written = 0
        count = 0
        while written < budget:
            self.task.check()
            project_id, name, _, _, start, finish = self.projects[count % len(self.projects)]
            width, height = rng.choice(((1024, 768), (1280, 960), (960, 720)))
            # Sky, fields, a few buildings or sheds, and sensor grain: enough to look like a site photo
            # and to compress like one.
            ri = rng.randint
            sky = Image.new("RGB", (4, 3))
            sky.putdata([(ri(90, 190), ri(140, 215), ri(200, 255)) for _ in range(12)])
            image = sky.resize((width, height), Image.Resampling.BICUBIC)
            draw = ImageDraw.Draw(image)
            horizon = ri(height // 3, height * 2 // 3)
            ground = rng.choice(
                ((ri(70, 120), ri(110, 160), ri(40, 80)), (ri(140, 180), ri(110, 140), ri(70, 100)))
            )
            draw.rectangle((0, horizon, width, height), fill=ground)
            for _ in range(ri(2, 6)):
                x, w, h = ri(0, width - 100), ri(60, 300), ri(40, 200)
                wall = ri(170, 235)
                draw.rectangle(
                    (x, horizon - h, x + w, horizon), fill=(wall, wall - ri(0, 20), wall - ri(0, 30))
                )
                roof = rng.choice(
                    ((ri(150, 200), ri(40, 70), ri(30, 60)), (ri(40, 80), ri(80, 120), ri(150, 200)))
                )
                draw.polygon(
                    [
                        (x - 10, horizon - h),
                        (x + w // 2, horizon - h - ri(20, 60)),
                        (x + w + 10, horizon - h),
                    ],
                    fill=roof,
                )
            grain = Image.frombytes("L", (width, height), rng.randbytes(width * height)).convert("RGB")
            image = Image.blend(image, grain, 0.12)
            buffer = io.BytesIO()
            image.save(buffer, "JPEG", quality=88)
            data = buffer.getvalue()
            digest = sha256(data).hexdigest()
            path = blob_path(root, digest)
            if not path.exists():
                path.parent.mkdir(parents=True, exist_ok=True)
                temporary = path.with_name(f".{digest}.tmp")
                temporary.write_bytes(data)
                os.replace(temporary, path)
                self.new_blobs.append(path)
            fingerprints.record(self.connection, [(digest, len(data), fingerprints.of_bytes(data))])
            span = max(0, (finish - start).days)
            taken = dt.datetime.combine(
                start + dt.timedelta(days=rng.randint(0, span)),
                dt.time(rng.randint(8, 17), rng.randint(0, 59)),
            )
            caption, category = rng.choice(_PHOTO_CAPTIONS)
            (attachment_id,) = self._ids(1)
            self._add(
                "attachment",
                attachment_id,
                "project",
                project_id,
                digest,
                len(data),
                f"IMG_{taken:%Y%m%d_%H%M%S}.jpg",
                "image/jpeg",
                "photo",
                self.attachment_category[category],
                f"{name}：{caption}",
                f"{taken:%Y-%m-%d %H:%M:%S}.000000",
                None,
                self.sync[-1],
            )
            written += len(data)
            count += 1
            self.task.report(min(written, budget) // (1024 * 1024), megabytes, "生成附件照片")
        self._flush("attachment")
        return count

    # -- the whole run ----------------------------------------------------------------------

    def run(self, households: int, attachments_mb: int) -> DemoSummary:
        rng, task = self.rng, self.task
        townships = self.townships
        if not townships:
            raise ServiceError("没有可用的乡镇：请先在区划中添加乡镇")
        self._create_villages(townships, households)
        villages = [v for t in townships for v in t.villages]
        weights: list[float] = []
        total = 0.0
        for _ in villages:
            total += rng.uniform(0.5, 1.5)
            weights.append(total)
        members = surveys = 0
        task.report(0, households, "生成农户")
        for start in range(0, households, HOUSEHOLDS_PER_CHUNK):
            chunk = min(HOUSEHOLDS_PER_CHUNK, households - start)
            for village in rng.choices(villages, cum_weights=weights, k=chunk):
                people, survey_count = self._household(village)
                members += people
                surveys += survey_count
            self._flush("household", "member", "survey")
            task.report(start + chunk, households, "生成农户")
        refresh_latest_income(self.connection)
        projects = max(1, round(households / HOUSEHOLDS_PER_PROJECT))
        task.report(0, 1, "生成项目、培训和考核指标")
        self._projects(villages, projects)
        trainings = max(1, round(households / HOUSEHOLDS_PER_TRAINING))
        self._trainings(townships, trainings)
        indicators = self._indicators(townships)
        task.report(1, 1, "生成项目、培训和考核指标")
        attachments = self._photos(attachments_mb)
        return DemoSummary(
            villages=self.villages_created,
            households=households,
            members=members,
            surveys=surveys,
            projects=projects,
            trainings=trainings,
            indicators=indicators,
            attachments=attachments,
        )


# The station a demo folder gets when it has none yet (the CLI's ``demo`` and the GUI's "打开演示数据").
DEMO_STATION = {"level": "city", "name": "朝阳市民族和宗教事务委员会（演示）", "division_code": "211300"}


def open_demo_station(data_dir: str | os.PathLike[str] | None) -> tuple[Station, bool]:
    """The folder's station, creating the demo city station first when there is none; (station, created)."""
    if has_station(data_dir):
        return Station.open(data_dir), False
    return Station.create(data_dir, **DEMO_STATION), True


def generate_demo(
    station: Station,
    households: int,
    *,
    seed: int = 828,
    attachments_mb: int = 0,
    task: TaskState | None = None,
) -> DemoSummary:
    """Add ``households`` synthetic households (and the rest) to the station, in one transaction.

    Refuses a count outside 1…1,000,000 (ServiceError, nothing written). ``task`` receives progress
    and may cancel; a cancelled run leaves the database and the attachment store as they were.
    """
    if (
        isinstance(households, bool)
        or not isinstance(households, int)
        or not 1 <= households <= MAX_HOUSEHOLDS
    ):
        raise ServiceError(f"演示农户数应在 1 到 {MAX_HOUSEHOLDS:,} 户之间，收到 {households}")
    if attachments_mb < 0:
        raise ServiceError(f"附件总量不能为负数，收到 {attachments_mb} MB")
    task = task or TaskState()
    rng = _FastRandom(seed)
    new_blobs: list[Path] = []
    try:
        with station.db.writer() as connection:
            connection.exec_driver_sql(f"PRAGMA cache_size=-{_BULK_CACHE_KIB}")
            try:
                generator = _Generator(station, connection, rng, task, new_blobs)
                with deferred_search_indexing(connection):
                    summary = generator.run(households, attachments_mb)
                _write_audit(connection, generator.station_id, seed, summary)
                task.check()
            finally:
                connection.exec_driver_sql("PRAGMA cache_size=-2000")  # back to SQLite's default
    except BaseException:
        for path in new_blobs:  # blobs this run added; nothing in the database refers to them now
            path.unlink(missing_ok=True)
        raise
    return summary


def _write_audit(connection: Connection, station_id: str, seed: int, summary: DemoSummary) -> None:
    counts = asdict(summary)
    connection.execute(
        insert(AuditEntry.__table__),
        [
            {
                "at": dt.datetime.now(dt.UTC).replace(tzinfo=None),
                "station": station_id,
                "user": "system",
                "action": "demo",
                "table_name": "household",
                "record_id": station_id,
                "summary": f"生成演示数据：农户 {summary.households} 户，成员 {summary.members} 人，"
                f"调查 {summary.surveys} 条，项目 {summary.projects} 个（随机种子 {seed}）",
                "details": {"seed": seed, **counts},
            }
        ],
    )


__all__ = [
    "DEMO_STATION",
    "MAX_HOUSEHOLDS",
    "DemoSummary",
    "generate_demo",
    "id_check_character",
    "open_demo_station",
]
