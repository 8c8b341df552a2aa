"""Reading an import file's header: which column holds which field."""

from __future__ import annotations

from django.utils.translation import gettext as _

from guifan.cases.importing.columns import Column, Spec, normalise_header
from guifan.cases.importing.reading import FileRefused, Table
from guifan.cases.importing.report import REPORT_COLUMNS
from guifan.cases.importing.result import ImportResult


def map_header(spec: Spec, table: Table, result: ImportResult) -> list[tuple[int, Column]]:
    """The file's columns the spec knows, by position; a warning for each other column,
    FileRefused for a column given twice or a required one missing."""
    known = spec.header_map()
    ignored = {normalise_header(name) for name in REPORT_COLUMNS}
    mapped: dict[str, str] = {}
    columns: list[tuple[int, Column]] = []
    for index, name in enumerate(table.header):
        key = normalise_header(name)
        if not key:
            result.warnings.append(_("第 %(n)d 列没有列名，其内容未导入") % {"n": index + 1})
        elif key in known:
            column = known[key]
            if column.field in mapped:
                raise FileRefused(
                    _("列“%(a)s”与列“%(b)s”是同一项，请删去一列")
                    % {"a": name, "b": mapped[column.field]}
                )
            mapped[column.field] = name
            columns.append((index, column))
        elif key not in ignored:
            result.warnings.append(
                _(
                    "未识别的列“%(name)s”（第 %(n)d 列），其内容未导入；"
                    "如是有用信息，请按导入说明修改列名"
                )
                % {"name": name, "n": index + 1}
            )
    missing = [c.header for c in spec.columns if c.required and c.field not in mapped]
    if spec.by_unit and not {"unit_code", "unit_name"} & mapped.keys():
        missing.append(_("单位编码（或承办单位）"))
    if missing:
        raise FileRefused(_("缺少必需的列：%(cols)s") % {"cols": "、".join(missing)})
    return columns
