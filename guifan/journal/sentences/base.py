"""What every sentence needs: the registry, names for the codes in payloads, choice labels."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps

from guifan.journal.verbs import Verb

Payload = dict[str, Any]
Sentence = Callable[[str, Payload, "Names"], str]

# One sentence per verb; tests/test_sentences.py fails when a verb has none.
SENTENCES: dict[str, Sentence] = {}

_CODE = re.compile(r"^\d{6,12}$")  # unit codes (980102) and 工号 (9801020001)


class _Shown(dict):
    """A payload for str.format_map: a missing or empty value reads as —."""

    def __missing__(self, key: str) -> str:
        return "—"


def plain(table: dict[Verb, str]) -> None:
    """Register sentences that only put the target and payload values into a template, e.g.
    "退回“{target}”第 {version} 版"."""
    for verb, template in table.items():
        SENTENCES[verb.value] = _filler(template)


def _filler(template: str) -> Sentence:
    def fill(target: str, payload: Payload, names: Names) -> str:
        shown = {k: v for k, v in payload.items() if v not in (None, "")}
        return template.format_map(_Shown(shown, target=target or "—"))

    return fill


def says(*verbs: Verb) -> Callable[[Sentence], Sentence]:
    """Register the sentence for one or more verbs."""

    def register(fn: Sentence) -> Sentence:
        for verb in verbs:
            SENTENCES[verb.value] = fn
        return fn

    return register


@dataclass
class Names:
    """Unit and person names for the codes a page of entries mentions, read in two queries."""

    units: dict[str, str] = field(default_factory=dict)
    people: dict[str, str] = field(default_factory=dict)

    @classmethod
    def for_payloads(cls, payloads: Iterable[Payload]) -> Names:
        codes = {value for p in payloads for value in _strings(p) if _CODE.match(value)}
        if not codes:
            return cls()
        unit, person = apps.get_model("org", "Unit"), apps.get_model("org", "Person")
        return cls(
            dict(unit.objects.filter(code__in=codes).values_list("code", "short_name")),
            dict(person.objects.filter(staff_no__in=codes).values_list("staff_no", "name")),
        )

    def unit(self, code: Any) -> str:
        return self.units.get(code) or str(code or "—")

    def person(self, staff_no: Any) -> str:
        name = self.people.get(staff_no)
        return f"{name}（{staff_no}）" if name else str(staff_no or "—")


def _strings(value: Any) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def parse(payload: str) -> Payload:
    try:
        value = json.loads(payload or "{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def label(model: str, field_name: str, value: Any) -> str:
    """The Chinese label of a stored choice, e.g. label("complaints.Complaint", "channel",
    "visit") is 来访; unknown values are shown as they are."""
    choices = dict(apps.get_model(model)._meta.get_field(field_name).flatchoices)
    return str(choices.get(value, value if value not in (None, "") else "—"))


def field_names(model: str, names: Iterable[str]) -> str:
    """Field names as the screens call them: accept_date → 受理日期."""
    fields = {f.name: str(getattr(f, "verbose_name", f.name)) for f in _fields(model)}
    return "、".join(fields.get(name, name) for name in names) or "—"


def _fields(model: str):
    return apps.get_model(model)._meta.get_fields()


def short(digest: Any) -> str:
    """The first 12 hex digits of a hash, enough to compare with the bundle."""
    text = str(digest or "")
    return f"{text[:12]}…" if len(text) > 12 else text or "—"


def late(payload: Payload) -> str:
    return "（超期）" if payload.get("late") else ""


def count(value: Any) -> int:
    return len(value) if isinstance(value, list | tuple) else int(value or 0)
