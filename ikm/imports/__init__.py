"""Spreadsheet imports and exports of groups, members and products (staff pages).

columns.py defines the columns once (reader, template and exports use them), reader.py turns
an .xlsx or .csv file into rows, cells.py reads single values, checks.py validates rows and
saving.py writes a confirmed job. The workflow functions are in ikm/services/imports.py.
"""
