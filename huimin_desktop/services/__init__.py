"""Use cases shared by the GUI and the CLI; ``services.station.Station`` is the facade."""
