"""The GIAS import: creates and updates by URN, rejects bad rows with a reason without stopping, marks closed
schools, never overwrites the SEN report link, and a second run of the same file changes nothing. A dry run writes
nothing; new schools wait as drafts when asked; the list of columns shown to officers is the list read."""

import csv
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import ModelLogEntry, Page, PageLogEntry, Revision

from directory.models import SchoolPage
from directory.schools.gias import COLUMNS, REQUIRED_COLUMNS, import_gias, parse_row

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "gias_sample.csv"


def run(neighbours=("Eastvale",)):
    return import_gias(SAMPLE.read_bytes(), "Northbrook", neighbours)


def test_first_import_creates_and_rejects_with_reasons(schools_index):
    report = run()
    assert report.ok
    assert sorted(report.created) == [900001, 900002, 900003, 900004, 900005, 900006, 900007, 900008]
    assert report.other_areas == 1  # Westmoor
    reasons = {urn: reason for _line, urn, reason in report.rejected}
    assert "not six digits" in reasons["12AB"]
    assert "not a type of school the Local Offer lists" in reasons["900010"]
    assert "lowest age (11) is more than the highest age (4)" in reasons["900011"]
    assert "not a UK postcode" in reasons["900012"]
    assert "closed, and not already on the Local Offer" in reasons["900013"]
    assert "more than once" in reasons["900002"]
    assert "name is empty" in reasons["900014"]
    assert any("bad website here" in note for _l, _u, note in report.warnings)

    st_marys = SchoolPage.objects.get(urn=900001)
    assert st_marys.title == "St Mary\u2019s C of E Primary School"  # Windows-1252 decoded
    assert st_marys.live and st_marys.get_parent().pk == schools_index.pk
    assert st_marys.school_type == SchoolPage.TYPE_MAINTAINED and st_marys.phase == SchoolPage.PHASE_PRIMARY
    assert st_marys.postcode == "NB1 4AA" and st_marys.website == "https://www.stmarys.example.sch.uk"
    assert st_marys.provision == SchoolPage.PROVISION_RESOURCED
    assert set(st_marys.provision_need_types.values_list("slug", flat=True)) == {
        "autism",
        "speech-language-communication",
    }
    hollybank = SchoolPage.objects.get(urn=900003)
    assert hollybank.school_type == SchoolPage.TYPE_MAINTAINED_SPECIAL and hollybank.phase == "all_through"
    assert SchoolPage.objects.get(urn=900005).phase == SchoolPage.PHASE_FE
    ridge = SchoolPage.objects.get(urn=900007)
    assert not ridge.in_area and ridge.local_authority == "Eastvale"
    assert SchoolPage.objects.get(urn=900008).school_type == SchoolPage.TYPE_S41
    assert SchoolPage.objects.get(urn=900001).in_area


def test_second_run_changes_nothing(schools_index):
    run()
    revisions = {p.pk: p.latest_revision_id for p in SchoolPage.objects.all()}
    again = run()
    assert again.created == [] and again.updated == [] and again.closed == []
    assert sorted(again.unchanged) == sorted(SchoolPage.objects.values_list("urn", flat=True))
    assert {p.pk: p.latest_revision_id for p in SchoolPage.objects.all()} == revisions


def test_updates_never_touch_the_sen_report_link_and_closing_is_marked(schools_index):
    run()
    school = SchoolPage.objects.get(urn=900002)
    school.sen_report_url = "https://www.northbrook-academy.example.org/send"
    school.save_revision().publish()
    data = SAMPLE.read_bytes().decode("cp1252")
    data = data.replace("Northbrook Academy,28", "Northbrook Academy Trust School,28", 1)
    data = data.replace(
        "900003,999,Northbrook,7001,Hollybank School,7,Community special school,Special schools,1,Open",
        "900003,999,Northbrook,7001,Hollybank School,7,Community special school,Special schools,2,Closed",
    )
    report = import_gias(data.encode("cp1252"), "Northbrook", ["Eastvale"])
    assert report.updated == [900002] and report.closed == [900003]
    school = SchoolPage.objects.get(urn=900002)
    assert school.title == "Northbrook Academy Trust School"
    assert school.sen_report_url == "https://www.northbrook-academy.example.org/send"
    assert SchoolPage.objects.get(urn=900003).is_closed


def test_not_a_gias_file_imports_nothing(schools_index):
    report = import_gias(b"name,address\nA school,Somewhere\n", "Northbrook")
    assert not report.ok and "not a GIAS export" in report.fatal
    assert SchoolPage.objects.count() == 0


def test_command_prints_the_report(schools_index):
    out = StringIO()
    call_command("import_gias", str(SAMPLE), "--la", "Northbrook", "--neighbour", "Eastvale", stdout=out)
    text = out.getvalue()
    assert "Created: 8" in text and "Rejected: 7" in text and "not six digits" in text
    out = StringIO()
    call_command("import_gias", str(SAMPLE), "--la", "Northbrook", "--dry-run", stdout=out)
    assert "Dry run" in out.getvalue() and "Unchanged: 6" in out.getvalue()
    with pytest.raises(CommandError):
        call_command("import_gias", "/no/such/file.csv", "--la", "Northbrook", stdout=StringIO())


def changed_sample():
    """The sample with Northbrook Academy renamed and Hollybank closed, as GIAS might say a month later."""
    data = SAMPLE.read_bytes().decode("cp1252")
    data = data.replace("Northbrook Academy,28", "Northbrook Academy Trust School,28", 1)
    data = data.replace(
        "900003,999,Northbrook,7001,Hollybank School,7,Community special school,Special schools,1,Open",
        "900003,999,Northbrook,7001,Hollybank School,7,Community special school,Special schools,2,Closed",
    )
    return data.encode("cp1252")


