"""Publishing a "you said, we did" report is deliberate: the report's form saves it and never publishes it; its
"Publish..." button opens a confirmation page that lists what will go on the website (each theme's title, status,
summaries and number of comments), warns about themes no comment answers and about summaries that seem to name
someone, and refuses while a summary holds contact details. The same page takes a published report off the website."""

from django.contrib.admin.utils import quote
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.widgets.button import HeaderButton
from wagtail.log_actions import log
from wagtail.snippets.views.snippets import EditView

from localoffer.query_params import object_id

from .models import Report


class ReportEditView(EditView):
    """The report's editor, with its "Publish..." (or "Unpublish...") button in the header."""

    publish_url_name: str | None = None

    @cached_property
    def header_buttons(self):
        label = "Unpublish..." if self.object.is_published else "Publish..."
        url = reverse(self.publish_url_name, args=[quote(self.object.pk)])
        return [*super().header_buttons, HeaderButton(label, url=url, icon_name="upload", attrs={"data-publish": ""})]


class PublishReportView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "feedback/admin/publish_report.html"
    model = Report  # the permission policy comes from the model: without it, PermissionCheckedMixin checks nothing
    permission_required = "change"
    header_icon = "upload"
    breadcrumbs_items = None  # the page's own heading, seen: it says what is about to happen
    edit_url_name: str | None = None
    index_url_name: str | None = None

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        pk = object_id(kwargs.get("pk"))
        self.report = Report.objects.filter(pk=pk).first() if pk else None
        if self.report is None:
            raise Http404("No such report.")

    def get_page_title(self):
        return f"{'Unpublish' if self.report.is_published else 'Publish'} {self.report.title}"

    @cached_property
    def themes(self):
        return list(self.report.themes.all())

    @cached_property
    def checks(self):
        """What stops publishing (blocks) and what an officer should look at first (warnings)."""
        blocks = [
            f"'{title}': the 'you said' summary contains {' and '.join(found)}. Remove it: reports never "
            "identify anyone."
            for title, found in self.report.publishing_problems(self.themes)
        ]
        if not self.themes:
            blocks.append("The report has no themes. Add at least one theme saying what you heard and what you did.")
        return {
            "blocks": blocks,
            "names": self.report.name_warnings(self.themes),
            "no_comments": [theme.title for theme in self.themes if not theme.comment_count],
        }

    def get_context_data(self, **kwargs):
        edit_url = reverse(self.edit_url_name, args=[quote(self.report.pk)])
        return {
            **super().get_context_data(**kwargs),
            "report": self.report,
            "themes": self.themes,
            "stats": self.report.statistics,
            "checks": self.checks,
            "edit_url": edit_url,
            "public_url": self.report.get_absolute_url(),
        }

    def post(self, request, *args, **kwargs):
        edit_url = reverse(self.edit_url_name, args=[quote(self.report.pk)])
        if self.report.is_published:
            self.report.status = Report.Status.DRAFT
            self.report.save()
            log(instance=self.report, action="wagtail.unpublish", user=request.user)
            messages.success(request, f"'{self.report.title}' is no longer on the website. It is kept as a draft.")
            return redirect(edit_url)
        if self.checks["blocks"]:
            return self.render_to_response(self.get_context_data(), status=200)
        self.report.status = Report.Status.PUBLISHED
        self.report.save()
        log(instance=self.report, action="wagtail.publish", user=request.user)
        messages.success(
            request,
            f"'{self.report.title}' is published.",
            buttons=[messages.button(self.report.get_absolute_url(), "View it on the website")],
        )
        return redirect(edit_url)
