"""Postcode centroids: the import command (ONSPD and Code-Point Open), finding a postcode or district, venues placed
by their postcode, and the demo's own postcodes (directory/places/)."""

import csv
import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from demo import content
from demo.loaders import places as places_demo
from directory.models import Postcode, ServiceVenue
from directory.places.geo import Point, distance_miles
from directory.places.importer import import_postcodes
from directory.places.postcodes import PostcodeError, centroids, lookup, normalise_postcode
from tests.factories import PostcodeFactory, ServicePageFactory, ServiceVenueFactory

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
ONSPD = FIXTURES / "onspd_sample.csv"
CODE_POINT = FIXTURES / "codepoint_sample.csv"


def run(*args):
    out = io.StringIO()
    call_command("import_postcodes", *map(str, args), stdout=out)
    return out.getvalue()


def table():
    return {p.postcode: (p.outward, p.latitude, p.longitude, p.terminated) for p in Postcode.objects.all()}


def test_an_onspd_file_loads_idempotently_and_bad_rows_are_rejected_with_reasons():
    output = run(ONSPD)
    assert table() == {
        "NB1 1AA": ("NB1", 53.48, -2.24, False),
        "NB4 2EF": ("NB4", 53.4825, -2.201, False),
        "NB4 2EG": ("NB4", 53.4845, -2.199, False),
        "NB4 9ZZ": ("NB4", 53.6, -2.0, True),
        "SW1A 1AA": ("SW1A", 51.501009, -0.141588, False),
    }
    assert (
        "Read 10 rows (ONS Postcode Directory): 5 postcodes saved (1 of them no longer in use), 5 rows rejected."
        in (output)
    )
    assert "row 7: not a postcode: 'XX1'" in output
    assert "row 8: latitude is not a number: 'north'" in output
    assert "row 9: no position: ONSPD has no grid reference for this postcode" in output
    assert "row 10: position outside the UK: 40.7128, -74.006" in output
    assert "row 11: too few columns: 3" in output

    before = table()
    again = run(ONSPD)
    assert table() == before
    assert Postcode.objects.count() == 5
    assert "5 postcodes saved" in again


def test_a_newer_file_updates_the_postcodes_it_holds(tmp_path):
    run(ONSPD)
    newer = tmp_path / "newer.csv"
    newer.write_text("pcds,lat,long,doterm\nNB4 2EF,53.4830,-2.2020,202511\nNB6 6GN,53.456,-2.212,\n")
    run(newer)
    assert table()["NB4 2EF"] == ("NB4", 53.483, -2.202, True)
    assert table()["NB6 6GN"] == ("NB6", 53.456, -2.212, False)
    assert table()["NB1 1AA"] == ("NB1", 53.48, -2.24, False)  # not in the newer file: kept


def test_code_point_open_eastings_and_northings_become_latitude_and_longitude():
    output = run(CODE_POINT)
    assert set(table()) == {"SW1A 1AA", "M1 1AE"}
    sw1a = Postcode.objects.get(postcode="SW1A 1AA")
    # ONSPD's own position for SW1A 1AA: within 10 metres.
    assert distance_miles(Point(sw1a.latitude, sw1a.longitude), Point(51.501009, -0.141588)) < 0.006
    assert "(Code-Point Open): 2 postcodes saved" in output
    assert "row 3: no position: Code-Point Open gives quality 90" in output
    assert "row 4: eastings is not a number: 'east'" in output
    assert "row 5: eastings and northings outside the National Grid: 9999999, 179645" in output
    run(CODE_POINT)
    assert Postcode.objects.count() == 2


def test_code_point_with_its_documented_header_row(tmp_path):
    path = tmp_path / "sw.csv"
    path.write_text("PC,PQ,EA,NO,CY,RH,LH,CC,DC,WC\n" + CODE_POINT.read_text().splitlines()[0] + "\n")
    run(path)
    assert set(table()) == {"SW1A 1AA"}


