"""Huimin Desktop core: data, rules, sync and use cases, with no Qt anywhere.

The GUI (``ui/``) and the command line (``huimin_desktop.cli``) both stand on this package and reach
it through one facade, ``services.station.Station``. Its rooms, lowest first (a lower one never imports
a higher one: tests/core/test_layers.py):

- ``errors``: ``ServiceError`` and its family, which every layer may raise;
- ``domain``: the program's rules without storage (ID numbers, amounts, code lists, checks, search);
  ``model``: the SQLAlchemy models; ``stamps``: the clock and change capture;
- ``store``: the data folder, the database, migrations, the attachment store;
- ``sync``: packages, merge, keys and enrollment; ``spreadsheet``: rosters in and out; ``media``;
- ``services``: the use cases and the facade;
- ``demo``: the demo data generator, beside the services and reached through the facade;
- ``cli``: the command line over the facade.
"""

APP_NAME = "Huimin Desktop"
APP_NAME_ZH = "惠民工程数据采集系统"
APP_ID = "huimin-desktop"
ORGANIZATION = "Huimin"
__version__ = "0.1.0"
