"""Use cases shared by the GUI and the CLI; ``services.station.Station`` is the facade.

One module per use-case group, each opening its own short sessions; errors come from
``huimin_desktop.errors``. Demo data is not a use case of the program: it lives in
``huimin_desktop.demo`` and the facade hands it out (``Station.open_demo``, ``Station.generate_demo``).
"""
