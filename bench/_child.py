"""Measured steps of the import benchmark, each run in its own process (see import_cases.py).

    python bench/_child.py ours CSV            -> our importer on the configured database
    python bench/_child.py dje CSV LIMIT       -> django-import-export on the first LIMIT rows
    python bench/_child.py copy CSV            -> raw COPY into an unindexed table (PostgreSQL)
    python bench/_child.py executemany CSV     -> plain sqlite3 executemany into the same
                                                  table with the same indexes (SQLite anchor)

Each prints one JSON object: rows, seconds, peak memory of this process (MiB).
"""

import json
import os
import resource
import sys
import time
from itertools import islice
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "guifan.settings")


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def ours(csv_path: Path) -> dict:
    import django

    django.setup()
    from guifan.cases.services import cases_import

    started = time.perf_counter()
    result = cases_import(path=csv_path, kind="cases")
    elapsed = time.perf_counter() - started
    assert result.rejected == 0, result.errors[:3]
    return {"rows": result.imported + result.unchanged + result.updated, "seconds": elapsed}


def dje(csv_path: Path, limit: int) -> dict:
    import django

    django.setup()
    import tablib
    from import_export import fields, resources, widgets

    from guifan.cases.importing.specs import CASES
    from guifan.cases.models import Case
    from guifan.cases.numbers import normalise_case_no
    from guifan.org.models import Department, Person, Unit

    class Parsed(widgets.Widget):
        """Our own cell parser, so both importers convert values the same way."""

        def __init__(self, parse):
            super().__init__()
            self.parse = parse

        def clean(self, value, row=None, **kwargs):
            return self.parse(value)

    class DepartmentOfUnit(widgets.ForeignKeyWidget):
        def get_queryset(self, value, row, *args, **kwargs):
            return Department.objects.filter(unit__code=row["单位编码"])

    columns = {c.field: c for c in CASES.columns}

    def field(name, widget=None):
        column = columns[name]
        return fields.Field(
            attribute=name, column_name=column.header, widget=widget or Parsed(column.parse)
        )

    class CaseResource(resources.ModelResource):
        """The same file and the same conversions, the way django-import-export is used."""

        case_no = field("case_no")
        case_no_norm = fields.Field(attribute="case_no_norm", column_name="case_no_norm")
        unified_no = field("unified_no")
        name = field("name")
        category = field("category")
        cause = field("cause")
        unit = fields.Field(
            attribute="unit", column_name="单位编码", widget=widgets.ForeignKeyWidget(Unit, "code")
        )
        department = fields.Field(
            attribute="department",
            column_name="承办部门",
            widget=DepartmentOfUnit(Department, "name"),
        )
        handler = fields.Field(
            attribute="handler",
            column_name="承办人工号",
            widget=widgets.ForeignKeyWidget(Person, "staff_no"),
        )
        accept_date = field("accept_date")
        close_date = field("close_date")
        close_type = field("close_type")
        status = field("status")
        is_self_investigation = field("is_self_investigation")
        supervision = field("supervision")

        class Meta:
            model = Case
            import_id_fields = ("case_no_norm",)
            skip_unchanged = True
            fields = (
                "case_no",
                "case_no_norm",
                "unified_no",
                "name",
                "category",
                "cause",
                "unit",
                "department",
                "handler",
                "accept_date",
                "close_date",
                "close_type",
                "status",
                "is_self_investigation",
                "supervision",
            )

    with csv_path.open(encoding="utf-8-sig") as handle:
        text = "".join(islice(handle, limit + 1))
    dataset = tablib.Dataset().load(text, format="csv")
    dataset.append_col(
        [normalise_case_no(no) for no in dataset["部门受案号"]], header="case_no_norm"
    )
    started = time.perf_counter()
    result = CaseResource().import_data(dataset, dry_run=False, raise_errors=True)
    elapsed = time.perf_counter() - started
    assert not result.has_errors()
    return {"rows": len(dataset), "seconds": elapsed}


