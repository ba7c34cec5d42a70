import pytest

from communes.allowed_hosts import AllowedHosts
from communes.creation import create_commune

OTHER_HOST = "xa-thu.example"


@pytest.fixture
def data_hosts(settings):
    """ALLOWED_HOSTS as the settings make it: the listed names, then the hosts in the data."""
    settings.ALLOWED_HOSTS = AllowedHosts(["testserver"])


@pytest.fixture
def other_commune(db, data_hosts):
    """A second, synthetic commune on its own host name."""
    return create_commune("xã Thử Nghiệm", [OTHER_HOST, "www.xa-thu.example"])
