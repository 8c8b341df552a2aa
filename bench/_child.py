"""Measured steps of the import benchmark, each run in its own process (see import_cases.py).

    python bench/_child.py ours CSV            -> our importer on the configured database
    python bench/_child.py ours_bulk CSV       -> the same on its big-load path (indexes after)
    python bench/_child.py dje CSV LIMIT       -> django-import-export on the first LIMIT rows
    python bench/_child.py copy CSV            -> raw COPY into an unindexed table (PostgreSQL)
    python bench/_child.py copy_indexed CSV    -> typed COPY of the anchor's rows into the same
                                                  table with the same indexes (PostgreSQL anchor)
    python bench/_child.py executemany CSV     -> plain sqlite3 executemany into the same
                                                  table with the same indexes (SQLite anchor)

Each prints one JSON object: rows, seconds, CPU seconds (user + system of this process, plus
the server backend's on PostgreSQL), peak memory of this process (MiB).
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


def _cpu() -> float:
    """User + system CPU seconds of this process (and of no other: the machine is shared)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def ours(csv_path: Path, bulk: bool = False) -> dict:
    """Our importer; ``bulk`` takes the big-load path (secondary indexes rebuilt after).
    On PostgreSQL "cpu" adds the server backend's CPU seconds."""
    import django

    django.setup()
    from django.db import connection

    from guifan.cases.services import cases_import

    backend = None
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            backend = cursor.fetchone()[0]
    server = _backend_cpu(backend) if backend else 0.0
    started, cpu = time.perf_counter(), _cpu()
    result = cases_import(path=csv_path, kind="cases", bulk=bulk)
    elapsed, cpu = time.perf_counter() - started, _cpu() - cpu
    server = _backend_cpu(backend) - server if backend else 0.0
    assert result.rejected == 0, result.errors[:3]
    rows = result.imported + result.unchanged + result.updated
    return {"rows": rows, "seconds": elapsed, "cpu": cpu + server, "server_cpu": server}


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
    started, cpu = time.perf_counter(), _cpu()
    result = CaseResource().import_data(dataset, dry_run=False, raise_errors=True)
    elapsed, cpu = time.perf_counter() - started, _cpu() - cpu
    assert not result.has_errors()
    return {"rows": len(dataset), "seconds": elapsed, "cpu": cpu}


def copy(csv_path: Path) -> dict:
    import psycopg

    with psycopg.connect(os.environ["BENCH_PG_DSN"], autocommit=True) as conn:
        with open(csv_path, encoding="utf-8-sig") as handle:
            header = handle.readline().strip().split(",")
            columns = ", ".join(f"c{i} text" for i in range(len(header)))
            conn.execute("DROP TABLE IF EXISTS bench_copy_ceiling")
            conn.execute(f"CREATE TABLE bench_copy_ceiling ({columns})")
            started, cpu = time.perf_counter(), _cpu()
            with conn.cursor().copy("COPY bench_copy_ceiling FROM STDIN WITH (FORMAT csv)") as cp:
                while chunk := handle.read(1 << 20):
                    cp.write(chunk)
            elapsed, cpu = time.perf_counter() - started, _cpu() - cpu
        rows = conn.execute("SELECT count(*) FROM bench_copy_ceiling").fetchone()[0]
        conn.execute("DROP TABLE bench_copy_ceiling")
    return {"rows": rows, "seconds": elapsed, "cpu": cpu}


ANCHOR_COLUMNS = (
    "case_no, case_no_norm, unified_no, name, category, cause, unit_id, department_id, "
    "handler_id, handler_name, accept_date, filing_date, close_date, close_type, status, "
    "is_self_investigation, is_major_bribery, supervision, prior_eval_year, prior_eval_tier, "
    "prior_eval_grade, reviewers, prior_evaluators, row_hash, updated_at"
)


