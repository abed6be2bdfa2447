"""Abuse resistance for the public comment form, with no third party: a signed form token (minimum fill time and
one-time submission), a per-client rate limit keyed on a salted hash of the address, and a count of what was
turned away. No raw IP address is stored anywhere."""

import hashlib
import secrets
import time
from typing import Literal

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import HttpRequest
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


def client_key(request: HttpRequest) -> str:
    """A salted hash of the client's address, rotated daily: enough to count, never enough to identify."""
    address = request.META.get("REMOTE_ADDR", "")
    salt = f"{settings.SECRET_KEY}:feedback-rate:{timezone.now():%Y-%m-%d}"
    return hashlib.sha256(f"{salt}:{address}".encode()).hexdigest()


def over_rate_limit(request: HttpRequest) -> bool:
    """Count this submission against the client's allowance; True if it is over."""
    limit: int
    window: int
    limit, window = settings.FEEDBACK_RATE_LIMIT  # (comments, seconds)
    key = f"feedback:rate:{client_key(request)}"
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window)
        count = 1
    return count > limit


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
