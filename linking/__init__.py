"""Tables across pages: one key per person within a council, office holders, Ofsted checks.

Pure logic (no Prefect, no file I/O): records and DataFrames in, records out. The
`link` stage in `flows/` reads the tables, calls these functions and writes the results.
"""
