"""The single error type of the prepare step.

A bad publisher file must stop the run with a message a person can act on: which file, which sheet, which
row and which column. The CLI prints ``str(error)`` as one line and exits non-zero, so everything needed to
find the problem has to be in that line.
"""

from __future__ import annotations

from pathlib import Path


class PrepareError(Exception):
    """Bad or unexpected input, located as precisely as the format allows.

    ``row`` is the row number a person sees when opening the file: in CSV files the header is row 1, in
    workbooks it is the spreadsheet row. ``column`` may also name a JSON path for JSON-stat documents.
    """

    def __init__(
        self,
        file: str | Path,
        message: str,
        *,
        sheet: str | None = None,
        row: int | None = None,
        column: str | None = None,
    ) -> None:
        self.file = str(file)
        self.message = message
        self.sheet = sheet
        self.row = row
        self.column = column
        super().__init__(str(self))

    def __str__(self) -> str:
        where = [self.file]
        if self.sheet is not None:
            where.append(f"sheet {self.sheet!r}")
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column {self.column!r}")
        return f"{', '.join(where)}: {self.message}".replace("\n", " ")
