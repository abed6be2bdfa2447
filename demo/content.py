"""The demo data files (demo/data/, described in its README.md) read into plain Python structures.

No database here: the loaders (demo/loaders/) write what this reads, tests read it to know what to expect, and the
benchmark generator (demo/generate.py) borrows the service templates. Each file is read once per
process; a mistake in one raises a DataError that names the file."""

import tomllib
from functools import cache
from pathlib import Path

from . import markup

DATA = Path(__file__).resolve().parent / "data"
FRONT_MATTER = "+++"

# The words services.toml uses for how families are referred and how a service is given, with the one-letter codes
# the service loader and the benchmark generator read.
REFERRAL = {"self": "s", "professional": "p", "EHC plan": "e", "other": "o"}
DELIVERY = {"in person": "i", "online": "o", "phone": "p", "home visits": "h"}
EVERY_LOCALITY = "every locality"


class DataError(ValueError):
    """A mistake in a demo data file."""


@cache
def read_toml(name):
    try:
        return tomllib.loads((DATA / name).read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise DataError(f"demo/data/{name}: {error}") from error


# The site shell: site.toml and pages/*.md ---------------------------------------------------------------------------


def site():
    """site.toml: settings, home page, shared contact cards and the order of the information pages."""
    return read_toml("site.toml")


def key_information():
    """The home page's key information cards as (page slug, description)."""
    return [(card["page"], card["description"]) for card in site()["home"]["key_information"]]


def browse_sections():
    """The home page's browse groups as (heading, [page slugs])."""
    return [(section["heading"], section["pages"]) for section in site()["home"]["browse"]]


def information_pages():
    """Every information page, in the order site.toml lists them (then any it does not, by name), as a dict of
    slug, title, summary, topics (statutory topic numbers), last_reviewed and body ((block type, value) pairs)."""
    files = {path.stem: path for path in (DATA / "pages").glob("*.md")}
    order = site()["pages"]
    missing = [slug for slug in order if slug not in files]
    if missing:
        raise DataError(f"demo/data/site.toml lists pages with no file in pages/: {', '.join(missing)}")
    slugs = [*order, *sorted(set(files) - set(order))]
    return [read_page(files[slug]) for slug in slugs]


def read_page(path):
    """One information page: TOML front matter between two lines of +++, then the body (see demo/markup.py)."""
    where = f"demo/data/pages/{path.name}"
    lines = path.read_text(encoding="utf-8").split("\n")
    if lines[0].strip() != FRONT_MATTER or FRONT_MATTER not in (line.strip() for line in lines[1:]):
        raise DataError(f"{where}: start with a line +++, the page's fields, then another line +++")
    end = next(n for n, line in enumerate(lines[1:], 1) if line.strip() == FRONT_MATTER)
    try:
        fields = tomllib.loads("\n".join(lines[1:end]))
    except tomllib.TOMLDecodeError as error:
        raise DataError(f"{where}: the fields between the +++ lines: {error}") from error
    missing = [name for name in ("title", "slug", "summary", "last_reviewed") if name not in fields]
    unknown = set(fields) - {"title", "slug", "summary", "last_reviewed", "statutory_topics"}
    if missing or unknown:
        raise DataError(f"{where}: missing {missing or 'nothing'}, unknown {sorted(unknown) or 'nothing'}")
    if fields["slug"] != path.stem:
        raise DataError(f"{where}: the slug {fields['slug']!r} must be the file's name")
    try:
        body = markup.blocks("\n".join(lines[end + 1 :]), site().get("contacts", {}), where, first_line=end + 2)
    except markup.MarkupError as error:
        raise DataError(str(error)) from error
    return {
        "slug": fields["slug"],
        "title": fields["title"],
        "summary": fields["summary"],
        "topics": fields.get("statutory_topics", []),
        "last_reviewed": fields["last_reviewed"],
        "body": body,
    }


# The service directory: organisations.toml and services.toml -------------------------------------------------------


def organisations():
    """{key: {name, website, provider_type}} from organisations.toml."""
    return read_toml("organisations.toml")


def directory():
    """The service directory page's title and intro."""
    return read_toml("services.toml")["directory"]


def wording():
    """The sentences every service page gets; {organisation} stands for the organisation's name."""
    return read_toml("services.toml")["wording"]


def localities():
    """(key, name, "venue, street", postcode, latitude, longitude) for each locality (latitude and longitude as
    strings with six decimal places, as the database stores them)."""
    return [
        (
            place["key"],
            place["name"],
            f"{place['venue']}, {place['street']}",
            place["postcode"],
            f"{place['latitude']:.6f}",
            f"{place['longitude']:.6f}",
        )
        for place in read_toml("services.toml")["locality"]
    ]


def opening_times():
    return read_toml("services.toml")["opening_times"]


def languages():
    return read_toml("services.toml")["languages"]


@cache
def services():
    """Each [[service]] of services.toml as a dict: `routes` and `delivery` as the short codes in REFERRAL and
    DELIVERY above, `localities` as the keys of the localities it runs in ([] if none), `venue` its one venue
    elsewhere ("" if none) and `venue_locality` the locality that venue is in ("" if none given)."""
    keys = [place[0] for place in localities()]
    result = []
    for n, service in enumerate(read_toml("services.toml")["service"], 1):
        where = f"demo/data/services.toml, service {n} ({service.get('title')!r})"
        runs_in = service.get("runs_in", [])
        runs_in = keys if runs_in == EVERY_LOCALITY else runs_in
        unknown = [word for word in [*service["referral"], *service["delivery"]] if word not in REFERRAL | DELIVERY]
        unknown += [key for key in runs_in if key not in keys]
        venue_locality = service.get("locality", "")
        if venue_locality and (venue_locality not in keys or not service.get("venue")):
            raise DataError(f"{where}: `locality` names the locality of the one `venue`, one of {keys}")
        if service["organisation"] not in organisations():
            unknown.append(service["organisation"])
        if unknown or (runs_in and service.get("venue")):
            raise DataError(f"{where}: unknown {unknown}" if unknown else f"{where}: give runs_in or venue, not both")
        min_age, max_age = service["ages"]
        result.append(
            {
                "title": service["title"],
                "organisation": service["organisation"],
                "categories": service["categories"],
                "needs": service["needs"],
                "tier": service["tier"],
                "min_age": min_age,
                "max_age": max_age,
                "cost": service["cost"],
                "routes": "".join(REFERRAL[word] for word in service["referral"]),
                "delivery": "".join(DELIVERY[word] for word in service["delivery"]),
                "area": service["area"],
                "localities": runs_in,
                "venue": service.get("venue", ""),
                "venue_locality": venue_locality,
                "summary": service["summary"],
                "description": service["description"],
                "eligibility": service.get("eligibility", ""),
                "access": service.get("access", ""),
            }
        )
    return result


def service_templates():
    """The services as the tuples the benchmark generator unpacks: (title, organisation key, categories, needs,
    tier, (min age, max age), cost, routes, delivery, area, where, summary, description). `where` is "all" (every
    locality), "town" (the first three), the venue outside the area, "national" (no venue) or the locality keys."""
    keys = [place[0] for place in localities()]

    def where(service):
        if service["localities"]:
            return {tuple(keys): "all", tuple(keys[:3]): "town"}.get(
                tuple(service["localities"]), service["localities"]
            )
        return service["venue"] or "national"

    return [
        (
            s["title"],
            s["organisation"],
            s["categories"],
            s["needs"],
            s["tier"],
            (s["min_age"], s["max_age"]),
            s["cost"],
            s["routes"],
            s["delivery"],
            s["area"],
            where(s),
            s["summary"],
            s["description"],
        )
        for s in services()
    ]


# The names demo/generate.py imports, built when first asked for.
_GENERATOR_NAMES = {"TEMPLATES": service_templates, "LOCALITIES": localities, "OPENING_TIMES": opening_times}


def __getattr__(name):
    if name in _GENERATOR_NAMES:
        return _GENERATOR_NAMES[name]()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# Schools: schools.csv and schools.toml -----------------------------------------------------------------------------


def providers():
    """providers.toml: providers' private contacts on some services, and the changes they proposed."""
    return read_toml("providers.toml")


def schools():
    """schools.toml: the schools page, early years settings, SEN information report links, SENCO updates."""
    return read_toml("schools.toml")


def schools_csv():
    """schools.csv: the demo schools as a Get Information about Schools export (bytes, as an upload would be)."""
    return (DATA / "schools.csv").read_bytes()


# Places: postcodes.csv --------------------------------------------------------------------------------------------


def postcodes_csv():
    """postcodes.csv: the centroid of every postcode the demo's venues, schools and council use (the path)."""
    return DATA / "postcodes.csv"


# Feedback: feedback.toml --------------------------------------------------------------------------------------------


def feedback():
    """feedback.toml: the reports with their themes, and what the demo comments are made from."""
    return read_toml("feedback.toml")


def editions():
    """editions.toml: the printed editions of the directory (family hubs and libraries print them)."""
    return read_toml("editions.toml").get("edition", [])