def copy(csv_path: Path) -> dict:
    import psycopg

    with psycopg.connect(os.environ["BENCH_PG_DSN"], autocommit=True) as conn:
        with open(csv_path, encoding="utf-8-sig") as handle:
            header = handle.readline().strip().split(",")
            columns = ", ".join(f"c{i} text" for i in range(len(header)))
            conn.execute("DROP TABLE IF EXISTS bench_copy_ceiling")
            conn.execute(f"CREATE TABLE bench_copy_ceiling ({columns})")
            started = time.perf_counter()
            with conn.cursor().copy("COPY bench_copy_ceiling FROM STDIN WITH (FORMAT csv)") as cp:
                while chunk := handle.read(1 << 20):
                    cp.write(chunk)
            elapsed = time.perf_counter() - started
        rows = conn.execute("SELECT count(*) FROM bench_copy_ceiling").fetchone()[0]
        conn.execute("DROP TABLE bench_copy_ceiling")
    return {"rows": rows, "seconds": elapsed}


def executemany(csv_path: Path) -> dict:
    """The same-schema limit on SQLite: the file's rows inserted with the standard library's
    sqlite3 into the migrated cases_case table (all its indexes), 2,000 rows a transaction as
    our importer commits, with only what the table needs: the normalised case number for its
    unique index and the unit, department and handler ids looked up in dicts. Text and dates
    go in as the file spells them; nothing is checked."""
    import csv
    import sqlite3

    import django

    django.setup()
    from django.conf import settings

    from guifan.cases.importing.specs import CASES
    from guifan.cases.numbers import normalise_case_no
    from guifan.org.models import Department, Person, Unit

    units = dict(Unit.objects.values_list("code", "pk"))
    departments = {(u, n): pk for pk, u, n in Department.objects.values_list("pk", "unit", "name")}
    people = dict(Person.objects.values_list("staff_no", "pk"))
    known = CASES.header_map()
    conn = sqlite3.connect(settings.DATABASES["default"]["NAME"], isolation_level=None)
    for pragma in (
        "journal_mode=WAL",
        "synchronous=NORMAL",
        "foreign_keys=ON",
        "cache_size=-65536",
        "temp_store=MEMORY",
    ):  # as settings.py sets them
        conn.execute(f"PRAGMA {pragma}")  # fmt: skip
    sql = (
        "INSERT INTO cases_case (case_no, case_no_norm, unified_no, name, category, cause, "
        "unit_id, department_id, handler_id, handler_name, accept_date, filing_date, "
        "close_date, close_type, status, is_self_investigation, is_major_bribery, supervision, "
        "prior_eval_year, prior_eval_tier, prior_eval_grade, reviewers, prior_evaluators, "
        "row_hash, updated_at) VALUES (" + ", ".join(["?"] * 25) + ")"
    )
    rows = 0
    with csv_path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        at = {}
        for index, name in enumerate(header):
            column = known.get(name.strip())
            if column is not None:
                at[column.field] = index
        started = time.perf_counter()
        while batch := list(islice(reader, 2000)):
            params = []
            for cells in batch:

                def cell(field, cells=cells):
                    return cells[at[field]] if field in at else ""

                unit = units[cell("unit_code")]
                params.append((
                    cell("case_no"), normalise_case_no(cell("case_no")), cell("unified_no"),
                    cell("name"), cell("category"), cell("cause"), unit,
                    departments.get((unit, cell("department_name"))),
                    people.get(cell("handler_staff_no")), cell("handler_name"),
                    cell("accept_date"), cell("filing_date") or None,
                    cell("close_date") or None, cell("close_type"), "closed", False, False,
                    "", None, "", "", cell("reviewers"), cell("prior_evaluators"), "",
                    "2016-03-25 00:00:00",
                ))  # fmt: skip
            conn.execute("BEGIN")
            conn.executemany(sql, params)
            conn.execute("COMMIT")
            rows += len(batch)
        elapsed = time.perf_counter() - started
    conn.close()
    return {"rows": rows, "seconds": elapsed}


if __name__ == "__main__":
    step, path = sys.argv[1], Path(sys.argv[2])
    outcome = {
        "ours": lambda: ours(path),
        "dje": lambda: dje(path, int(sys.argv[3])),
        "copy": lambda: copy(path),
        "executemany": lambda: executemany(path),
    }[step]()
    outcome["peak_mib"] = round(_peak_mib(), 1)
    print(json.dumps(outcome))
