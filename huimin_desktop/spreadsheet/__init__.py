"""Excel and CSV rosters: reading .xlsx/.xls/.csv, finding the table in a sheet laid out for printing,
normalising cells, interpreting rows as households, and writing rosters back (openpyxl; xlrd for .xls).

No database here: services/rosters.py matches the interpreted households against the station and writes.
"""
