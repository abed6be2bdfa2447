"""The directory app's models, gathered from the capability packages that define them so that Django finds them."""

from .alerts.models import SearchAlert
from .changes.models import ServiceChange, ServiceState
from .edition.models import PrintedEdition
from .openreferral.models import FeedImport, ImportedService, SpreadsheetImport, TermMapping
from .places.models import Locality, Postcode
from .providers.models import ProposedChange, ProviderContact, ReviewRequest
from .schools.models import GiasImport, SchoolPage, SchoolSettings, SchoolsIndexPage
from .schools.senco.models import SencoSubmission
from .services.models import DirectoryPage, FacetIndexVersion, ServiceContact, ServicePage, ServiceVenue
from .taxonomy.models import AreaOfNeed, NeedType, Organisation, ServiceCategory
from .upkeep.models import LinkCheck, LinkOccurrence

__all__ = [
    "AreaOfNeed",
    "DirectoryPage",
    "FacetIndexVersion",
    "FeedImport",
    "GiasImport",
    "ImportedService",
    "LinkCheck",
    "LinkOccurrence",
    "Locality",
    "NeedType",
    "PrintedEdition",
    "Organisation",
    "Postcode",
    "ProposedChange",
    "ProviderContact",
    "ReviewRequest",
    "SchoolPage",
    "SchoolSettings",
    "SchoolsIndexPage",
    "SearchAlert",
    "SencoSubmission",
    "ServiceChange",
    "SpreadsheetImport",
    "ServiceCategory",
    "ServiceContact",
    "ServicePage",
    "ServiceState",
    "ServiceVenue",
    "TermMapping",
]
