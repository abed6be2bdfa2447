"""The GIAS import: creates and updates by URN, rejects bad rows with a reason without stopping, marks closed
schools, never overwrites the SEN report link, and a second run of the same file changes nothing."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from directory.models import SchoolPage
from directory.schools.gias import import_gias

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
    with pytest.raises(CommandError):
        call_command("import_gias", "/no/such/file.csv", "--la", "Northbrook", stdout=StringIO())
