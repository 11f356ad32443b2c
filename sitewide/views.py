from django.http import FileResponse, Http404, StreamingHttpResponse
from django.shortcuts import render

from core.caching import cached_page
from sitewide import prebuilt
from sitewide.downloads import DATASETS, FORMATS, as_csv, as_jsonl


@cached_page()
def downloads(request):
    return render(request, "sitewide/downloads.html", {"datasets": DATASETS.values()})


def download(request, dataset, fmt):
    """The built file while it is current (sitewide/prebuilt.py); else streamed from the database in batches."""
    if dataset not in DATASETS or fmt not in FORMATS:
        raise Http404("No such download.")
    filename = prebuilt.file_name(dataset, fmt)
    built = prebuilt.current_file(dataset, fmt)
    if built:
        response = FileResponse(prebuilt.storage().open(built, "rb"), content_type=FORMATS[fmt])
        response["X-Download-Source"] = "built"
    else:
        response = StreamingHttpResponse(
            (as_csv if fmt == "csv" else as_jsonl)(DATASETS[dataset]), content_type=FORMATS[fmt]
        )
        response["X-Download-Source"] = "streamed"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