def test_rows_are_saved_in_batches_so_memory_stays_bounded():
    lines = ["pcds,lat,long,doterm"] + [f"NB1 {n}AA,53.48,-2.24," for n in range(10)]
    progress = []
    with CaptureQueriesContext(connection) as queries:
        report = import_postcodes(
            iter(lines), batch_size=3, progress=lambda r: progress.append(r.read), progress_every=4
        )
    inserts = [q for q in queries.captured_queries if q["sql"].upper().startswith("INSERT")]
    assert len(inserts) == 4  # 3 + 3 + 3 + 1
    assert report.saved == 10 and Postcode.objects.count() == 10
    assert progress == [4, 8]


def test_many_bad_rows_are_summarised_by_reason():
    lines = ["pcds,lat,long,doterm"] + [f"BAD{n},53.48,-2.24," for n in range(80)]
    report = import_postcodes(iter(lines))
    text = "\n".join(report.summary_lines())
    assert report.rejected == 80 and len(report.reasons) == 50
    assert "... and 30 more" in text and "80 x not a postcode" in text


@pytest.mark.parametrize(
    ("content_", "message"),
    [
        ("", "The file is empty."),
        ("name,address\nOakfield,1 Road\n", "This is not an ONSPD file"),
        ("pcds,lat,long\nNB4 2EF,53.4,-2.2\n", "The ONSPD file has no doterm column."),
    ],
)
def test_files_that_are_not_postcode_data_are_refused_whole(tmp_path, content_, message):
    path = tmp_path / "file.csv"
    path.write_text(content_)
    with pytest.raises(CommandError, match=message):
        run(path)
    assert not Postcode.objects.exists()


def test_a_missing_file_is_refused():
    with pytest.raises(CommandError, match="No such file"):
        run("/nonexistent/ONSPD.csv")


def test_binary_junk_is_rejected_row_by_row_not_a_crash(tmp_path):
    path = tmp_path / "junk.csv"
    path.write_bytes(b'pcds,lat,long,doterm\n\xff\xfe\x00\x00,1,2,\nNB4 2EF,53.4825,-2.201,\n"unterminated,1')
    output = run(path)
    assert set(table()) == {"NB4 2EF"}
    assert "2 rows rejected" in output


# Finding a postcode ---------------------------------------------------------------------------------------------


@pytest.fixture
def northbrook():
    PostcodeFactory(postcode="NB4 2EF", latitude=53.4825, longitude=-2.201)
    PostcodeFactory(postcode="NB4 2EG", latitude=53.4845, longitude=-2.199)
    PostcodeFactory(postcode="NB4 9ZZ", latitude=60.0, longitude=1.0, terminated=True)
    PostcodeFactory(postcode="NB1 1AA", latitude=53.48, longitude=-2.24)


def test_lookup_finds_a_postcode_however_it_is_typed(northbrook, django_assert_num_queries):
    with django_assert_num_queries(1):
        place = lookup(" nb42ef")
    assert place.label == "NB4 2EF" and not place.district
    assert place.point == Point(53.4825, -2.201)


def test_a_district_is_the_centre_of_its_postcodes_still_in_use(northbrook, django_assert_num_queries):
    with django_assert_num_queries(1):
        place = lookup("nb4")
    assert place.label == "NB4" and place.district
    assert place.point.latitude == pytest.approx(53.4835)
    assert place.point.longitude == pytest.approx(-2.2)  # the terminated NB4 9ZZ, far away, is left out


@pytest.mark.parametrize(
    ("typed", "code", "message"),
    [
        ("NB4 2", "invalid", "Enter a full postcode, like SW1A 2AA, or just the first half, like SW1A"),
        ("hello", "invalid", "Enter a full postcode"),
        ("NB4 7XX", "unknown", "We cannot find NB4 7XX. Check the postcode, or enter just the first half, like NB4"),
        ("ZZ9", "unknown", "We cannot find ZZ9"),
        ("NB4 9ZZ", "terminated", "NB4 9ZZ is no longer used. Enter your current postcode, or just the first half"),
    ],
)
def test_postcodes_that_cannot_be_used_say_why(northbrook, typed, code, message):
    with pytest.raises(PostcodeError) as raised:
        lookup(typed)
    assert raised.value.code == code
    assert raised.value.message.startswith(message)


