"""Charts drawn on the server (matplotlib, Agg) for the .docx: the same data as the page's.

Chinese labels need a CJK font from the system (Debian: fonts-noto-cjk). Without one the
report leaves its charts out and says so; its tables carry the same figures.
"""

from __future__ import annotations

import io
from functools import cache

# Fonts that hold Simplified Chinese, in order of preference.
CJK_FAMILIES = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Droid Sans Fallback",
    "AR PL UMing CN",
    "SimHei",
    "Microsoft YaHei",
)
PALETTE = ("#2f5d9b", "#e0a030", "#5b9b5b", "#c0504d", "#8064a2", "#4bacc6", "#7f7f7f")


@cache
def cjk_font() -> str | None:
    """The name of an installed CJK font family, or None."""
    try:
        from matplotlib import font_manager
    except ImportError:  # pragma: no cover - matplotlib is a dependency
        return None
    installed = {font.name for font in font_manager.fontManager.ttflist}
    return next((family for family in CJK_FAMILIES if family in installed), None)


def chart_png(data: dict, *, width: float = 6.2, height: float = 3.4) -> bytes | None:
    """A PNG of ``data`` (Table.chart_data()), or None without a CJK font or data."""
    font = cjk_font()
    if font is None or not data["categories"] or not data["series"]:
        return None
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width, height), dpi=150)
    axes = figure.add_subplot()
    with matplotlib.rc_context({"font.family": font, "axes.unicode_minus": False}):
        _draw(axes, data)
        axes.set_title(data["title"], fontsize=11, fontfamily=font)
        for label in (*axes.get_xticklabels(), *axes.get_yticklabels()):
            label.set_fontfamily(font)
        figure.legend(loc="lower center", prop={"family": font, "size": 8}, frameon=False,
                      ncols=min(5, len(data["series"])))  # fmt: skip
        axes.spines[["top", "right"]].set_visible(False)
        figure.tight_layout(rect=(0, 0.07, 1, 1))  # room for the legend below
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png")
    return buffer.getvalue()


def _draw(axes, data: dict) -> None:
    positions = range(len(data["categories"]))
    if data["kind"] == "line":
        for colour, series in zip(PALETTE * 3, data["series"], strict=False):
            axes.plot(data["categories"], series["data"], marker="o", color=colour,
                      label=series["name"])  # fmt: skip
        return
    stacked = data["kind"] == "stack"
    sideways = any(len(c) > 6 for c in data["categories"])  # long labels: bars laid sideways
    bars = axes.barh if sideways else axes.bar
    count = len(data["series"])
    width = 0.7 if stacked else 0.8 / count
    base = [0] * len(data["categories"])
    for i, (colour, series) in enumerate(zip(PALETTE * 3, data["series"], strict=False)):
        values = [v if isinstance(v, int | float) else 0 for v in series["data"]]
        if stacked:
            offset = {"left" if sideways else "bottom": base}
            bars(positions, values, width, color=colour, label=series["name"], **offset)
            base = [b + v for b, v in zip(base, values, strict=True)]
        else:
            shifted = [p + (i - (count - 1) / 2) * width for p in positions]
            bars(shifted, values, width, color=colour, label=series["name"])
    if sideways:
        axes.set_yticks(list(positions), data["categories"], fontsize=7)
        axes.invert_yaxis()
        return
    axes.set_xticks(list(positions), data["categories"], rotation=30 if len(positions) > 6 else 0,
                    ha="right" if len(positions) > 6 else "center", fontsize=8)  # fmt: skip
