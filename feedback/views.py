import math

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.http import Http404
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from localoffer import ratelimit
from localoffer.csv_export import streaming_csv_response
from localoffer.pii import redact

from . import protection
from .forms import CommentForm, page_from_query
from .models import BlockedSubmission, Comment, Report, Theme, Topic
from .tasks import notify_feedback_officers

REFERENCE_SALT = "feedback.reference"


def _csrf_failed(request):
    """Django's own CSRF check, run here so a failure re-shows the form with everything typed, not a bare 403."""

    def view(request):  # a stand-in callback without csrf_exempt
        return None

    return CsrfViewMiddleware(lambda r: None).process_view(request, view, (), {}) is not None


def _form_page(request, form, token, status=200, commented_page=None):
    get_token(request)  # a fresh CSRF cookie/token for the next attempt
    return render(
        request,
        "feedback/have_your_say.html",
        {
            "form": form,
            "token": token,
            "commented_page": commented_page,
            "latest_report": Report.objects.published().first(),
            "retention_after_report": settings.FEEDBACK_CONTACT_DAYS_AFTER_REPORT,
            "retention_max_age": settings.FEEDBACK_CONTACT_MAX_AGE_DAYS,
        },
        status=status,
    )


@never_cache
@csrf_exempt  # checked in the view (see _csrf_failed), so nothing typed is lost on failure
@require_http_methods(["GET", "HEAD", "POST"])
def have_your_say(request):
    if request.method != "POST":
        commented_page = page_from_query(request.GET.get("page"))
        initial = {"page": commented_page.pk, "topic": Topic.PAGE} if commented_page else {}
        return _form_page(
            request, CommentForm(initial=initial), protection.new_form_token(), commented_page=commented_page
        )

    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > settings.FEEDBACK_MAX_REQUEST_BYTES:
        return render(request, "feedback/too_large.html", status=413)

    form = CommentForm(request.POST)
    token = request.POST.get("token", "")
    commented_page = page_from_query(request.POST.get("page"))

    if request.POST.get("website"):
        protection.count_blocked(BlockedSubmission.Reason.HONEYPOT)
        return redirect(reverse("feedback:thank_you"), permanent=False)

    if _csrf_failed(request):
        form.is_valid()
        form.add_error(
            None,
            "Your comment has not been sent yet because the form had expired or your browser blocked a cookie. "
            "Check your comment below and send it again.",
        )
        return _form_page(request, form, protection.new_form_token(), status=403, commented_page=commented_page)

    try:
        nonce = protection.check_form_token(token)
    except protection.TokenProblem as problem:
        form.is_valid()
        if problem.reason == "too_fast":
            protection.count_blocked(BlockedSubmission.Reason.TOO_FAST)
            message = "Your comment has not been sent yet. Check it, then select 'Send comment' again."
        elif problem.reason == "expired":
            message = "The form timed out, so your comment has not been sent yet. Check it and send it again."
        else:
            protection.count_blocked(BlockedSubmission.Reason.BAD_TOKEN)
            message = "Something went wrong with the form, so your comment has not been sent yet. Send it again."
        form.add_error(None, message)
        return _form_page(request, form, protection.new_form_token(), status=400, commented_page=commented_page)

    if not form.is_valid():
        return _form_page(request, form, token, commented_page=commented_page)

    existing = Comment.objects.filter(submission_token=nonce).first()
    if existing:  # the same form sent twice: one comment
        return _thank_you_redirect(existing)

    limit, window = settings.FEEDBACK_RATE_LIMIT
    decision = ratelimit.allow(request, "comment", limit, window)
    if not decision.allowed:
        protection.count_blocked(BlockedSubmission.Reason.RATE_LIMITED)
        minutes = math.ceil(decision.retry_after / 60)
        form.add_error(
            None,
            f"You have sent several comments in a short time. Wait {minutes} minute{'s' if minutes != 1 else ''}, "
            "then send this one again. Your comment is still below.",
        )
        response = _form_page(request, form, token, status=429, commented_page=commented_page)
        response["Retry-After"] = str(decision.retry_after)
        return response

    data = form.cleaned_data
    page = data["page"]
    comment = Comment(
        submission_token=nonce,
        topic=data["topic"],
        body=data["body"],
        role=data["role"],
        page=page,
        page_title=page.title[:255] if page else "",
        name=data["name"].strip(),
        email=data["email"],
        consent_to_contact=bool(data["email"] and data["consent_to_contact"]),
    )
    try:
        with transaction.atomic():
            comment.save()
            transaction.on_commit(lambda: notify_feedback_officers.enqueue(comment.pk))
    except IntegrityError:
        existing = Comment.objects.filter(submission_token=nonce).first()
        if existing is None:
            raise
        return _thank_you_redirect(existing)
    return _thank_you_redirect(comment)


def _thank_you_redirect(comment):
    signed = signing.TimestampSigner(salt=REFERENCE_SALT).sign(comment.reference)
    response = redirect(f"{reverse('feedback:thank_you')}?ref={signed}")
    response.status_code = 303
    return response


@never_cache
@require_GET
def thank_you(request):
    reference = None
    try:
        reference = signing.TimestampSigner(salt=REFERENCE_SALT).unsign(request.GET.get("ref", ""), max_age=7 * 86400)
    except signing.BadSignature:
        reference = None
    return render(
        request,
        "feedback/thank_you.html",
        {"reference": reference, "latest_report": Report.objects.published().first()},
    )


@require_GET
def report_index(request):
    reports = Report.objects.published()
    return render(request, "feedback/report_index.html", {"reports": reports})


@require_GET
def report_detail(request, slug):
    report = get_object_or_404(Report.objects.published(), slug=slug)
    themes = list(report.themes.all())
    for theme in themes:  # publishing is blocked while a summary holds contact details; this is the last net
        theme.you_said = redact(theme.you_said)
    return render(
        request,
        "feedback/report_detail.html",
        {"report": report, "themes": themes, "stats": report.statistics, "is_preview": False},
    )


@require_GET
def themes_csv(request, slug=None):
    themes = Theme.objects.filter(report__in=Report.objects.published()).select_related("report")
    filename = "you-said-we-did"
    if slug is not None:
        report = Report.objects.published().filter(slug=slug).first()
        if report is None:
            raise Http404("No published report")
        themes = themes.filter(report=report)
        filename += f"-{report.slug}"
    themes = themes.order_by("-report__period_start", "sort_order", "pk")
    header = [
        "Report",
        "Period from",
        "Period to",
        "Theme",
        "Topic",
        "You said",
        "We did or will",
        "Status",
        "Why not possible",
        "Comments answered",
    ]

    rows = (
        (
            theme.report.title,
            theme.report.period_start.isoformat(),
            theme.report.period_end.isoformat(),
            theme.title,
            theme.get_topic_display(),
            redact(theme.you_said),
            theme.we_did,
            theme.get_status_display(),
            theme.not_possible_reason,
            theme.comment_count,
        )
        for theme in themes
    )
    return streaming_csv_response(f"{filename}.csv", header, rows)
