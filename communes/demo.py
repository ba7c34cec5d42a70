"""The demo's province address: a local host name only, the province's name stays empty."""

from .models import HostName, Province

PROVINCE_DEMO_HOST = "tinh.localhost"


def load(command):
    if HostName.objects.filter(name=PROVINCE_DEMO_HOST).exists():
        return
    province = Province.current() or Province.objects.create()
    HostName.objects.create(name=PROVINCE_DEMO_HOST, province=province)