def _anchor_batches(csv_path: Path):
    """The file's rows as the anchors insert them, 2,000 a batch: only what the table needs
    (the normalised case number for its unique index; unit, department and handler ids looked
    up in dicts); text and dates as the file spells them; nothing checked."""
    import csv

    from guifan.cases.importing.specs import CASES
    from guifan.cases.numbers import normalise_case_no
    from guifan.org.models import Department, Person, Unit

    units = dict(Unit.objects.values_list("code", "pk"))
    departments = {(u, n): pk for pk, u, n in Department.objects.values_list("pk", "unit", "name")}
    people = dict(Person.objects.values_list("staff_no", "pk"))
    known = CASES.header_map()
    with csv_path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        at = {}
        for index, name in enumerate(header):
            column = known.get(name.strip())
            if column is not None:
                at[column.field] = index
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
            yield params


def executemany(csv_path: Path) -> dict:
    """The same-schema limit on SQLite: the file's rows (_anchor_batches) inserted with the
    standard library's sqlite3 into the migrated cases_case table (all its indexes), 2,000
    rows a transaction as our importer commits."""
    import sqlite3

    import django

    django.setup()
    from django.conf import settings

    conn = sqlite3.connect(settings.DATABASES["default"]["NAME"], isolation_level=None)
    for pragma in (
        "journal_mode=WAL",
        "synchronous=NORMAL",
        "foreign_keys=ON",
        "cache_size=-65536",
        "temp_store=MEMORY",
    ):  # as settings.py sets them
        conn.execute(f"PRAGMA {pragma}")  # fmt: skip
    sql = f"INSERT INTO cases_case ({ANCHOR_COLUMNS}) VALUES ({', '.join(['?'] * 25)})"
    rows = 0
    started, cpu = time.perf_counter(), _cpu()
    for params in _anchor_batches(csv_path):
        conn.execute("BEGIN")
        conn.executemany(sql, params)
        conn.execute("COMMIT")
        rows += len(params)
    elapsed, cpu = time.perf_counter() - started, _cpu() - cpu
    conn.close()
    return {"rows": rows, "seconds": elapsed, "cpu": cpu}


def copy_indexed(csv_path: Path) -> dict:
    """The same-schema limit on PostgreSQL: the same rows as the SQLite anchor, written with
    psycopg's COPY into the migrated cases_case table with all its indexes, one COPY and
    one transaction per 2,000 rows. "cpu" adds the server backend's CPU seconds."""
    import django
    import psycopg

    django.setup()
    rows = 0
    with psycopg.connect(os.environ["BENCH_PG_DSN"]) as conn:
        backend = conn.execute("SELECT pg_backend_pid()").fetchone()[0]
        conn.commit()
        started, cpu, server = time.perf_counter(), _cpu(), _backend_cpu(backend)
        for params in _anchor_batches(csv_path):
            with conn.cursor().copy(f"COPY cases_case ({ANCHOR_COLUMNS}) FROM STDIN") as copy:
                for row in params:
                    copy.write_row(row)
            conn.commit()
            rows += len(params)
        elapsed, cpu = time.perf_counter() - started, _cpu() - cpu
        server = _backend_cpu(backend) - server
    return {"rows": rows, "seconds": elapsed, "cpu": cpu + server, "server_cpu": server}


def _backend_cpu(pid: int) -> float:
    """CPU seconds (user + system) of a PostgreSQL backend on this machine."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


if __name__ == "__main__":
    step, path = sys.argv[1], Path(sys.argv[2])
    outcome = {
        "ours": lambda: ours(path),
        "ours_bulk": lambda: ours(path, bulk=True),
        "dje": lambda: dje(path, int(sys.argv[3])),
        "copy": lambda: copy(path),
        "executemany": lambda: executemany(path),
        "copy_indexed": lambda: copy_indexed(path),
    }[step]()
    outcome["peak_mib"] = round(_peak_mib(), 1)
    print(json.dumps(outcome))
