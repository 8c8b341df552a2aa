"""Source providers: data other apps hand to the knowledge base.

The knowledge base sits above campaigns and evaluation (it reads their templates and
rubrics itself, in kb_sources.py) and below checks and reports. An app above it that has
answerable data — the check rule catalog (R1-01 … with citations) — registers a provider
in its own ``kb_sources.py`` instead of being imported here::

    from guifan.knowledge.registry import Provided, ProvidedPassage, source_provider

    @source_provider
    def rule_catalog():
        yield Provided(key="rules:catalog", title="检查规则库", kind="rules", passages=[
            ProvidedPassage(heading=("执行办案规范",), citation="R2-01", text="…"),
        ])

``guifan kb load`` (and the demo) store what providers yield; an unchanged document is
left alone, a changed one replaced.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class ProvidedPassage:
    heading: tuple[str, ...]
    citation: str
    text: str
    article: int | None = None
    kind: str = "provided"  # "item" for one entry of a list (a problem category)


@dataclass(frozen=True)
class Provided:
    """A document a provider yields: ``key`` identifies it across loads."""

    key: str
    title: str
    kind: str  # a SourceKind value
    passages: list[ProvidedPassage] = field(default_factory=list)
    short_name: str = ""
    unit_id: int | None = None  # read only by that unit's people and those over it
    campaign_id: int | None = None  # read only by those who see the campaign
    secondary: bool = False  # restates another source, which answers come from first


Provider = Callable[[], Iterable[Provided]]
_providers: list[Provider] = []


def source_provider(fn: Provider) -> Provider:
    _providers.append(fn)
    return fn


def provided() -> list[Provided]:
    return [document for provider in _providers for document in provider()]
