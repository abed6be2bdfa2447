from .services import DirectoryPage, ServiceContact, ServicePage, ServiceVenue, visible_services
from .taxonomy import AreaOfNeed, NeedType, Organisation, ServiceCategory

__all__ = [
    "AreaOfNeed",
    "DirectoryPage",
    "NeedType",
    "Organisation",
    "ServiceCategory",
    "ServiceContact",
    "ServicePage",
    "ServiceVenue",
    "visible_services",
]
from .links import LinkCheck, LinkOccurrence  # noqa: E402,F401  (link health results: directory/links.py)
from .schools import SchoolPage, SchoolSettings, SchoolsIndexPage, SencoSubmission  # noqa: E402,F401  (schools: directory/models/schools.py)
