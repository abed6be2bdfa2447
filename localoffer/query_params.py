"""Reading ids that people (or robots) put in forms and addresses: anything that is not a plausible database id is
None, so a view answers "not found" or ignores it, never an error page."""

MAX_ID = 2**31 - 1  # the largest id PostgreSQL's integer key holds; SQLite stops at 2**63 - 1


def object_id(value) -> int | None:
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return number if 0 < number <= MAX_ID else None
