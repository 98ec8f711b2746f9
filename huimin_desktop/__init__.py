"""Huimin Desktop core: data, rules, sync and use cases, with no Qt anywhere.

The GUI (``ui/``) and the command line (``huimin_desktop.cli``) both stand on this package.
"""

APP_NAME = "Huimin Desktop"
APP_NAME_ZH = "惠民工程数据采集系统"
APP_ID = "huimin-desktop"
ORGANIZATION = "Huimin"
__version__ = "0.1.0"
