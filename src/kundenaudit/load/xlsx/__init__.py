"""Reading XLSX workbooks (SPEC §11): the cells of a sheet as text, every problem located."""
