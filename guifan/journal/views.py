from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from guifan.core.decorators import role_required
from guifan.core.exports import file_response, journal_export, xlsx_response
from guifan.core.http import client_ip
from guifan.core.roles import Role
from guifan.journal.checkpoints import PUBLIC_KEY_FILE, checkpoint_sign
from guifan.journal.exports import EXPORT_COLUMNS, export_rows
from guifan.journal.forms import EntryFilterForm
from guifan.journal.keys import has_key, verifier_key
from guifan.journal.models import Checkpoint
from guifan.journal.selectors import entry_list, journal_verify, verdict_message
from guifan.journal.sentences import describe
from guifan.journal.services import record
from guifan.journal.tree import TreeError
from guifan.journal.verbs import Verb

TEXT = "text/plain; charset=utf-8"


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


@role_required(Role.AUDITADMIN)
def checkpoint_list_view(request):
    checkpoints = Checkpoint.objects.order_by("-id")
    page = Paginator(checkpoints, 20).get_page(request.GET.get("page"))
    context = {"page": page, "witness_dir": settings.GUIFAN_WITNESS_DIR, "has_key": has_key()}
    return render(request, "journal/checkpoint_list.html", context)


@require_POST
@role_required(Role.AUDITADMIN)
def checkpoint_sign_view(request):
    try:
        checkpoint = checkpoint_sign(by=request.user, ip=client_ip(request))
    except TreeError as exc:
        messages.error(request, str(exc))
    except OSError as exc:  # signed and stored; only the copy into the witness folder failed
        text = _("检查点已签发，但未能写入见证目录（%(error)s）：请从本页下载后另行保存。")
        messages.warning(request, text % {"error": exc})
    else:
        text = _("已签发检查点（%(n)d 条记录），并写入见证目录。请下载或复制到系统以外的地方保存。")
        messages.success(request, text % {"n": checkpoint.tree_size})
    return redirect("journal:checkpoints")


@role_required(Role.AUDITADMIN)
def checkpoint_download_view(request, checkpoint_id: int):
    checkpoint = get_object_or_404(Checkpoint, pk=checkpoint_id)
    target = ("journal.checkpoint", str(checkpoint.pk), checkpoint.file_name)
    journal_export(request, target, what="checkpoint", tree_size=checkpoint.tree_size)
    return file_response(checkpoint.note.encode(), checkpoint.file_name, TEXT)


@role_required(Role.AUDITADMIN)
def public_key_view(request):
    if not has_key():
        raise Http404
    journal_export(request, ("journal.key", "", PUBLIC_KEY_FILE), what="public_key")
    return file_response((verifier_key() + "\n").encode(), PUBLIC_KEY_FILE, TEXT)
