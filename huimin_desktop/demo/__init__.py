"""Realistic synthetic data for demonstrations and benchmarks (``huimin demo``, "打开演示数据").

Not a service: no screen edits demo data, so the generator sits beside the use cases rather than among
them. It may import services/, store/, model/ and domain/; nothing below it imports it (the layers
test), and ui/ reaches it only through the facade (``Station.open_demo``, ``Station.generate_demo``).

``generate_demo`` fills a station with villages, households and their members, yearly surveys,
projects with their stage history and beneficiaries, training sessions, county indicators and,
optionally, project photos. The content depends only on the seed (one ``random.Random(seed)`` drawn in a
fixed order), never on the wall clock: ages are taken at ``REFERENCE_DATE`` and every date lies in the
program years ``YEARS`` and no later than ``LAST_EVENT_DATE``. Row ids are random (two stations with
the same seed still get distinct rows) and the stamps come from the station's clock.

One module per thing it makes:

- ``timeline``: the years and dates everything lies in; ``draws``: the seeded random helpers;
- ``names``: people's names, ID numbers and phones; ``places``: townships and their villages;
- ``households``: households, members and yearly surveys;
- ``projects``: projects (stages, beneficiaries) and trainings (attendees); ``indicators``: county
  assessment indicators with their plan and progress; ``attachments``: project photos;
- ``bulk``: the bulk writer (one compiled INSERT per table, plain tuples, sync columns set here, row
  ids ascending within a run): 100k households take seconds, not minutes;
- ``generate``: the entry point, the one transaction, the audit line (action ``demo``).
"""

from huimin_desktop.demo.generate import DEMO_STATION, MAX_HOUSEHOLDS, DemoSummary, generate_demo
from huimin_desktop.demo.names import id_check_character
from huimin_desktop.demo.timeline import LAST_EVENT_DATE, REFERENCE_DATE, YEARS

__all__ = [
    "DEMO_STATION",
    "LAST_EVENT_DATE",
    "MAX_HOUSEHOLDS",
    "REFERENCE_DATE",
    "YEARS",
    "DemoSummary",
    "generate_demo",
    "id_check_character",
]
