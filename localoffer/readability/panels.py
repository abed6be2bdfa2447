"""The reading-age panel in the page editor (information, service and school pages): the reading age of the page's
body text against the target, its longest sentences and the jargon it uses. Advice only: it never stops publishing."""

from wagtail.admin.panels import FieldPanel, MultiFieldPanel, Panel

from .analysis import analyse_page


class ReadingAgePanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "localoffer/admin/reading_age_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["analysis"] = analyse_page(self.instance)
            context["saved"] = bool(self.instance.pk)
            return context


def plain_english_panel():
    """The editor's "Plain English" group: the reading age and the switch for explaining glossary words."""
    return MultiFieldPanel(
        [ReadingAgePanel(heading="Reading age and jargon"), FieldPanel("explain_terms")],
        heading="Plain English",
        help_text="Advice to help you keep this page easy to read. It never stops you publishing.",
    )
