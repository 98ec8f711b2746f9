"""Places: the townships a run fills and the villages it adds under them.

A township station fills itself; a city or county station fills the townships of its own tree, or the
seeded ethnic townships when it has none yet. Villages already there are reused (a second run numbers
its households after theirs); new ones get real-sounding Chaoyang village names, about twenty per
township.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, func, select

from huimin_desktop.demo.bulk import BulkWriter
from huimin_desktop.demo.draws import words
from huimin_desktop.demo.names import PeopleMaker
from huimin_desktop.domain.codelists import chaoyang_divisions
from huimin_desktop.model import Division, Household
from huimin_desktop.services.station_setup import division_id_for_code

_VILLAGE_NAMES = words(
    "三家子 东营子 西沟 四家子 五家子 二十家子 大杖子 小杖子 土城子 石门子 三官营子 五间房 马架子 黄花甸子 "
    "柳树营子 杏树沟 榆树林子 梨树沟 喇嘛沟 哈拉沟 他拉皋 敖包 扎兰营子 白音皋 塔子沟 乌兰木图 那林沟 "
    "东窝铺 西窝铺 北窝铺 南台子 前营子 后营子 上店 下店 大庙 小庙 大甸子 小甸子 东梁 西梁 南洼 北岭 "
    "孤山子 平房 朝阳沟 大西沟 小东沟 王家店 李家营子 张家窝铺 刘家沟 白家洼 韩家杖子 宝家营子 吴家沟 "
    "河南 河北 东山 西山 南山根 北山根 石灰窑 碾盘沟 药王庙 水泉 老虎洞 大黑山 蒙古营子 七道岭 八家子 "
    "六家子 十八台 山嘴子 二道沟 三道沟 头道营子 羊草沟 牛营子 马场 东官营子 贝子府 波罗赤 哈达户稍"
)


@dataclass
class Village:
    id: str
    name: str
    township: Township
    number: int  # within the township, for household numbers
    next_no: int = 1
    sample: list[tuple[str, str | None]] = field(default_factory=list)  # (household id, adult member)


@dataclass
class Township:
    id: str
    code: str | None
    name: str
    county_id: str | None
    county_code: str
    county_name: str
    villages: list[Village] = field(default_factory=list)
    cadres: list[str] = field(default_factory=list)

    def households_sample(self) -> list[tuple[str, str | None]]:
        """The households its villages remembered (beneficiaries and attendees are drawn from them)."""
        return [entry for village in self.villages for entry in village.sample]


def find_townships(
    connection: Connection, division_code: str, rng: random.Random, people: PeopleMaker
) -> list[Township]:
    """The townships to fill, in code order, each with its existing villages and four cadres' names."""
    rows: Sequence[Any] = connection.execute(
        select(Division.id, Division.code, Division.name, Division.level, Division.parent_id).where(
            Division.deleted.is_(False)
        )
    ).all()
    by_id: dict[str, Any] = {r.id: r for r in rows}
    townships = [_township(row, by_id) for row in _chosen(rows, by_id, division_id_for_code(division_code))]
    existing_villages: dict[str, list[Any]] = {}
    for r in rows:
        if r.level == "village" and r.parent_id:
            existing_villages.setdefault(r.parent_id, []).append(r)
    counts = dict(
        connection.execute(
            select(Household.division_id, func.count())
            .where(Household.deleted.is_(False))
            .group_by(Household.division_id)
        ).all()
    )
    for township in townships:
        township.cadres = [people.adult_name(rng.randint(1965, 1995)) for _ in range(4)]
        for r in sorted(existing_villages.get(township.id, []), key=lambda r: r.name):
            township.villages.append(
                Village(r.id, r.name, township, len(township.villages) + 1, counts.get(r.id, 0) + 1)
            )
    return townships


def _chosen(rows: Sequence[Any], by_id: dict[str, Any], root: str) -> list[Any]:
    """The township rows under the station's own division, else the seeded ethnic townships."""

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
    return chosen


def _township(row: Any, by_id: dict[str, Any]) -> Township:
    county = by_id.get(row.parent_id) if row.parent_id else None
    county_code = county.code if county is not None and county.code else (row.code or "211300")[:6]
    return Township(
        id=row.id,
        code=row.code,
        name=row.name,
        county_id=county.id if county is not None and county.level == "county" else None,
        county_code=county_code,
        county_name=county.name if county is not None else "",
    )


def create_villages(
    writer: BulkWriter, rng: random.Random, townships: list[Township], households: int
) -> int:
    """Add villages until each township has about twenty, never so many that most would stay empty;
    how many were added."""
    cap = max(1, math.ceil(households / max(1, len(townships)) / 5))
    created = 0
    for township in townships:
        wanted = min(rng.randint(18, 22), cap)
        have = {v.name for v in township.villages}
        candidates = [f"{n}村" for n in _VILLAGE_NAMES if f"{n}村" not in have]
        names = rng.sample(candidates, max(0, min(wanted - len(have), len(candidates))))
        for name in names:
            (village_id,) = writer.ids(1)
            writer.add("division", village_id, None, name, "village", township.id)
            township.villages.append(Village(village_id, name, township, len(township.villages) + 1))
            created += 1
    writer.flush("division")
    return created
