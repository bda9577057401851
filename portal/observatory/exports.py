"""Open data: every public indicator as CSV, XLSX and ODS, described by a
``datapackage.json`` (Frictionless Data) and a README of the fields, under
the Licence Ouverte 2.0.

Only protected figures leave: the rows come from ``reading.series``. CSV is
streamed row by row; XLSX is written by XlsxWriter in constant-memory mode
(one row in memory at a time) into a temporary file; ODS by odfpy.
"""

from __future__ import annotations

import csv
import io
import tempfile
from collections.abc import Iterator
from datetime import date

from portal.observatory import indicators, reading

FIELDS = [
    ("indicator", "string", "Name of the indicator (see the methodology page)."),
    ("period", "string", "Month (YYYY-MM), week (YYYY-Www), year (YYYY) or 'all'."),
    ("breakdown", "string", "What the figures are broken down by, empty for the whole territory."),
    ("group", "string", "The group (theme code, INSEE commune code, department, age range); empty for the total."),
    ("value", "number", "The figure: a count, a percentage, or minutes; empty when protected."),
    ("n", "integer", "Number of events the figure is computed on; empty when protected (fewer than k)."),
    ("protected", "boolean", "true when the figure concerns fewer than k people, or would give one back."),
    ("k", "integer", "The smallest group shown for this figure."),
]
LICENSE = {"name": "etalab-2.0", "title": "Licence Ouverte / Open Licence version 2.0",
           "path": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"}
FORMATS = ("csv", "xlsx", "ods")


def rows(indicator, start: date, end: date, period: str = "month", by: str | None = None) -> Iterator[list]:
    series = reading.series(indicator, start=start, end=end, period=period, by=by)
    for point in series.points:
        yield [indicator.name, point.period, by or "", point.group or "",
               point.value, point.n, point.hidden, series.k]


def header() -> list[str]:
    return [name for name, _, _ in FIELDS]


def csv_stream(table: list[list]) -> Iterator[str]:
    """CSV text in chunks, from rows already read (protected aggregates: a few
    thousand at most), so streaming needs no database or request context."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header())
    for row in table:
        writer.writerow(["" if v is None else ("true" if v is True else "false" if v is False else v)
                         for v in row])
        if buffer.tell() > 16384:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def xlsx_file(indicator, start, end, period="month", by=None):
    """A temporary file holding the workbook (constant memory whatever its size)."""
    import xlsxwriter

    handle = tempfile.TemporaryFile()
    workbook = xlsxwriter.Workbook(handle, {"constant_memory": True, "in_memory": False})
    sheet = workbook.add_worksheet(indicator.name[:31])
    bold = workbook.add_format({"bold": True})
    sheet.write_row(0, 0, header(), bold)
    for number, row in enumerate(rows(indicator, start, end, period, by), start=1):
        sheet.write_row(number, 0, ["" if v is None else v for v in row])
    workbook.close()
    handle.seek(0)
    return handle


def ods_bytes(indicator, start, end, period="month", by=None) -> bytes:
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    document = OpenDocumentSpreadsheet()
    table = Table(name=indicator.name[:31])

    def add(values):
        line = TableRow()
        for value in values:
            if isinstance(value, bool) or value is None or isinstance(value, str):
                cell = TableCell(valuetype="string")
                cell.addElement(P(text="" if value is None else str(value).lower()
                                  if isinstance(value, bool) else str(value)))
            else:
                cell = TableCell(valuetype="float", value=value)
                cell.addElement(P(text=str(value)))
            line.addElement(cell)
        table.addElement(line)

    add(header())
    for row in rows(indicator, start, end, period, by):
        add(row)
    document.spreadsheet.addElement(table)
    out = io.BytesIO()
    document.write(out)
    return out.getvalue()


def datapackage(base_url: str) -> dict:
    """The Frictionless descriptor of the CSV files at their stable URLs."""
    schema = {"fields": [{"name": name, "type": kind, "description": text} for name, kind, text in FIELDS],
              "missingValues": [""]}
    return {
        "name": "passerelle-observatoire",
        "title": "Observatoire des besoins des jeunes — Passerelle",
        "description": ("Anonymous indicators of what young people look for and how fast they are "
                        "answered. No figure concerns fewer than k people; see the methodology page."),
        "licenses": [LICENSE],
        "resources": [{
            "name": indicator.name.replace("_", "-"),
            "path": f"{base_url}/{indicator.name}.csv",
            "title": str(indicator.title),
            "description": str(indicator.definition),
            "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
            "schema": schema,
        } for indicator in indicators.public()],
    }


def readme() -> str:
    lines = ["# Observatoire — Passerelle: the files", "",
             "Each public indicator is published monthly over the last twelve months as CSV, XLSX and ODS,",
             "with the same columns. Licence Ouverte 2.0 (Etalab).", "", "## Columns", ""]
    lines += [f"- `{name}` ({kind}): {text}" for name, kind, text in FIELDS]
    lines += ["", "## Indicators", ""]
    lines += [f"- `{i.name}`: {i.definition} (since version {i.since})" for i in indicators.public()]
    return "\n".join(lines) + "\n"
