"""Paging a list whose size is already known, cheaply from either end."""

from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet


class CountedPaginator(Paginator):
    """A paginator told its count (cached elsewhere, so no COUNT(*) per page view) that reads
    a page in the second half of a list through the reversed ordering: the last of 50,000
    pages costs what the first does, instead of skipping a million rows with OFFSET.

    ``exact=False``: the list holds at least ``count`` rows (a bounded count); its pages are
    those of the first ``count`` rows, read from the top, and ``at_least`` tells the pager."""

    def __init__(
        self, object_list: QuerySet, per_page: int, *, count: int, exact: bool = True
    ) -> None:
        super().__init__(object_list, per_page)
        self.count = count  # replaces the cached_property; Paginator reads it everywhere
        self.at_least = not exact

    def page(self, number) -> Page:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = min(bottom + self.per_page, self.count)
        if bottom > self.count // 2 and self.object_list.ordered and not self.at_least:
            rows = list(self.object_list.reverse()[self.count - top : self.count - bottom])
            rows.reverse()
        else:
            rows = self.object_list[bottom:top]
        return self._get_page(rows, number, self)
