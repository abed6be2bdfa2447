"""The schools demo: about 60 schools and settings of every type, some stale, broken or missing links, pending
submissions, a card on the home page; loading it again changes nothing."""

from io import StringIO

import pytest
from wagtail.models import Revision

from demo import content
from demo.loaders import schools as schools_demo
from directory.models import SchoolPage, SencoSubmission
from localoffer.models import HomePage

pytestmark = pytest.mark.django_db


def test_demo_schools_cover_every_type_and_reload_changes_nothing(client, demo_db):
    """Starts from the whole demo as `manage.py load_demo` left it (the run's demo template)."""
    schools = SchoolPage.objects.live()
    assert 55 <= schools.count() <= 70
    assert {t for t, _label in SchoolPage.SCHOOL_TYPES} == set(schools.values_list("school_type", flat=True))
    assert schools.filter(sen_report_status=SchoolPage.LINK_BROKEN).exists()
    assert schools.filter(sen_report_url="").exists()
    assert any(school.sen_report_url and school.sen_report_is_stale for school in schools)
    assert schools.filter(in_area=False).exists()
    assert schools.exclude(provision="").filter(provision_need_types__isnull=False).exists()
    assert SencoSubmission.objects.filter(status=SencoSubmission.STATUS_PENDING).count() >= 3

    home = HomePage.objects.get()
    index_pk = schools.first().get_parent().pk
    cards = [b.value["page"] for b in home.key_information if b.value["page"]]
    assert index_pk in [p.pk for p in cards]
    assert len(cards) > 1  # the site shell's cards are kept

    revisions = Revision.objects.count()
    schools_demo.load(StringIO())
    assert Revision.objects.count() == revisions
    assert SencoSubmission.objects.count() == len(content.schools()["senco_update"])

    finder = client.get("/schools/", {"age": "12", "type": "special"})
    assert finder.status_code == 200
    for school in finder.context["schools"]:
        assert school.is_special and school.min_age <= 12 <= school.max_age
    assert finder.context["result_count"] >= 3
