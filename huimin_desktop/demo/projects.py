"""Projects with their stage history and beneficiaries, and the training sessions with attendees.

Projects follow the program's categories and naming (``{village}肉牛养殖基地建设项目``), carry funds in
whole yuan, codes unique across townships (``MZ2025-211381-20401``), and a stage history 申报 → 评审 →
审核 → 公示 → (works) → 验收 with dates strictly increasing and none after ``LAST_EVENT_DATE``; this
year's projects are still on their way. Trainings are held in a township's villages, belong to the
township's training project of that year when there is one, and are attended by its households.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
from typing import NamedTuple

from sqlalchemy import select

from huimin_desktop.demo.bulk import BulkWriter
from huimin_desktop.demo.draws import Weighted, codes_by_name, round_to
from huimin_desktop.demo.names import PeopleMaker
from huimin_desktop.demo.places import Township, Village
from huimin_desktop.demo.timeline import LAST_EVENT_DATE, YEARS
from huimin_desktop.domain.codelists import code_lists
from huimin_desktop.model import Project
from huimin_desktop.progress import TaskState

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


class WrittenProject(NamedTuple):
    """What trainings and photos need of a project the run wrote."""

    id: str
    name: str
    year: int
    village: Village
    start: dt.date
    finish: dt.date  # the works' end, or the last day so far


class _StageHistory(NamedTuple):
    stages: list[tuple[str, dt.date]]  # (stage code, date), in order
    planned_start: dt.date
    planned_finish: dt.date
    actual_start: dt.date | None
    actual_finish: dt.date | None


class ProjectMaker:
    """Writes projects (with stages and beneficiaries) and trainings (with attendees)."""

    def __init__(self, writer: BulkWriter, rng: random.Random, people: PeopleMaker, task: TaskState) -> None:
        self.writer = writer
        self.rng = rng
        self.people = people
        self.task = task
        lists = code_lists()
        self.category = codes_by_name(lists.project_category)
        self.stages = [codes_by_name(lists.project_stage)[name] for name in _STAGE_NAMES]
        self.used_codes = set(
            writer.connection.execute(select(Project.code).where(Project.deleted.is_(False))).scalars()
        )
        self._next_code: dict[tuple[int, str], int] = {}
        self.projects: list[WrittenProject] = []

    # -- projects ---------------------------------------------------------------------------

    def write_projects(self, villages: list[Village], count: int) -> None:
        """``count`` projects in villages with households, the bigger ones more often (a project
        needs beneficiaries)."""
        places = [v for v in villages if v.sample]
        weights = list(itertools.accumulate(len(v.sample) for v in places))
        rng = self.rng
        categories = Weighted(list(_CATEGORY_WEIGHTS.items()))
        for project_id in self.writer.ids(count):
            self.task.check()
            village = rng.choices(places, cum_weights=weights)[0]
            year = rng.choices(YEARS, weights=(3, 3, 2))[0]
            category = categories.pick(rng)
            self._project(project_id, village, year, category)
        self.writer.flush("project", "project_stage", "project_beneficiary")

    def _project(self, project_id: str, village: Village, year: int, category: str) -> None:
        rng, township = self.rng, village.township
        pattern, content, scale = rng.choice(_PROJECT_TEMPLATES[category])
        name = pattern.format(v=village.name, t=township.name)
        code = self._code(township, year)
        provincial, local, integrated, own = self._funds(category)
        responsible = rng.choice(township.cadres)
        history = self._history(year)
        expected = rng.randint(8, 25) * 100
        measured = round_to(expected * rng.uniform(0.8, 1.25), 10) if len(history.stages) == 5 else None
        actual_start, actual_finish = history.actual_start, history.actual_finish
        self.writer.add(
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
            history.planned_start.isoformat(),
            history.planned_finish.isoformat(),
            actual_start.isoformat() if actual_start else None,
            actual_finish.isoformat() if actual_finish else None,
            responsible,
            expected,
            measured,
            history.stages[-1][0] if history.stages else "",
            "",
        )
        for (stage, when), stage_id in zip(history.stages, self.writer.ids(len(history.stages)), strict=True):
            opinion = _STAGE_OPINIONS[self.stages.index(stage)]
            self.writer.add(
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
        pool = village.sample if category != "农业实用科技培训" else township.households_sample()
        chosen = rng.sample(pool, min(len(pool), rng.randint(15, 80)))
        for (household_id, _), row_id in zip(chosen, self.writer.ids(len(chosen)), strict=True):
            self.writer.add("project_beneficiary", row_id, project_id, household_id)
        start = actual_start or history.planned_start
        last = actual_finish or min(history.planned_finish, LAST_EVENT_DATE)
        self.projects.append(WrittenProject(project_id, name, year, village, start, max(start, last)))

    def _code(self, township: Township, year: int) -> str:
        """The next free code of the township and year.

        The township's own number is in the code: demo data of two townships, merged at the city, must
        not collide (the services keep codes unique; a clash between stations is a conflict).
        """
        township_no = (township.code or "000000000")[6:9]
        key = (year, township.county_code + township_no)
        while True:
            self._next_code[key] = self._next_code.get(key, 0) + 1
            code = f"MZ{year}-{township.county_code}-{township_no}{self._next_code[key]:02d}"
            if code not in self.used_codes:
                self.used_codes.add(code)
                return code

    def _funds(self, category: str) -> tuple[int, int, int, int]:
        """Provincial, local, integrated and own funds in whole yuan."""
        rng = self.rng
        if category == "农业实用科技培训":
            provincial = rng.randint(2, 6) * 10_000
        elif category == "基层政权建设":
            provincial = rng.randint(10, 40) * 10_000
        else:
            provincial = rng.randint(20, 150) * 10_000
        local = round_to(provincial * rng.uniform(0.1, 0.3), 1000)
        integrated = rng.randint(5, 50) * 10_000 if rng.random() < 0.3 else 0
        own = rng.randint(1, 20) * 5_000 if rng.random() < 0.4 else 0
        return provincial, local, integrated, own

    def _history(self, year: int) -> _StageHistory:
        """Stage history: 申报 → 评审 → 审核 → 公示 → (works) → 验收, dates strictly increasing and none
        after LAST_EVENT_DATE; this year's projects are still on their way."""
        rng = self.rng
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
        return _StageHistory(history, planned_start, planned_finish, actual_start, actual_finish)

    # -- trainings --------------------------------------------------------------------------

    def write_trainings(self, townships: list[Township], count: int) -> None:
        rng = self.rng
        live = [t for t in townships if t.households_sample()]
        training_projects: dict[tuple[str, int], str] = {}
        for project_id, name, year, village, _, _ in self.projects:
            if name.endswith("农业实用技术培训项目"):
                training_projects.setdefault((village.township.id, year), project_id)
        for training_id in self.writer.ids(count):
            self.task.check()
            township = rng.choice(live)
            year = rng.choice(YEARS)
            when = dt.date(year, rng.randint(3, 11), rng.randint(1, 28))
            if when > LAST_EVENT_DATE:
                when = dt.date(year, rng.randint(3, 10), rng.randint(1, 28))
            place = f"{rng.choice(township.villages).name}委会会议室"
            topic = rng.choice(_TRAINING_TOPICS)
            self.writer.add(
                "training",
                training_id,
                when.isoformat(),
                township.id,
                place,
                topic,
                self.people.adult_name(rng.randint(1965, 1990)),
                float(rng.choice((3, 4, 6, 8, 12, 16))),
                training_projects.get((township.id, year)),
                rng.randint(0, 15),
                "",
            )
            pool = township.households_sample()
            chosen = rng.sample(pool, min(len(pool), rng.randint(20, 60)))
            for (household_id, member_id), row_id in zip(chosen, self.writer.ids(len(chosen)), strict=True):
                self.writer.add("training_attendee", row_id, training_id, household_id, member_id)
        self.writer.flush("training", "training_attendee")
