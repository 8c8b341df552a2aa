from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404

from guifan.attachments.models import Attachment
from guifan.attachments.services import attachment_download_logged
from guifan.core.http import client_ip


@login_required
def download(request, attachment_id: int):
    """Serve a file only to users who may see its unit's records; every download journaled."""
    attachment = Attachment.objects.visible_to(request.user).filter(pk=attachment_id).first()
    if attachment is None or not attachment.path.exists():
        raise Http404
    attachment_download_logged(attachment=attachment, by=request.user, ip=client_ip(request))
    return FileResponse(
        attachment.path.open("rb"),
        as_attachment=True,
        filename=attachment.name,
        content_type=attachment.content_type,
    )