def test_centroids_of_many_postcodes_in_one_query(northbrook, django_assert_num_queries):
    with django_assert_num_queries(1):
        found = centroids(["nb4 2ef", "NB1 1AA", "NB4 9ZZ", "NB9 9XX", "rubbish", "NB4"])
    assert found == {"NB4 2EF": Point(53.4825, -2.201), "NB1 1AA": Point(53.48, -2.24)}


# Venues placed by their postcode ---------------------------------------------------------------------------------


def position(venue):
    venue.refresh_from_db()
    if venue.latitude is None:
        return None
    return (float(venue.latitude), float(venue.longitude), venue.located_from)


def test_a_venue_without_a_position_takes_its_postcodes(northbrook):
    venue = ServiceVenueFactory(postcode="nb4 2ef")
    assert position(venue) == (53.4825, -2.201, "NB4 2EF")
    venue.postcode = "NB1 1AA"  # moved: the filled position follows the postcode
    venue.save()
    assert position(venue) == (53.48, -2.24, "NB1 1AA")
    venue.postcode = "NB9 9XX"  # unknown: no position rather than a wrong one
    venue.save()
    assert position(venue) is None


def test_a_position_someone_typed_wins(northbrook):
    venue = ServiceVenueFactory(postcode="NB4 2EF", latitude="53.470000", longitude="-2.210000")
    assert position(venue) == (53.47, -2.21, "")
    venue.postcode = "NB1 1AA"
    venue.save()
    assert position(venue) == (53.47, -2.21, "")
    # Filled from the postcode, then moved by hand, then the postcode changes: the hand-placed position stays.
    other = ServiceVenueFactory(postcode="NB4 2EF")
    other.latitude, other.longitude = "53.471000", "-2.211000"
    other.save()
    other.postcode = "NB1 1AA"
    other.save()
    assert position(other) == (53.471, -2.211, "")


def test_the_import_places_venues_that_have_a_postcode_but_no_position(tmp_path):
    waiting = ServiceVenueFactory(postcode="nb4 2ef")  # saved before any postcodes were loaded
    typed = ServiceVenueFactory(postcode="NB4 2EF", latitude="53.470000", longitude="-2.210000")
    assert position(waiting) is None
    output = run(ONSPD)
    assert "Placed 1 venues" in output
    assert position(waiting) == (53.4825, -2.201, "NB4 2EF")
    assert position(typed) == (53.47, -2.21, "")


def test_venues_of_a_published_service_are_placed_when_it_is_published(northbrook):
    service = ServicePageFactory(draft=True, venues=[ServiceVenue(name="Hub", postcode="NB4 2EG")])
    service.save_revision().publish()
    venue = ServiceVenue.objects.get(page=service)
    assert position(venue) == (53.4845, -2.199, "NB4 2EG")


# The demo council's postcodes -------------------------------------------------------------------------------------


def demo_postcodes():
    """Every postcode a demo venue or school uses, from the data files."""
    venues = {place[3] for place in content.localities()}
    gias = {row["Postcode"] for row in csv.DictReader(io.StringIO(content.schools_csv().decode("utf-8-sig")))}
    early_years = {setting["postcode"] for setting in content.schools().get("early_years", [])}
    return {p for p in venues | gias | early_years if p}


def test_every_demo_venue_and_school_postcode_has_a_centre():
    places_demo.load(io.StringIO())
    postcodes = demo_postcodes()
    assert len(postcodes) > 50
    found = centroids(sorted(postcodes))
    missing = sorted(p for p in postcodes if normalise_postcode(p) not in found)
    assert not missing, f"add these to demo/data/postcodes.csv: {missing}"
    # The demo's own venue positions (services.toml) are their postcodes' centres.
    for _key, _name, _address, postcode, latitude, longitude in content.localities():
        assert found[postcode] == Point(float(latitude), float(longitude))
    places_demo.load(io.StringIO())  # again: nothing twice
    assert Postcode.objects.count() == len(content.postcodes_csv().read_text().splitlines()) - 1
