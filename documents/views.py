from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe
from django.views.generic import DetailView, ListView

from portal.site_url import base_url

from . import exports
from .forms import DocumentFilterForm
from .models import Document, DocumentFile


def visible_documents(request):
    """The commune's published public documents; all of them for staff who may read the
    register."""
    user = request.user
    documents = Document.objects.for_commune(request.commune)
    return documents if user.has_perm("documents.view_document") else documents.published()


class DocumentListView(ListView):
    template_name = "documents/document_list.html"
    context_object_name = "documents"
    paginate_by = 20

    def get_queryset(self):
        self.form = DocumentFilterForm(self.request.GET, self.request.commune)
        return filtered(self.form, self.request.commune)

    def get_context_data(self, **kwargs):
        query = self.request.GET.copy()
        query.pop("page", None)
        return super().get_context_data(form=self.form, query_string=query.urlencode(), **kwargs)


def filtered(form, commune):
    documents = Document.objects.for_commune(commune).published()
    return documents.for_list().filter(**form.filters())


class DocumentDetailView(DetailView):
    template_name = "documents/document_detail.html"

    def get_queryset(self):
        return (
            visible_documents(self.request)
            .select_related("doc_type", "issuer", "sector", "issued_at_meeting")
            .with_validity()
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(**self.object_context(self.object), **kwargs)

    @staticmethod
    def object_context(document):
        published = Document.objects.published()
        return {
            "files": document.files.all(),
            "relations_out": document.relations_out.filter(target__in=published)
            .select_related("target__doc_type")
            .order_by("kind", "-target__issued_on"),
            "relations_in": document.relations_in.filter(source__in=published)
            .select_related("source__doc_type")
            .order_by("kind", "-source__issued_on"),
            "reviewed_at": document.reviewed_at.order_by("start"),
            "directives": document.directives.for_tracker().order_by("meeting__start", "order"),
            "targets": document.targets.select_related("indicator").order_by("year", "pk"),
        }


@require_safe
def download(request, slug, pk):
    """A document's file, served only while the document itself may be seen.

    Files go through this view rather than a /media/ address, so an internal or
    unpublished document's file is never reachable by guessing its name.
    """
    document = get_object_or_404(visible_documents(request), slug=slug)
    document_file = get_object_or_404(DocumentFile, document=document, pk=pk)
    try:
        handle = document_file.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    return FileResponse(
        handle,
        content_type=document_file.content_type,
        filename=document_file.filename,
        as_attachment=document_file.kind != "pdf",
    )


def _export(render):
    @require_safe
    def view(request):
        form = DocumentFilterForm(request.GET, request.commune)
        return render(filtered(form, request.commune), base_url(request))

    return view


export_csv = _export(exports.csv_response)
export_xlsx = _export(exports.xlsx_response)
export_json = _export(exports.json_response)
