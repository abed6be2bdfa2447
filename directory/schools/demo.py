"""Demo schools and settings for the fictional Northbrook Council: about 60 of every type, loaded through the GIAS
importer from a generated GIAS-format file (so the demo exercises the real import), then given SEN information
report links (some stale, some broken, some missing) and a few SENCO submissions waiting for an officer.

Idempotent: schools are found by URN, pages republished only when something changed, submissions found by school
and link. Every name, address, phone number, email address and website is fictional (example domains, 01632 phones)."""

import csv
import datetime
import io

from django.utils import timezone
from wagtail.search import index as search_index

from localoffer.demo import get_or_create_home, stream, update_page

from .gias import import_gias
from .models import SchoolPage, SchoolsIndexPage
from .senco.models import SencoSubmission

LA = "Northbrook"
NEIGHBOURS = ["Eastvale", "Westmoor"]
BASE = datetime.date(2026, 11, 1)
INDEX = {
    "title": "Schools and settings",
    "intro": "Find a nursery, school, special school, college or other setting in Northbrook and nearby, see which "
    "have a resourced provision or SEN unit, and read each school's SEN information report.",
    "senco_help": "SENCOs: keep your school's SEN information report link right. It takes two minutes and you do "
    "not need an account.",
}
KEY_LINK_DESCRIPTION = "Find a school, special school, college or early years setting and read its SEN report"

PLACES = [
    "Oakfield", "Riverside", "Hillcrest", "Meadowbank", "Ashgrove", "Brookside", "Elmwood", "Foxhill",
    "Greenacre", "Hawthorn", "Kingsmead", "Larchfield", "Millbrook", "Northgate", "Orchard", "Parkside",
    "Queensway", "Rowan", "Southfield", "Thornbury", "Upton", "Valley Road", "Willowbrook", "Yewtree",
    "Beechwood", "Castle Hill", "Dale Park", "Fernlea",
]  # fmt: skip

COLUMNS = [
    "URN", "LA (name)", "EstablishmentName", "TypeOfEstablishment (name)", "EstablishmentStatus (name)",
    "PhaseOfEducation (name)", "StatutoryLowAge", "StatutoryHighAge", "Street", "Town", "Postcode",
    "SchoolWebsite", "TelephoneNum", "TypeOfResourcedProvision (name)", "SEN1 (name)", "SEN2 (name)",
]  # fmt: skip


