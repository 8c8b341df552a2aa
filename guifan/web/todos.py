"""The 待办 list: apps register providers; the 工作台 shows what they return for a user."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from django.conf import settings

from guifan.core import clock
from guifan.core.deadlines import Light, light_for


@dataclass(frozen=True)
class Todo:
    """One thing a user has to do, with where to do it."""

    kind: str  # 类型, e.g. 账号安全
    title: str
    url: str
    source: str = ""
    deadline: date | None = None

    @property
    def light(self) -> Light:
        return light_for(self.deadline, clock.today(), settings.GUIFAN_WARNING_DAYS)

    @property
    def days_left(self) -> int | None:
        return None if self.deadline is None else (self.deadline - clock.today()).days


Provider = Callable[[object], Iterable[Todo]]
_providers: list[Provider] = []


def todo_provider(fn: Provider) -> Provider:
    _providers.append(fn)
    return fn


def todos_for(user) -> list[Todo]:
    items = [todo for provider in _providers for todo in provider(user)]
    return sorted(items, key=lambda t: (t.deadline is None, t.deadline or date.max, t.title))
