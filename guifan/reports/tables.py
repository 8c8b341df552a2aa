"""One statistic as a table: the same rows feed the page, its chart, the .xlsx and the .docx.

A figure therefore cannot differ between the 领导驾驶舱, the export and the 总结报告: they
all print the cells of the same ``Table``.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Table:
    """Rows of a statistic; the first cell of each row is its label, the others figures."""

    key: str
    title: str
    columns: list[str]
    rows: list[list] = field(default_factory=list)
    # How the chart draws it: "bar", "stack" (stacked bars), "line" or "" (table only).
    chart: str = "bar"
    # The columns (indices into ``columns``) drawn as series; by default every figure.
    series: list[int] | None = None
    note: str = ""

    def __post_init__(self) -> None:
        self.columns = [str(column) for column in self.columns]  # lazy labels become text

    @classmethod
    def stacked(cls, *, key: str, title: str, label: str, parts: list[str], more: list[str],
                note: str = "") -> Table:  # fmt: skip
        """A table whose ``parts`` are drawn as stacked bars, then ``more`` columns."""
        return cls(key=key, title=title, columns=[label, *parts, *more], chart="stack",
                   series=list(range(1, len(parts) + 1)), note=note)  # fmt: skip

    @property
    def series_columns(self) -> list[int]:
        if self.series is not None:
            return self.series
        return list(range(1, len(self.columns)))

    def column(self, name: str) -> list:
        index = self.columns.index(name)
        return [row[index] for row in self.rows]

    def row(self, label: str) -> list | None:
        return next((row for row in self.rows if row[0] == label), None)

    def chart_data(self) -> dict:
        """What the browser's ECharts and the server's matplotlib both draw."""
        return {
            "key": self.key,
            "title": self.title,
            "kind": self.chart,
            "categories": [str(row[0]) for row in self.rows],
            "series": [
                {"name": self.columns[i], "data": [row[i] for row in self.rows]}
                for i in self.series_columns
            ],
        }


def rate(part: int, whole: int) -> float:
    """A percentage with one decimal (0 when there is nothing to count)."""
    return round(100 * part / whole, 1) if whole else 0.0
