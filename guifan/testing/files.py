"""Spreadsheets for import tests, written the way units export them."""

import csv
from pathlib import Path

CASE_HEADER = [
    "部门受案号",
    "统一受案号",
    "案件名称",
    "案件类别",
    "案由",
    "单位编码",
    "承办部门",
    "承办人工号",
    "受理日期",
    "办结日期",
    "结案方式",
    "案件状态",
    "是否自侦",
    "挂牌督办",
]


def case_row(no: int, unit: str = "970102", **overrides) -> dict:
    row = {
        "部门受案号": f"甲区检公诉受[2015]{no:04d}号",
        "统一受案号": f"970102201500{no:05d}",
        "案件名称": f"张某{no}盗窃案",
        "案件类别": "审查起诉(一审)",
        "案由": "盗窃罪",
        "单位编码": unit,
        "承办部门": "公诉科",
        "承办人工号": "9701020001" if unit == "970102" else "",
        "受理日期": "2015-03-14",
        "办结日期": "2015/4/20",
        "结案方式": "起诉",
        "案件状态": "已结案",
        "是否自侦": "否",
        "挂牌督办": "",
    }
    row.update(overrides)
    return row


def write_csv(
    path: Path, rows: list[dict], *, encoding: str = "utf-8", header: list[str] | None = None
) -> Path:
    header = header or list(rows[0].keys())
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header)
        writer.writeheader()
        writer.writerows(rows)
    return path
