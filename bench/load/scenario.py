"""What the locust scenario and bench/pages.py share: the 台账 filters, the export, and the
登记表's fields as a browser posts them."""

from __future__ import annotations

from html.parser import HTMLParser

FILTERS = [
    "?status=in_progress",
    "?year=2015",
    "?supervision=any",
    "?q=盗窃",
    "?status=closed&year=2015&sort=-close_date",
    "?evaluated=yes",
]
EXPORT = "/cases/export.xlsx?year=2015&status=closed&supervision=any"


class FormFields(HTMLParser):
    """The named fields of the 登记表 as a browser posts them: checked boxes only, a select's
    selected (or first) option, a textarea without the newline after its tag."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: dict[str, str] = {}
        self._textarea: str | None = None
        self._select: str | None = None
        self._option: tuple[dict, list[str]] | None = None
        self._chosen: set[str] = set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        name = a.get("name")
        if tag == "input" and name and a.get("type") not in ("submit", "button", "file"):
            if a.get("type") in ("radio", "checkbox") and "checked" not in a:
                return
            self.fields[name] = a.get("value") or ("on" if a.get("type") == "checkbox" else "")
        elif tag == "textarea" and name:
            self._textarea, self.fields[name] = name, ""
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select:
            self._option = (a, [])

    def handle_data(self, data):
        if self._textarea:
            self.fields[self._textarea] += data
        if self._option:
            self._option[1].append(data)

    def handle_endtag(self, tag):
        if tag == "textarea" and self._textarea:
            self.fields[self._textarea] = self.fields[self._textarea].removeprefix("\n")
            self._textarea = None
        elif tag == "option" and self._option and self._select:
            attrs, text = self._option
            value = attrs.get("value", "".join(text).strip())
            if self._select not in self.fields or (
                "selected" in attrs and self._select not in self._chosen
            ):
                self.fields[self._select] = value
                if "selected" in attrs:
                    self._chosen.add(self._select)
            self._option = None
        elif tag == "select":
            self._select = None