def footprint():
    """Everything an import writes: pages and their fields, revisions, and the log of pages and of other models."""
    return (
        list(Page.objects.order_by("pk").values_list("pk", "title", "draft_title", "live", "latest_revision_id")),
        list(SchoolPage.objects.order_by("pk").values_list("urn", "is_closed", "gias_imported_at")),
        Revision.objects.count(),
        PageLogEntry.objects.count(),
        ModelLogEntry.objects.count(),
    )


def test_a_dry_run_writes_nothing_and_says_what_the_import_would_do(schools_index):
    before = footprint()
    dry = import_gias(SAMPLE.read_bytes(), "Northbrook", ["Eastvale"], dry_run=True)
    assert dry.ok and dry.dry_run
    assert footprint() == before and not SchoolPage.objects.exists()
    assert dry.names[900001] == "St Mary\u2019s C of E Primary School"
    assert "Dry run: nothing was saved" in dry.summary_lines()[0]

    real = run()
    for outcome in ("created", "updated", "unchanged", "closed", "rejected", "warnings"):
        assert getattr(dry, outcome) == getattr(real, outcome), outcome

    # Updates and closures too: the dry run names the fields that would change, and changes none of them.
    before = footprint()
    dry = import_gias(changed_sample(), "Northbrook", ["Eastvale"], dry_run=True)
    assert dry.updated == [900002] and dry.closed == [900003] and dry.created == []
    assert dry.changes == {900002: ["title"], 900003: ["is_closed"]}
    assert footprint() == before
    assert SchoolPage.objects.get(urn=900002).title == "Northbrook Academy"
    assert not SchoolPage.objects.get(urn=900003).is_closed
    real = import_gias(changed_sample(), "Northbrook", ["Eastvale"])
    assert (real.updated, real.closed, real.changes) == (dry.updated, dry.closed, dry.changes)


def test_new_schools_wait_as_drafts_when_asked(schools_index):
    report = import_gias(SAMPLE.read_bytes(), "Northbrook", ["Eastvale"], publish_new=False)
    assert len(report.created) == 8 and not report.publish_new
    assert "Created: 8 (as drafts)" in report.summary_lines()
    schools = SchoolPage.objects.all()
    assert schools.count() == 8 and not schools.filter(live=True).exists()
    assert SchoolPage.objects.live().count() == 0  # nothing for families yet
    for school in schools:
        assert school.has_unpublished_changes and school.latest_revision_id  # a draft an officer can open
        assert PageLogEntry.objects.filter(page=school, action="wagtail.create").exists()
        assert school.first_published_at is None
    st_marys = SchoolPage.objects.get(urn=900001)
    assert set(st_marys.provision_need_types.values_list("slug", flat=True)) == {
        "autism",
        "speech-language-communication",
    }

    # Run again: nothing changes. GIAS renames a school still waiting: its draft takes the new name, still a draft.
    again = import_gias(SAMPLE.read_bytes(), "Northbrook", ["Eastvale"], publish_new=False)
    assert again.created == [] and again.updated == [] and len(again.unchanged) == 8
    import_gias(changed_sample(), "Northbrook", ["Eastvale"], publish_new=False)
    academy = SchoolPage.objects.get(urn=900002)
    assert not academy.live and academy.title == "Northbrook Academy Trust School"
    assert academy.get_latest_revision_as_object().title == "Northbrook Academy Trust School"

    # An officer publishes it: families see GIAS's facts.
    academy.get_latest_revision().publish()
    academy.refresh_from_db()
    assert academy.live and academy.title == "Northbrook Academy Trust School"
    assert SchoolPage.objects.live().count() == 1


def test_an_officers_draft_of_a_live_school_takes_gias_facts_and_stays_a_draft(schools_index):
    run()
    school = SchoolPage.objects.get(urn=900002)
    school.provision_details = "An officer's words, not yet published"
    school.save_revision()
    import_gias(changed_sample(), "Northbrook", ["Eastvale"])
    school = SchoolPage.objects.get(urn=900002)
    assert school.title == "Northbrook Academy Trust School"  # live now
    assert school.has_unpublished_changes
    draft = school.get_latest_revision_as_object()
    assert draft.title == "Northbrook Academy Trust School"
    assert draft.provision_details == "An officer's words, not yet published"


class ReadColumns(dict):
    """A GIAS row that remembers which of its columns were asked for."""

    def __init__(self, *args):
        super().__init__(*args)
        self.asked = set()

    def get(self, key, default=None):
        self.asked.add(key)
        return super().get(key, default)

    def __getitem__(self, key):
        self.asked.add(key)
        return super().__getitem__(key)

    def __contains__(self, key):
        self.asked.add(key)
        return super().__contains__(key)


def test_the_list_of_columns_is_the_columns_read():
    listed = [heading for column in COLUMNS for heading in column.headings]
    assert len(listed) == len(set(listed))
    with SAMPLE.open(encoding="cp1252", newline="") as sample:
        first = next(csv.DictReader(sample))
    row = ReadColumns({heading: first.get(heading) or "" for heading in listed})
    row.update({"URN": "900001", "StatutoryLowAge": "4", "StatutoryHighAge": "11", "Postcode": "NB1 4AA"})
    row.asked.clear()
    parse_row(row, 2, ["Northbrook"], [])
    assert row.asked == set(listed)  # every column listed is read, and none is read that is not listed
    assert {"URN", "LA (name)", "EstablishmentStatus (name)"} <= set(REQUIRED_COLUMNS)
    assert [str(column) for column in COLUMNS if len(column.headings) > 1] == [
        "Street, Locality, Address3, Town",
        "SEN1 (name) to SEN13 (name)",
    ]