def _specs():
    """(urn, la, name, GIAS type, phase, low, high, provision, sen1, sen2) for every demo school."""
    specs = []
    urn = 845001
    primary_types = ["Community school", "Voluntary aided school", "Voluntary controlled school", "Foundation school"]
    provisions = {
        1: ("Resourced provision", "ASD - Autistic Spectrum Disorder", ""),
        4: ("SEN unit", "SLCN - Speech, language and Communication", ""),
        7: ("Resourced provision", "HI - Hearing Impairment", ""),
        10: ("Resourced provision", "SEMH - Social, Emotional and Mental Health", ""),
        13: ("Resourced provision and SEN unit", "ASD - Autistic Spectrum Disorder", "MLD - Moderate Learning Difficulty"),
    }  # fmt: skip
    for n, place in enumerate(PLACES[:20]):
        kind = primary_types[n % 4] if n < 14 else "Academy converter"
        prefix = "St Mary's C of E " if kind == "Voluntary aided school" and n == 1 else ""
        name = f"{prefix}{place} Primary School" if not prefix else f"{prefix}Primary School"
        provision, sen1, sen2 = provisions.get(n, ("Not applicable", "", ""))
        specs.append((urn, LA, name, kind, "Primary", 4, 11, provision, sen1, sen2))
        urn += 1
    secondaries = [
        ("Northbrook High School", "Community school", 11, 16, ("SEN unit", "VI - Visual Impairment", "")),
        ("Riverside Academy", "Academy sponsor led", 11, 18, ("Resourced provision", "ASD - Autistic Spectrum Disorder", "")),
        ("Kingsmead School", "Foundation school", 11, 18, None),
        ("Hillcrest Academy", "Academy converter", 11, 18, None),
        ("Thornbury Community College", "Community school", 11, 16, None),
        ("Foxhill Academy", "Academy converter", 11, 18, ("Resourced provision", "PD - Physical Disability", "")),
        ("Northbrook Free School", "Free schools", 11, 16, None),
        ("Willowbrook Studio School", "Studio schools", 14, 19, None),
        ("Northbrook University Technical College", "University technical college", 14, 19, None),
    ]  # fmt: skip
    for name, kind, low, high, provision in secondaries:
        provision, sen1, sen2 = provision or ("Not applicable", "", "")
        specs.append((urn, LA, name, kind, "Secondary", low, high, provision, sen1, sen2))
        urn += 1
    specs.append((urn, LA, "Castle Hill All-Through School", "Academy converter", "All-through", 4, 18, "", "", ""))
    urn += 1
    specials = [
        ("Hollybank School", "Community special school", 2, 19, "SLD - Severe Learning Difficulty", "PMLD - Profound and Multiple Learning Difficulty"),
        ("Brookside School", "Community special school", 4, 11, "ASD - Autistic Spectrum Disorder", "SLCN - Speech, language and Communication"),
        ("The Meadows School", "Foundation special school", 11, 19, "MLD - Moderate Learning Difficulty", "ASD - Autistic Spectrum Disorder"),
        ("Larchfield School", "Community special school", 5, 16, "SEMH - Social, Emotional and Mental Health", ""),
        ("Ashgrove Academy", "Academy special converter", 11, 19, "ASD - Autistic Spectrum Disorder", ""),
        ("Rowan Tree Academy", "Academy special sponsor led", 3, 11, "PD - Physical Disability", "MSI - Multi-Sensory Impairment"),
        ("Northbrook Free Special School", "Free schools special", 7, 16, "SEMH - Social, Emotional and Mental Health", ""),
        ("St Cuthbert's School for the Deaf", "Non-maintained special school", 3, 19, "HI - Hearing Impairment", ""),
        ("Elmwood Sensory School", "Non-maintained special school", 5, 19, "VI - Visual Impairment", "MSI - Multi-Sensory Impairment"),
        ("Greenacre House School", "Other independent special school", 8, 18, "ASD - Autistic Spectrum Disorder", ""),
        ("Parkside Independent School", "Other independent special school", 11, 19, "SEMH - Social, Emotional and Mental Health", ""),
        ("Dale Park College", "Special post 16 institution", 16, 25, "SLD - Severe Learning Difficulty", "ASD - Autistic Spectrum Disorder"),
    ]  # fmt: skip
    for name, kind, low, high, sen1, sen2 in specials:
        phase = "Not applicable"
        specs.append((urn, LA, name, kind, phase, low, high, "", sen1, sen2))
        urn += 1
    others = [
        ("Northbrook Pupil Referral Unit", "Pupil referral unit", "Not applicable", 11, 16),
        ("Millbrook Primary Support Centre", "Pupil referral unit", "Not applicable", 5, 11),
        ("Northgate Alternative Provision Academy", "Academy alternative provision converter", "Not applicable", 11, 16),
        ("Little Acorns Nursery School", "Local authority nursery school", "Nursery", 2, 5),
        ("Sunflower Nursery School", "Local authority nursery school", "Nursery", 2, 5),
        ("Orchard Nursery School", "Local authority nursery school", "Nursery", 3, 5),
        ("Northbrook College", "Further education", "Not applicable", 16, 25),
        ("Southfield College", "Further education", "Not applicable", 16, 25),
        ("Queensway Sixth Form College", "Sixth form centres", "16 plus", 16, 19),
    ]  # fmt: skip
    for name, kind, phase, low, high in others:
        specs.append((urn, LA, name, kind, phase, low, high, "", "", ""))
        urn += 1
    neighbours = [
        ("Eastvale", "Eastvale Ridge School", "Academy special converter", 11, 19, "ASD - Autistic Spectrum Disorder"),
        ("Eastvale", "Eastvale High School", "Academy converter", 11, 18, ""),
        ("Westmoor", "Westmoor Park School", "Community special school", 2, 19, "PMLD - Profound and Multiple Learning Difficulty"),
        ("Westmoor", "Westmoor Primary School", "Community school", 4, 11, ""),
        ("Eastvale", "Fernlea College", "Other independent special school", 16, 25, "ASD - Autistic Spectrum Disorder"),
    ]  # fmt: skip
    for la, name, kind, low, high, sen1 in neighbours:
        phase = (
            "Primary"
            if kind == "Community school"
            else ("Secondary" if kind == "Academy converter" else "Not applicable")
        )
        specs.append((urn, la, name, kind, phase, low, high, "", sen1, ""))
        urn += 1
    return specs


def _slug(name):
    return "".join(ch for ch in name.lower().replace(" ", "-").replace("'", "") if ch.isalnum() or ch == "-")


