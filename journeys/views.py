"""Pages for SSDA903 imports: upload, and the record of each import with its progress."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render

from agencies.models import LocalAuthority
from agencies.scoping import IMPORTS, require_read
from journeys.forms import Ssda903UploadForm
from journeys.selectors import import_record_list
from journeys.ssda903.services import import_record_create
from journeys.tasks import import_progress


@login_required
def import_upload(request):
    access = require_read(request.user, IMPORTS)
    las = LocalAuthority.objects.all()
    if access.la_ids is not None:
        las = las.filter(pk__in=access.la_ids)
    form = Ssda903UploadForm(request.POST or None, request.FILES or None, las=las)
    if request.method == "POST" and form.is_valid():
        uploads = [(f.name, f.read()) for f in form.cleaned_data["files"]]
        try:
            record = import_record_create(
                user=request.user,
                la=form.cleaned_data["la"],
                year=form.cleaned_data["year"],
                uploads=uploads,
            )
        except ValidationError as error:
            for message in error.message_dict.get("files", error.messages):
                form.add_error("files", message)
        else:
            return redirect("ssda903-record", pk=record.pk)
    records = import_record_list(user=request.user)[:20]
    return render(request, "journeys/import_upload.html", {"form": form, "records": records})


@login_required
def import_detail(request, pk: int):
    record = get_object_or_404(import_record_list(user=request.user), pk=pk)
    return render(
        request,
        "journeys/import_detail.html",
        {
            "record": record,
            "progress": import_progress(record.pk),
            "running": record.status in ("queued", "running"),
        },
    )
