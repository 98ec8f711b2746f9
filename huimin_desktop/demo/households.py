"""Households: who lives together, each member's particulars, and one survey a year.

A household is a head (older than 23), usually a spouse, children spaced a few years apart, sometimes
the head's parents, a married son's wife and children, or a brother or sister. Every member's name,
birth date, ID number, schooling, health, labour and work away agree with the age and with each other
(the 建档立卡 consistency checks pass), and the yearly incomes, in whole yuan by source, grow by about
1,000 yuan a year as the program intends.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from huimin_desktop.demo.bulk import BulkWriter
from huimin_desktop.demo.draws import Weighted, codes_by_name, round_to
from huimin_desktop.demo.names import PeopleMaker
from huimin_desktop.demo.places import Township, Village
from huimin_desktop.demo.timeline import REFERENCE_DATE, YEARS
from huimin_desktop.domain.codelists import code_lists
from huimin_desktop.domain.search import household_search_text, name_sort_key
from huimin_desktop.messages import text
from huimin_desktop.progress import TaskState
from huimin_desktop.services.households import refresh_latest_income

HOUSEHOLDS_PER_CHUNK = 2_000  # households per executemany round (members and surveys follow suit)
_SAMPLE_PER_VILLAGE = 150  # households remembered per village for beneficiaries and attendees

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

# Schooling finished: education by birth cohort (before 1960, 1960–79, from 1980; under 23).
_EDUCATION_BY_BIRTH = (
    Weighted((("80", 50), ("70", 25), ("90", 20), ("60", 5))),
    Weighted((("70", 55), ("80", 25), ("60", 14), ("40", 4), ("30", 2))),
    Weighted((("70", 45), ("60", 22), ("30", 12), ("20", 8), ("41", 8), ("80", 5))),
    Weighted((("70", 55), ("60", 30), ("41", 10), ("80", 5))),  # under 23 and not at school
)


@dataclass(slots=True)
class Person:
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


class HouseholdMaker:
    """Writes households with their members and surveys into the run's bulk writer."""

    def __init__(self, writer: BulkWriter, rng: random.Random, people: PeopleMaker) -> None:
        self.writer = writer
        self.rng = rng
        self.people = people
        lists = code_lists()
        self.health = codes_by_name(lists.health)
        self.labour = codes_by_name(lists.labour)
        self.hardship = codes_by_name(lists.hardship_cause)
        self.school = codes_by_name(lists.school_status)
        self.farming_labour = frozenset(
            self.labour[n] for n in ("普通劳动力", "技能劳动力", "弱劳动力或半劳动力")
        )
        self.disabled = self.health["残疾"]
        self.household_size = Weighted([(1, 9), (2, 24), (3, 26), (4, 21), (5, 12), (6, 6), (7, 2)])

    def write(self, villages: list[Village], households: int, task: TaskState) -> tuple[int, int]:
        """``households`` households spread over the villages (some villages bigger than others), in
        chunks; (members, surveys) written."""
        rng = self.rng
        weights: list[float] = []
        total = 0.0
        for _ in villages:
            total += rng.uniform(0.5, 1.5)
            weights.append(total)
        members = surveys = 0
        task.report(0, households, text("working.demo_households"))
        for start in range(0, households, HOUSEHOLDS_PER_CHUNK):
            chunk = min(HOUSEHOLDS_PER_CHUNK, households - start)
            for village in rng.choices(villages, cum_weights=weights, k=chunk):
                people, survey_count = self.household(village)
                members += people
                surveys += survey_count
            self.writer.flush("household", "member", "survey")
            task.report(start + chunk, households, text("working.demo_households"))
        refresh_latest_income(self.writer.connection)
        return members, surveys

    def _members(self) -> list[Person]:
        rng = self.rng
        size = self.household_size.pick(rng)
        head_age = int(rng.triangular(24, 84, 52))
        head_sex = "1" if rng.random() < 0.82 else "2"
        head_eth = self.people.ethnicity.pick(rng)
        head = Person("02", head_sex, head_age, head_eth)
        people = [head]
        other = "2" if head_sex == "1" else "1"
        spouse: Person | None = None
        if size > 1 and rng.random() < 0.9:
            offset = rng.randint(-6, 3) if head_sex == "1" else rng.randint(-2, 7)
            eth = head_eth if rng.random() < 0.7 else self.people.ethnicity.pick(rng)
            spouse = Person("10", other, max(20, min(95, head_age + offset)), eth)
            people.append(spouse)
        minority = [p.ethnicity for p in people if p.ethnicity != "01"]
        child_eth = "02" if "02" in minority else (minority[0] if minority else "01")
        mother_age = spouse.age if spouse is not None and spouse.sex == "2" else head_age
        wanted_children = rng.choice((1, 2, 2, 2, 3, 3, 4))
        age = mother_age - rng.randint(21, 30)
        children: list[Person] = []
        while len(people) < size and len(children) < wanted_children and age >= 0:
            sex = "1" if rng.random() < 0.52 else "2"
            children.append(Person("20" if sex == "1" else "30", sex, age, child_eth))
            people.append(children[-1])
            age -= rng.randint(1, 6)
        if len(people) < size and head_age <= 62:
            for relation, sex in (("51", "1"), ("52", "2")):
                if len(people) < size and rng.random() < 0.75:
                    parent_age = min(98, head_age + rng.randint(22, 32))
                    people.append(Person(relation, sex, parent_age, head_eth))
        sons = [c for c in children if c.sex == "1" and c.age >= 22]
        if sons and len(people) < size:
            son = sons[0]
            daughter_in_law = Person(
                "38", "2", max(20, son.age + rng.randint(-4, 2)), self.people.ethnicity.pick(rng)
            )
            people.append(daughter_in_law)
            age = min(son.age, daughter_in_law.age) - rng.randint(21, 28)
            while len(people) < size and age >= 0:
                people.append(Person("40", "1" if rng.random() < 0.52 else "2", age, son.ethnicity))
                age -= rng.randint(1, 5)
        while len(people) < size:  # a brother or sister of the head
            sex = "1" if rng.random() < 0.5 else "2"
            people.append(Person("70", sex, max(16, head_age + rng.randint(-8, 8)), head_eth))
        return people

    def _describe(self, person: Person, county_code: str, surname: str) -> None:
        """Name, birth date, ID number, schooling, health, labour and phone, consistent with the age."""
        rng = self.rng
        # Up to 364 days before the last birthday: exactly ``age`` completed years on REFERENCE_DATE.
        birthday = REFERENCE_DATE.replace(year=REFERENCE_DATE.year - person.age).toordinal()
        birth = dt.date.fromordinal(birthday - rng.randint(0, 364))
        person.birth_date = birth
        person.name = self.people.full_name(surname, person.sex, birth.year, person.ethnicity)
        prefix = self.people.id_prefix(county_code, birth.year, person.relationship in ("10", "38"))
        person.id_number, person.birth_date = self.people.id_number(prefix, birth, person.sex)
        self._schooling(person)
        self._health_and_labour(person)
        if 18 <= person.age <= 70 and rng.random() < (0.85 if person.age < 55 else 0.5):
            person.phone = self.people.phone()

    def _schooling(self, person: Person) -> None:
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

    def _health_and_labour(self, person: Person) -> None:
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

    def _hardship(self, people: list[Person]) -> str:
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

    def _surveys(self, household_id: str, people: list[Person], township: Township) -> int:
        """One survey a year; incomes in whole yuan by source, as on the 建档立卡 form."""
        rng = self.rng
        randint = rng.randint
        # Wages only from members working away (else the form's consistency check complains).
        wage = sum(m * randint(22, 42) * 100 for p in people if (m := p.work_away_months))
        farmers = sum(1 for p in people if p.labour in self.farming_labour)
        business = sum(randint(25, 80) * 100 for _ in range(farmers))
        if farmers and rng.random() < 0.4:  # cattle or sheep
            business += randint(50, 300) * 100
        expense = round_to(business * (0.25 + 0.2 * rng.random()), 100)
        prop = randint(3, 20) * 100 if rng.random() < 0.3 else 0  # land leased out
        transfer = randint(30, 120) * 10  # farmland subsidies
        transfer += sum(randint(130, 240) * 10 for p in people if p.age >= 60)  # pensions
        transfer += sum(1200 for p in people if p.health == self.disabled)
        if rng.random() < 0.08:  # 低保
            transfer += randint(300, 600) * 10
        causes = self._hardship(people)
        need = rng.choice(_NEEDS)
        years = YEARS if rng.random() < 0.85 else YEARS[1:]
        ids = self.writer.ids(len(years))
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
                    share = round_to(rest * 0.6, 10)
                    wage = max(0, wage + share)
                    business = max(expense, business + round_to(rest - share, 10))
                else:
                    business = max(expense, business + round_to(rest, 10))
            month = randint(9, 11)  # surveyed in the autumn, before LAST_EVENT_DATE
            self.writer.add(
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

    def household(self, village: Village) -> tuple[int, int]:
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
        household_id, *member_ids = self.writer.ids(1 + len(people))
        phones = [p.phone for p in people]
        household_phone = next((ph for ph in phones if ph), "")
        search_text = household_search_text(
            [p.name for p in people], [p.id_number for p in people], [household_phone, *phones]
        )
        number = village.next_no
        village.next_no += 1
        group = rng.randint(1, 8)
        self.writer.add(
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
            self.writer.add(
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
