"""The generator's export files, read back through the importer: nothing lost, nothing doubled."""

import pytest

from guifan.cases.importing.specs import SPECS
from guifan.cases.models import Case
from guifan.cases.services import cases_import
from guifan.demo.export import export_files
from guifan.demo.services import demo_load


@pytest.mark.django_db
def test_exported_files_import_cleanly_and_reimport_changes_nothing(tmp_path):
    demo_load(cases=0)
    counts = export_files(tmp_path, cases=200)
    for kind in SPECS:
        result = cases_import(path=tmp_path / f"{kind}.csv", kind=kind)
        assert (result.rejected, result.warnings) == (0, []), result.errors[:3]
        assert result.imported == counts[kind]
        assert SPECS[kind].model.objects.count() == counts[kind]
    for kind in SPECS:
        again = cases_import(path=tmp_path / f"{kind}.xlsx", kind=kind)
        assert (again.imported, again.updated, again.unchanged) == (0, 0, counts[kind])
    assert Case.objects.filter(is_self_investigation=True, filing_date__isnull=False).exists()
