"""Public pages SENCOs use, with no account: find the school, submit the link, confirm the email, update later."""

from django.conf import settings
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from localoffer import ratelimit

from ..filters import postcode_q
from ..models import SchoolPage, SchoolSettings
from . import submissions
from .forms import FindSchoolForm, SencoSubmissionForm, UpdateLinkForm
from .models import SencoSubmission
from .tasks import check_submission_link

SESSION_KEY = "senco_submission"
MAX_MATCHES = 20


def _schools():
    return SchoolPage.objects.visible().filter(is_closed=False)


def _base_url(request):
    return request.build_absolute_uri("/")


def _rate_limited(request):
    """At most SENCO_RATE_LIMIT submissions an hour from one client (the shared limit of every public form)."""
    return not ratelimit.allow(request, "senco", settings.SENCO_RATE_LIMIT, 3600).allowed


@require_http_methods(["GET"])
def find_school(request):
    """Step 1: find the school by name or URN (a GET form, so the results have a shareable address)."""
    form = FindSchoolForm(request.GET or None)
    matches = None
    if form.is_valid():
        query = form.cleaned_data["q"].strip()
        if query.isascii() and query.isdigit():
            if len(query) != 6:
                form.add_error("q", "A URN is six digits, like 123456. Check the number, or search by name")
            else:
                matches = list(_schools().filter(urn=int(query)))
                if not matches:
                    form.add_error(
                        "q",
                        f"We could not find a school with URN {query}. Check the number, or search by the "
                        "school's name",
                    )
                    matches = None
                elif len(matches) == 1:
                    return redirect("senco_form", urn=matches[0].urn)
        else:
            words = [word for word in query.split() if word]
            same_postcode = postcode_q(query)  # "nb44er" finds NB4 4ER, as the schools finder does
            schools = _schools()
            for word in words:
                found = Q(title__icontains=word) | Q(postcode__icontains=word)
                schools = schools.filter(found | same_postcode if same_postcode else found)
            matches = list(schools.order_by("title")[: MAX_MATCHES + 1])
    return render(
        request,
        "directory/schools/senco/find.html",
        {"form": form, "matches": matches, "too_many": matches is not None and len(matches) > MAX_MATCHES},
    )


@never_cache
@require_http_methods(["GET", "POST"])
def submission_form(request, urn):
    """Step 2: the link, who is giving it, and their confirmation that they may."""
    school = get_object_or_404(_schools(), urn=urn)
    limited = False
    if request.method == "POST":
        form = SencoSubmissionForm(request.POST)
        if form.is_valid():
            if _rate_limited(request):
                limited = True
            else:
                submission = submissions.create_submission(school, form.cleaned_data, _base_url(request))
                check_submission_link.enqueue(submission.pk, _base_url(request))
                request.session[SESSION_KEY] = submission.pk
                return redirect("senco_sent", urn=school.urn)
    else:
        form = SencoSubmissionForm(initial={"report_url": school.sen_report_url})
    return render(
        request,
        "directory/schools/senco/form.html",
        {"form": form, "school": school, "rate_limited": limited},
        status=429 if limited else 200,
    )


def _session_submission(request, school):
    pk = request.session.get(SESSION_KEY)
    return SencoSubmission.objects.filter(pk=pk, school=school).first() if pk else None


@never_cache
@require_http_methods(["GET"])
def sent(request, urn):
    """After submitting: check your email; and, plainly, whether the link loaded."""
    school = get_object_or_404(_schools(), urn=urn)
    submission = _session_submission(request, school)
    if submission is None:
        return redirect("senco_form", urn=urn)
    hours = SchoolSettings.current().confirm_link_hours
    return render(
        request, "directory/schools/senco/sent.html", {"school": school, "submission": submission, "hours": hours}
    )


def _token_problem(request, school, reason, purpose):
    return render(
        request,
        "directory/schools/senco/token_problem.html",
        {"school": school, "reason": reason, "purpose": purpose},
        status=410 if reason in ("expired", "used") else 400,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request, urn, token):
    """The link in the confirmation email. GET shows a button (so email scanners that follow links change nothing);
    POST confirms."""
    school = get_object_or_404(SchoolPage.objects.visible(), urn=urn)
    try:
        submission = submissions.read_token(token, submissions.CONFIRM, urn)
    except submissions.TokenError as error:
        return _token_problem(request, school, error.reason, submissions.CONFIRM)
    if request.method == "POST":
        try:
            submission = submissions.confirm_email(submission, _base_url(request))
        except submissions.TokenError as error:
            return _token_problem(request, school, error.reason, submissions.CONFIRM)
        request.session[SESSION_KEY] = submission.pk
        return redirect("senco_done", urn=urn)
    return render(
        request,
        "directory/schools/senco/confirm.html",
        {"school": school, "submission": submission, "token": token},
    )


@never_cache
@require_http_methods(["GET"])
def done(request, urn):
    school = get_object_or_404(SchoolPage.objects.visible(), urn=urn)
    submission = _session_submission(request, school)
    if submission is None:
        raise Http404
    return render(request, "directory/schools/senco/done.html", {"school": school, "submission": submission})


@never_cache
@require_http_methods(["GET", "POST"])
def update(request, urn, token):
    """The private update link from the approval email: change or re-confirm the link without confirming the
    email again. It works once, and only for its own school."""
    school = get_object_or_404(SchoolPage.objects.visible(), urn=urn)
    try:
        previous = submissions.read_token(token, submissions.UPDATE, urn)
    except submissions.TokenError as error:
        return _token_problem(request, school, error.reason, submissions.UPDATE)
    if request.method == "POST":
        form = UpdateLinkForm(request.POST)
        if form.is_valid():
            try:
                submissions.claim_update_token(previous)
            except submissions.TokenError as error:
                return _token_problem(request, school, error.reason, submissions.UPDATE)
            data = {**form.cleaned_data, "senco_email": previous.senco_email}
            submission = submissions.create_submission(
                previous.school, data, _base_url(request), via=SencoSubmission.VIA_UPDATE_LINK, parent=previous
            )
            check_submission_link.enqueue(submission.pk, _base_url(request))
            request.session[SESSION_KEY] = submission.pk
            return redirect("senco_done", urn=urn)
    else:
        form = UpdateLinkForm(
            initial={
                "report_url": school.sen_report_url or previous.report_url,
                "senco_name": previous.senco_name,
                "senco_phone": previous.senco_phone,
            }
        )
    return render(
        request,
        "directory/schools/senco/update.html",
        {"form": form, "school": school, "action": reverse("senco_update", args=[urn, token])},
    )