def gias_csv():
    """The demo schools as a GIAS-format CSV (the shape an LA downloads)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for n, (urn, la, name, kind, phase, low, high, provision, sen1, sen2) in enumerate(_specs()):
        area = {"Northbrook": "NB", "Eastvale": "EV", "Westmoor": "WM"}[la]
        writer.writerow(
            [
                urn, la, name, kind, "Open", phase, low, high,
                f"{n % 90 + 1} {PLACES[n % len(PLACES)]} Road", la,
                f"{area}{n % 9 + 1} {n % 9 + 1}{'ABDEFGHJL'[n % 9]}{'NPQRSTUWX'[(n // 9) % 9]}",
                f"https://www.{_slug(name)}.example.sch.uk", f"01632 960{n:03d}",
                provision or "Not applicable", sen1, sen2,
            ]
        )  # fmt: skip
    return out.getvalue()


EARLY_YEARS = [
    # (urn, name, low, high): early years providers are not in GIAS; officers add them by hand.
    (846901, "Busy Bees Day Nursery, Northgate", 0, 4),
    (846902, "Little Stars Pre-School", 2, 4),
    (846903, "Happy Days Childminding Network", 0, 4),
]


def ensure_early_years(index):
    made = []
    for n, (urn, name, low, high) in enumerate(EARLY_YEARS):
        fields = {
            "title": name,
            "school_type": SchoolPage.TYPE_EARLY_YEARS,
            "phase": SchoolPage.PHASE_EARLY_YEARS,
            "min_age": low,
            "max_age": high,
            "address": f"{n + 2} Nursery Lane\nNorthbrook",
            "postcode": f"NB{n + 1} 3EY",
            "phone": f"01632 960{900 + n}",
            "local_authority": LA,
            "summary": "An early years setting funded for two, three and four-year-olds.",
        }
        page = SchoolPage.objects.filter(urn=urn).first()
        if page is None:
            page = index.add_child(instance=SchoolPage(urn=urn, slug=_slug(name), **fields))
        made.append(update_page(page, **fields))
    return made


def report_fields(n, school):
    """Most schools have a working, recently confirmed link; some are stale, some broken, a few missing."""
    if school.school_type == SchoolPage.TYPE_EARLY_YEARS or n % 13 == 5:
        return {"sen_report_url": "", "sen_report_confirmed_on": None, "sen_report_status": SchoolPage.LINK_UNCHECKED}
    domain = school.website or f"https://www.{_slug(school.title)}.example.sch.uk"
    url = f"{domain.rstrip('/')}/send/sen-information-report"
    checked = timezone.make_aware(datetime.datetime(2026, 11, 1, 6, 0))
    if n % 11 == 3:  # broken
        return {
            "sen_report_url": url,
            "sen_report_confirmed_on": BASE - datetime.timedelta(days=200 + n),
            "sen_report_status": SchoolPage.LINK_BROKEN,
            "sen_report_checked_at": checked,
            "sen_report_error": "The page was not found (error 404). It may have moved or been removed",
        }
    if n % 7 == 2:  # stale: confirmed well over a year ago
        return {
            "sen_report_url": url,
            "sen_report_confirmed_on": BASE - datetime.timedelta(days=450 + n * 3),
            "sen_report_status": SchoolPage.LINK_OK,
            "sen_report_checked_at": checked,
            "sen_report_error": "",
        }
    return {
        "sen_report_url": url,
        "sen_report_confirmed_on": BASE - datetime.timedelta(days=20 + n * 4),
        "sen_report_status": SchoolPage.LINK_OK,
        "sen_report_checked_at": checked,
        "sen_report_error": "",
    }


PENDING = [
    # (school name, new link path, SENCO name, status, link loaded)
    ("Oakfield Primary School", "/send/2026-sen-information-report.pdf", "Jo Morgan", "pending", True),
    ("Hollybank School", "/about/send", "Priya Shah", "pending", True),
    ("Riverside Academy", "/policies/send-report-old", "Alex Green", "pending", False),
    ("Kingsmead School", "/send", "Chris Taylor", "unconfirmed", True),
]


def ensure_submissions():
    made = 0
    for name, path, senco_name, status, loaded in PENDING:
        school = SchoolPage.objects.filter(title=name).first()
        if school is None:
            continue
        domain = school.website.rstrip("/")
        first, last = senco_name.lower().split()
        email_domain = school.website_domain or "example.sch.uk"
        _submission, created = SencoSubmission.objects.get_or_create(
            school=school,
            report_url=f"{domain}{path}",
            defaults={
                "senco_name": senco_name,
                "senco_email": f"{first[0]}.{last}@{email_domain}",
                "status": status,
                "confirmed_authority": True,
                "link_loaded": loaded,
                "link_status_code": 200 if loaded else 404,
                "link_error": "" if loaded else "The page was not found (error 404). It may have moved or been removed",
                "email_confirmed_at": timezone.now() if status == "pending" else None,
                "confirm_token_used_at": timezone.now() if status == "pending" else None,
            },
        )
        made += created
    return made


def link_from_home(home, index):
    """Append (never replace) a key information card for the finder on the home page."""
    links = list(home.key_information.raw_data)
    if any(block.get("value", {}).get("page") == index.pk for block in links):
        return
    links.append(
        {"type": "link", "value": {"page": index.pk, "url": "", "title": "", "description": KEY_LINK_DESCRIPTION}}
    )
    update_page(home, key_information=stream((block["type"], block["value"]) for block in links))


def load(stdout):
    home = get_or_create_home()
    index = SchoolsIndexPage.objects.first()
    if index is None:
        index = home.add_child(instance=SchoolsIndexPage(slug="schools", **INDEX))
    index = update_page(index, **INDEX)

    report = import_gias(gias_csv().encode("utf-8"), LA, NEIGHBOURS, index=index)
    if report.rejected or not report.ok:
        raise RuntimeError(f"demo GIAS rows rejected: {report.rejected or report.fatal}")
    ensure_early_years(index)
    schools = list(SchoolPage.objects.child_of(index).order_by("urn"))
    for n, school in enumerate(schools):
        update_page(school, **report_fields(n, school))
        search_index.insert_or_update_object(school)
    submissions = ensure_submissions()
    link_from_home(home, index)
    stdout.write(
        f"Schools: {len(schools)} schools and settings ({len(report.created)} new), "
        f"{submissions} new SENCO submissions."
    )
    return {"index": index, "schools": schools}
