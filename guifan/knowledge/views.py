"""The knowledge base's pages: ask a question (/kb), one passage with its neighbours, a
citation resolved to its article, the documents, and the office's upload."""

from __future__ import annotations

from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from guifan.core.decorators import role_required
from guifan.core.roles import Role
from guifan.knowledge import services
from guifan.knowledge.access import READERS, access_document, access_passage
from guifan.knowledge.forms import AskForm, UploadForm
from guifan.knowledge.models import Passage
from guifan.knowledge.selectors import document_list, kb_ask, law_names, passage_for_citation
from guifan.web.actions import form_errors, run_service


@role_required(*READERS)
def ask(request):
    form = AskForm(request.GET or None, laws=law_names(request.user))
    answer = None
    if form.is_valid() and form.cleaned_data["q"].strip():
        data = form.cleaned_data
        answer = kb_ask(
            user=request.user, question=data["q"], top=5, kind=data["source"], law=data["law"]
        )
    return render(request, "knowledge/ask.html", {"form": form, "answer": answer})


@role_required(*READERS)
def passage_detail(request, passage_id: int):
    passage = access_passage(request.user, passage_id)
    around = Passage.objects.filter(
        version=passage.version, position__range=(passage.position - 2, passage.position + 2)
    ).exclude(pk=passage.pk)
    current = None
    if not passage.version.current and passage.article:
        current = Passage.objects.filter(
            document=passage.document, version__current=True, article=passage.article
        ).first()
    return render(
        request,
        "knowledge/passage.html",
        {"passage": passage, "around": around, "current": current},
    )


@role_required(*READERS)
def cite(request):
    """ "《刑事诉讼法》第一百七十二条" → that article; anything else → a search for it."""
    ref = request.GET.get("ref", "")[:200]
    passage = passage_for_citation(user=request.user, citation=ref)
    if passage is not None:
        return redirect("knowledge:passage", passage.pk)
    return redirect(f"{reverse('knowledge:ask')}?{urlencode({'q': ref})}")


@role_required(*READERS)
def document_list_view(request):
    documents = document_list(user=request.user)
    may_upload = bool(services.uploader_units(request.user))
    return render(
        request, "knowledge/documents.html", {"documents": documents, "may_upload": may_upload}
    )


@role_required(Role.OFFICE)
def document_upload_view(request, document_id: int | None = None):
    replaces = access_document(request.user, document_id, write=True) if document_id else None
    units = services.uploader_units(request.user)
    if not units:
        raise PermissionDenied
    form = UploadForm(
        request.POST or None,
        request.FILES or None,
        units=units,
        initial={
            "title": replaces.title if replaces else "",
            "unit": replaces.unit_id if replaces else None,
        },
    )
    if request.method == "POST":
        if not form.is_valid():
            return render(
                request,
                "knowledge/upload.html",
                {"form": form, "replaces": replaces, "error": form_errors(form)},
            )
        upload = form.cleaned_data["file"]
        version = run_service(
            request,
            lambda: services.document_upload(
                by=request.user,
                name=upload.name,
                data=upload.read(),
                title=form.cleaned_data["title"],
                unit=form.cleaned_data["unit"],
                replaces=replaces,
            ),
            success=_("已载入，可以检索了。"),
        )
        if version is not None:
            return redirect("knowledge:documents")
    return render(request, "knowledge/upload.html", {"form": form, "replaces": replaces})
