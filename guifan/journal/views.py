from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_POST

from guifan.core.decorators import role_required
from guifan.core.exports import journal_export, xlsx_response
from guifan.core.http import client_ip
from guifan.core.roles import Role
from guifan.journal.exports import EXPORT_COLUMNS, export_rows
from guifan.journal.forms import EntryFilterForm
from guifan.journal.selectors import entry_list, journal_verify, verdict_message
from guifan.journal.sentences import describe
from guifan.journal.services import record
from guifan.journal.verbs import Verb


@role_required(Role.AUDITADMIN)
def entry_list_view(request):
    form = EntryFilterForm(request.GET or None)
    entries = entry_list(user=request.user, filters=form.filters())
    page = _described(Paginator(entries, 50).get_page(request.GET.get("page")))
    return render(request, "journal/entry_list.html", {"form": form, "page": page})


def _described(page):
    """Each entry of the page with its 内容 as a Chinese sentence (entry.sentence)."""
    page.object_list = list(page.object_list)
    for entry, sentence in zip(page.object_list, describe(page.object_list), strict=True):
        entry.sentence = sentence
    return page


@require_POST
@role_required(Role.AUDITADMIN)
def verify_view(request):
    verdict = journal_verify()
    record(
        actor=request.user,
        verb=Verb.JOURNAL_VERIFY,
        ip=client_ip(request),
        payload={"ok": verdict.ok, "count": verdict.count, "bad_seq": verdict.bad_seq},
    )
    level = messages.SUCCESS if verdict.ok else messages.ERROR
    messages.add_message(request, level, verdict_message(verdict))
    form = EntryFilterForm()
    page = _described(Paginator(entry_list(user=request.user, filters={}), 50).get_page(1))
    return render(
        request, "journal/entry_list.html", {"form": form, "page": page, "verdict": verdict}
    )


@role_required(Role.AUDITADMIN)
def export_view(request):
    form = EntryFilterForm(request.GET or None)
    filters = form.filters()
    entries = entry_list(user=request.user, filters=filters)
    filters_text = {k: str(v) for k, v in filters.items()}
    target = ("journal.entry", "", "审计日志")
    journal_export(request, target, filters=filters_text, rows=entries.count())
    return xlsx_response(
        title="审计日志",
        columns=EXPORT_COLUMNS,
        rows=export_rows(entries),
        issuer=request.user.person.unit.name if request.user.person_id else "",
    )
