"""Signed, expiring, single-use links for people without an account (SENCOs, providers): the one token code.

A token is a django.core.signing TimestampSigner value over a few dot-separated parts (a row's id, the object it
is bound to, a random nonce kept on the row, ...), with one salt per purpose, so a token made for one purpose never
passes for another. `read` checks the signature and the age and hands back the parts; the caller then checks that
they name the right row and object (`constant_time_compare` for the nonce). A token is single-use because the row
keeps a "used" time, set once with `claim` (an UPDATE ... WHERE used IS NULL, so two requests racing cannot both
use it).

Tokens appear only in URL arguments named `token` (the request log masks them: localoffer/middleware.py)."""

from typing import Literal

from django.core import signing
from django.db import models
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

TokenReason = Literal["invalid", "expired", "used"]


class TokenError(Exception):
    """reason is one of: "invalid" (tampered with, or for something else), "expired", "used"."""

    def __init__(self, reason: TokenReason) -> None:
        super().__init__(reason)
        self.reason: TokenReason = reason


def make(salt: str, *parts: object) -> str:
    return signing.TimestampSigner(salt=salt).sign(".".join(str(part) for part in parts))


def read(token: str, salt: str, max_age: int, parts: int) -> list[str]:
    """The parts of a genuine token no older than max_age seconds; TokenError("expired" or "invalid") otherwise."""
    try:
        value = signing.TimestampSigner(salt=salt).unsign(token or "", max_age=max_age)
    except signing.SignatureExpired:
        raise TokenError("expired") from None
    except signing.BadSignature:
        raise TokenError("invalid") from None
    pieces = value.split(".", parts - 1)
    if len(pieces) != parts:
        raise TokenError("invalid")
    return pieces


def same(expected: str, given: str) -> bool:
    return constant_time_compare(expected, given)


def fingerprint(salt: str, value: str) -> str:
    """A short keyed hash of a value (an email address) to bind a token to it without putting it in the link."""
    return salted_hmac(salt, value.strip().lower()).hexdigest()[:20]


def claim(model: type[models.Model], pk: int, field: str) -> bool:
    """Mark a token used, once: False if another request got there first."""
    return model._default_manager.filter(pk=pk, **{f"{field}__isnull": True}).update(**{field: timezone.now()}) == 1
