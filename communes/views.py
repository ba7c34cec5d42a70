from django.shortcuts import render

from portal import counting

from .models import Commune


def province_home(request):
    """The province's page: the communes it hosts, each linking to its own portal."""
    communes = Commune.objects.active().prefetch_related("hosts")
    return render(
        request, "communes/province.html", {"province": request.province, "communes": communes}
    )


def province_not_found(request, exception=None):
    counting.not_a_page(request)
    return render(request, "communes/province_404.html", {"province": request.province}, status=404)
