"""Writes docs/import-format.md from the import specs, so the documentation cannot drift.

.venv/bin/python -m guifan.cases.importing.docs > docs/import-format.md
"""


def render() -> str:
    from guifan.cases.importing.specs import SPECS

    lines = [
        "# 导入文件格式（Import file format）",
        "",
        "由 `python -m guifan.cases.importing.docs` 根据导入规格生成，请勿手改。",
        "",
        "- 文件：CSV（UTF-8、UTF-8 带 BOM、GBK/GB18030、UTF-16，自动识别；逗号或制表符分隔）"
        "或 Excel（.xlsx，默认第一个工作表）。",
        "- 表头按下表的列名或别名识别（忽略全角/半角、空格、大小写和必填标记 *）；"
        "不认识的列会在结果中提示，不会悄悄丢弃。",
        "- 日期可写 2015-03-14、2015/3/14、2015.3.14、2015年3月14日、20150314 或 Excel 日期；"
        "时间可写 2015-03-14 09:30、2015/3/14 9:30:00、2015年3月14日9时30分。",
        "- 是/否列可写 是、否、Y、N、1、0、√、×。",
        "- 办案过程数据以“部门受案号 + 序号”对应到案件的一条记录："
        "重复导入时同一条记录被更新，不会重复。",
        "- 命令行：`guifan cases import 文件 [--kind 类型] [--sheet 工作表] "
        "[--errors 错误报告.xlsx] [--json]`；"
        "类型默认按文件名判断（如 interrogations.csv、讯问.xlsx）。",
        "",
    ]
    for kind, spec in SPECS.items():
        lines += [f"## {spec.label}（`{kind}`）", "", "| 列名 | 别名 | 必填 |", "|---|---|---|"]
        for column in spec.columns:
            aliases = "、".join(column.aliases) or "—"
            lines.append(f"| {column.header} | {aliases} | {'是' if column.required else ''} |")
        if spec.by_unit:
            lines += ["", "“单位编码”与“承办单位”（或“单位”、“被反映单位”）至少填一项。"]
        if spec.key:
            # The unit is named by 单位编码 or 承办单位: said once, by the latter.
            key = "”“".join(c.header for c in spec.columns
                            if c.field in spec.key_fields and c.field != "unit_code")  # fmt: skip
            lines += ["", f"以“{key}”对应一条记录：重复导入时同一条记录被更新，不会重复。"]
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    from guifan.core.cli import setup

    setup()  # the apps register their import kinds when Django starts
    print(render(), end="")
