"""The schools demo: about 60 schools and settings of every type, from schools.csv (a GIAS-format export, loaded
through the real GIAS importer) and schools.toml (early years settings, SEN information report links, some stale,
broken or missing, and SENCO updates waiting for an officer).

Schools are found by URN, pages republished only when something changed, SENCO updates found by school and link.
Every name, address, phone number, email address and website is fictional (example domains, 01632 phones)."""

from django.utils import timezone
from wagtail.search import index as search_index

from directory.models import SchoolPage, SchoolsIndexPage, SencoSubmission
from directory.schools.gias import import_gias
from localoffer.demo import get_or_create_home

from .. import content
from ..upsert import stream, update_page

LINK_NOT_FOUND = "The page was not found (error 404). It may have moved or been removed"


def _slug(name):
    return "".join(ch for ch in name.lower().replace(" ", "-").replace("'", "") if ch.isalnum() or ch == "-")


def ensure_early_years(index, settings, la_name):
    """Early years settings are not in GIAS: made (or updated) here as an officer would add them."""
    made = []
    for spec in settings:
        low, high = spec["ages"]
        fields = {
            "title": spec["name"],
            "school_type": SchoolPage.TYPE_EARLY_YEARS,
            "phase": SchoolPage.PHASE_EARLY_YEARS,
            "min_age": low,
            "max_age": high,
            "address": spec["address"],
            "postcode": spec["postcode"],
            "phone": spec["phone"],
            "local_authority": la_name,
            "summary": spec["summary"],
        }
        page = SchoolPage.objects.filter(urn=spec["urn"]).first()
        if page is None:
            page = index.add_child(instance=SchoolPage(urn=spec["urn"], slug=_slug(spec["name"]), **fields))
        made.append(update_page(page, **fields))
    return made


def report_fields(school, reports):
    """The school's SEN information report link as schools.toml [sen_reports] gives it (none if not listed)."""
    link = reports["links"].get(str(school.urn))
    if link is None:
        return {"sen_report_url": "", "sen_report_confirmed_on": None, "sen_report_status": SchoolPage.LINK_UNCHECKED}
    broken = link.get("broken", False)
    return {
        "sen_report_url": link["url"],
        "sen_report_confirmed_on": link["confirmed_on"],
        "sen_report_status": SchoolPage.LINK_BROKEN if broken else SchoolPage.LINK_OK,
        "sen_report_checked_at": timezone.make_aware(reports["checked_at"]),
        "sen_report_error": reports["broken_error"] if broken else "",
    }


def ensure_submissions(updates):
    """The SENCO updates in schools.toml, made once each (found by school and link); returns how many are new."""
    made = 0
    for spec in updates:
        school = SchoolPage.objects.filter(title=spec["school"]).first()
        if school is None:
            raise content.DataError(f"demo/data/schools.toml: a SENCO update names no school {spec['school']!r}")
        works, pending = spec["link_works"], spec["status"] == SencoSubmission.STATUS_PENDING
        _submission, created = SencoSubmission.objects.get_or_create(
            school=school,
            report_url=spec["report_url"],
            defaults={
                "senco_name": spec["senco_name"],
                "senco_email": spec["senco_email"],
                "status": spec["status"],
                "confirmed_authority": True,
                "link_loaded": works,
                "link_status_code": 200 if works else 404,
                "link_error": "" if works else LINK_NOT_FOUND,
                "email_confirmed_at": timezone.now() if pending else None,
                "confirm_token_used_at": timezone.now() if pending else None,
            },
        )
        made += created
    return made


def link_from_home(home, index, description):
    """Append (never replace) a key information card for the finder on the home page."""
    links = list(home.key_information.raw_data)
    if any(block.get("value", {}).get("page") == index.pk for block in links):
        return
    links.append({"type": "link", "value": {"page": index.pk, "url": "", "title": "", "description": description}})
    update_page(home, key_information=stream((block["type"], block["value"]) for block in links))


def load(stdout):
    data = content.schools()
    home = get_or_create_home()
    index = SchoolsIndexPage.objects.first()
    if index is None:
        index = home.add_child(instance=SchoolsIndexPage(slug="schools", **data["index"]))
    index = update_page(index, **data["index"])

    report = import_gias(content.schools_csv(), data["local_authority"], data["neighbours"], index=index)
    if report.rejected or not report.ok:
        raise content.DataError(f"demo/data/schools.csv: rows rejected: {report.rejected or report.fatal}")
    ensure_early_years(index, data["early_years"], data["local_authority"])
    schools = list(SchoolPage.objects.child_of(index).order_by("urn"))
    for school in schools:
        update_page(school, **report_fields(school, data["sen_reports"]))
        search_index.insert_or_update_object(school)
    submissions = ensure_submissions(data["senco_update"])
    link_from_home(home, index, data["home"]["key_information"])
    stdout.write(
        f"Schools: {len(schools)} schools and settings ({len(report.created)} new), "
        f"{submissions} new SENCO submissions."
    )
    return {"index": index, "schools": schools}
