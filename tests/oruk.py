"""The Open Referral UK 3.0 standard's own files, for the tests that check our API and importer against them.

They are read where they are published for the project (`ORUK_SCHEMA_DIR`, default `../shared/oruk-3.0` beside the
repository), never copied in. The schemas' `$ref`s are full web addresses
(https://openreferraluk.org/specifications/3.0/schema/service.json); they are resolved by file name against the
folder's schema/, offline. Without the folder the tests skip with one line; in CI they fail (tests.conftest.require)."""

import json
import os
from functools import cache
from pathlib import Path
from typing import Any
from uuid import UUID

from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from tests.conftest import require

ROOT = Path(__file__).resolve().parents[1]
ORUK_DIR = Path(os.environ.get("ORUK_SCHEMA_DIR") or ROOT.parent / "shared" / "oruk-3.0")


def require_standard() -> Path:
    require((ORUK_DIR / "schema").is_dir(), f"needs the ORUK 3.0 files at {ORUK_DIR} (set ORUK_SCHEMA_DIR)")
    return ORUK_DIR


@cache
def _schema(name: str) -> dict[str, Any]:
    return json.loads((ORUK_DIR / "schema" / name).read_text())


def _retrieve(uri: str) -> Resource:
    return Resource.from_contents(_schema(uri.rstrip("/").rsplit("/", 1)[-1]), default_specification=DRAFT202012)


@cache
def validator(name: str) -> Draft202012Validator:
    """A validator for one of the standard's schemas ("service" or "service.json")."""
    file_name = name if name.endswith(".json") else f"{name}.json"
    registry: Registry = Registry(retrieve=_retrieve)  # type: ignore[call-arg]
    return Draft202012Validator(_schema(file_name), registry=registry, format_checker=FormatChecker())


def check(name: str, data: Any) -> None:
    """Fail with every schema error (and every id that is not a UUID) if `data` does not conform to `name`."""
    errors = [
        f"{'/'.join(map(str, error.absolute_path))}: {error.message}" for error in validator(name).iter_errors(data)
    ]
    errors += [f"{path}: {value!r} is not a UUID" for path, value in ids(data) if not is_uuid(value)]
    assert not errors, f"{name}:\n" + "\n".join(errors[:20])


def ids(data: Any, path: str = "") -> list[tuple[str, Any]]:
    """Every `id` and `..._id` value in a JSON document, with where it is."""
    found = []
    if isinstance(data, dict):
        for key, value in data.items():
            if (key == "id" or key.endswith("_id")) and not isinstance(value, dict | list):
                found.append((f"{path}/{key}", value))
            found += ids(value, f"{path}/{key}")
    elif isinstance(data, list):
        for i, value in enumerate(data):
            found += ids(value, f"{path}/{i}")
    return found


def is_uuid(value: Any) -> bool:
    try:
        UUID(str(value))
    except ValueError:
        return False
    return True


def openapi() -> dict[str, Any]:
    return json.loads((ORUK_DIR / "openapi.json").read_text())
