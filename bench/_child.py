"""Measured steps of the import benchmark, each run in its own process (see import_cases.py).

    python bench/_child.py ours CSV            -> our importer on the configured database
    python bench/_child.py dje CSV LIMIT       -> django-import-export on the first LIMIT rows
    python bench/_child.py copy CSV            -> raw COPY into an unindexed table (PostgreSQL)

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


if __name__ == "__main__":
    step, path = sys.argv[1], Path(sys.argv[2])
    outcome = {
        "ours": lambda: ours(path),
        "dje": lambda: dje(path, int(sys.argv[3])),
        "copy": lambda: copy(path),
    }[step]()
    outcome["peak_mib"] = round(_peak_mib(), 1)
    print(json.dumps(outcome))
