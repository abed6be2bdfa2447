"""Abuse resistance for the public comment form, with no third party: a signed form token (minimum fill time and
one-time submission) and a count of what was turned away. The per-client rate limit is the one every public form
uses (localoffer/ratelimit.py), keyed on a hash of the address: no raw IP address is stored anywhere."""

import secrets
import time
from typing import Literal

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from .models import BlockedSubmission

TOKEN_SALT = "feedback.form-token"  # noqa: S105 - a signing namespace, not a secret

TokenReason = Literal["too_fast", "bad_token", "expired"]


def new_form_token() -> str:
    """A signed token holding a random one-time id; the signature's timestamp says when the form was served."""
    return signing.TimestampSigner(salt=TOKEN_SALT).sign(secrets.token_urlsafe(24))


class TokenProblem(Exception):
    def __init__(self, reason: TokenReason) -> None:
        super().__init__(reason)
        self.reason: TokenReason = reason


def check_form_token(token: str | None) -> str:
    """The token's one-time id, or TokenProblem("too_fast" | "bad_token" | "expired")."""
    token = token or ""
    signer = signing.TimestampSigner(salt=TOKEN_SALT)
    try:
        value = signer.unsign(token, max_age=settings.FEEDBACK_FORM_MAX_AGE)
    except signing.SignatureExpired:
        raise TokenProblem("expired") from None
    except signing.BadSignature:
        raise TokenProblem("bad_token") from None
    served_at = signing.b62_decode(token.split(signing.Signer().sep)[-2])
    if time.time() - served_at < settings.FEEDBACK_MIN_FILL_SECONDS:
        raise TokenProblem("too_fast")
    return value


def count_blocked(reason: BlockedSubmission.Reason) -> None:
    """Add one to today's count of submissions turned away for this reason."""
    day = timezone.localdate()
    updated = BlockedSubmission.objects.filter(day=day, reason=reason).update(count=F("count") + 1)
    if not updated:
        try:
            with transaction.atomic():
                BlockedSubmission.objects.create(day=day, reason=reason, count=1)
        except IntegrityError:
            BlockedSubmission.objects.filter(day=day, reason=reason).update(count=F("count") + 1)
