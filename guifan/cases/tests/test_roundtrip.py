"""The demo's export files, read back through the importer: the same world as the demo loads
into the database, nothing lost, nothing doubled, nothing "updated"."""

import pytest
from django.core.management import call_command

from guifan.cases.importing.specs import SPECS
from guifan.cases.models import Case, Clue, Reception, StatReport
from guifan.cases.services import cases_import
from guifan.demo.export import export_files
from guifan.demo.services import demo_load
from guifan.journal.models import Entry

pytestmark = pytest.mark.django_db(transaction=True)
CASES = 300


def _stored() -> dict[str, set]:
    """Every stored row of every kind, as comparable values (no ids, no time stamps)."""
    rows = {}
    for kind, spec in SPECS.items():
        fields = [c.field for c in spec.columns if c.field not in ("case_no", "unit_code",
                  "unit_name", "department_name", "handler_staff_no")]  # fmt: skip
        key = ["case_no_norm", "unit__code", "department__name", "handler__staff_no"]
        if spec.is_case:
            names = [*fields, *key]
        elif spec.is_event:
            names = [*fields, "case__case_no_norm", "row_hash"]
        else:  # the 2015 ledgers and the staff registers (a relative's staff by 工号)
            stored = {f.name for f in spec.model._meta.fields}
            names = [f for f in fields if f in stored] + ["unit__code", "row_hash"]
            names += ["person__staff_no"] if "person" in stored else []
        rows[kind] = set(spec.model.objects.values_list(*names))
    return rows


def test_importing_the_exported_files_into_an_empty_database_gives_the_demo_world(tmp_path):
    call_command("flush", interactive=False, verbosity=0)  # whatever an earlier test left
    assert demo_load(cases=CASES).created_cases == CASES
    loaded = _stored()
    call_command("flush", interactive=False, verbosity=0)
    demo_load(cases=0)  # the organisation only
    counts = export_files(tmp_path, cases=CASES)
    for kind in SPECS:
        result = cases_import(path=tmp_path / f"{kind}.csv", kind=kind)
        assert (result.rejected, result.warnings) == (0, []), result.errors[:3]
        # The 2015 ledgers came with the demo's campaign, even without cases.
        assert result.imported + result.unchanged == counts[kind]
    imported = _stored()
    for kind in SPECS:  # name the first rows that differ, if any
        assert imported[kind] == loaded[kind], (
            kind,
            sorted(imported[kind] - loaded[kind], key=str)[:2],
            sorted(loaded[kind] - imported[kind], key=str)[:2],
        )
    assert Case.objects.filter(is_self_investigation=True, filing_date__isnull=False).exists()
    # The oversight records came through too: clues, receptions, retrial dates, 统计报表.
    assert Clue.objects.exists() and Reception.objects.exists() and StatReport.objects.exists()
    assert Case.objects.filter(retrial_applied_on__isnull=False).exists()


def test_importing_the_exported_files_into_the_demo_changes_nothing(tmp_path):
    call_command("flush", interactive=False, verbosity=0)
    assert demo_load(cases=CASES).created_cases == CASES
    counts = export_files(tmp_path, cases=CASES, formats=("xlsx",))
    journal = Entry.objects.count()
    for kind in SPECS:
        again = cases_import(path=tmp_path / f"{kind}.xlsx", kind=kind)
        assert (again.imported, again.updated, again.unchanged) == (0, 0, counts[kind]), kind
    # Only the imports themselves are journaled (started and done), no row changes.
    assert Entry.objects.count() == journal + 2 * len(SPECS)
