"""首页 (the dashboard): the year's figures of the station's area, charts, and links into the lists.

``page.DashboardPage`` shows the numbers at once and builds the charts (QtCharts, ``charts.py``) after
its first paint; a click on a number, a bar or a row asks the main window for a list already filtered
(``links.ListLink``, applied with ``links.apply_link`` through the list pages' own filter boxes).
"""
