"""Everything the directory app adds to the Wagtail admin, registered here in one place: each capability package
defines its viewsets, views, menu items, dashboard counts and digest sections as plain objects; this file wires them.

Two hooks of our own: "localoffer_dashboard_counts" (the officers' dashboard, upkeep/dashboard.py) and
"localoffer_digest_sections" (the owners' weekly digest, upkeep/digest.py); "directory_link_results" hands the
nightly link check's results to page types that keep their own state."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from .edition import admin as edition_admin
from .listing.admin import DirectoryMenu
from .listing.bulk import AssignOwningTeamBulkAction, MarkReviewedBulkAction
from .openreferral import admin as openreferral_admin
from .providers import admin as providers_admin
from .providers.models import ProposedChange
from .schools import admin as schools_admin
from .schools.models import SchoolPage
from .schools.senco import admin as senco_admin
from .schools.senco.models import SencoSubmission
from .upkeep import admin as upkeep_admin
from .upkeep import background
from .upkeep.dashboard import add_dashboard_panel

# The Directory menu: the officers' services listing (listing/), taxonomies and organisations
register_snippet(DirectoryMenu)

# The printed edition: officers choose its sections; saving one has the worker make it again
register_snippet(edition_admin.PrintedEditionViewSet)
hooks.register("after_create_snippet", edition_admin.remake_after_save)
hooks.register("after_edit_snippet", edition_admin.remake_after_save)

# Schools: GIAS import, SENCO submissions, the Schools menu
register_permission_policy(SencoSubmission, senco_admin.senco_permission_policy)
hooks.register("register_admin_viewset", lambda: senco_admin.senco_submission_viewset)
hooks.register("register_admin_urls", schools_admin.admin_urls)
hooks.register("register_admin_menu_item", schools_admin.schools_menu_item)
hooks.register("directory_link_results", SchoolPage.record_link_results)

# Providers keeping their listings right: provider contacts, proposed changes and the officers' decisions
register_permission_policy(ProposedChange, providers_admin.proposed_change_permission_policy)
hooks.register("register_admin_viewset", lambda: providers_admin.ProvidersViewSetGroup())
hooks.register("register_log_actions", providers_admin.log_actions)
hooks.register("register_page_header_buttons", providers_admin.provider_contact_button)
hooks.register("register_admin_urls", providers_admin.admin_urls)
hooks.register("register_reports_menu_item", providers_admin.answers_menu_item)

# Open data: importing Open Referral UK feeds, and what their taxonomy terms mean here
hooks.register("register_admin_urls", openreferral_admin.admin_urls)
hooks.register("register_admin_viewset", lambda: openreferral_admin.term_mapping_viewset)
hooks.register("register_admin_menu_item", openreferral_admin.open_data_menu_item)

# Upkeep: reports (Due for review, Broken links, Statutory coverage, Sufficiency, Reading age, Background tasks), the
# officers' dashboard
hooks.register("register_admin_urls", upkeep_admin.admin_urls)
hooks.register("register_reports_menu_item", upkeep_admin.due_for_review_menu_item)
hooks.register("register_reports_menu_item", upkeep_admin.broken_links_menu_item)
hooks.register("register_reports_menu_item", upkeep_admin.coverage_menu_item)
hooks.register("register_reports_menu_item", upkeep_admin.sufficiency_menu_item)
hooks.register("register_reports_menu_item", upkeep_admin.reading_age_menu_item)
hooks.register("register_log_actions", upkeep_admin.review_log_actions)
hooks.register("register_bulk_action", AssignOwningTeamBulkAction)  # in every page listing, the services' too
hooks.register("register_bulk_action", MarkReviewedBulkAction)
hooks.register("register_admin_urls", background.admin_urls)  # Background tasks: failed and retrying
hooks.register("register_reports_menu_item", background.menu_item)
hooks.register("construct_homepage_panels", add_dashboard_panel)

# Dashboard counts, in the order of their `order` field
hooks.register("localoffer_dashboard_counts", upkeep_admin.due_for_review_count)
hooks.register("localoffer_dashboard_counts", upkeep_admin.broken_links_count)
hooks.register("localoffer_dashboard_counts", upkeep_admin.coverage_count)
hooks.register("localoffer_dashboard_counts", senco_admin.pending_senco_submissions_count)
hooks.register("localoffer_dashboard_counts", providers_admin.pending_count)
hooks.register("localoffer_dashboard_counts", schools_admin.broken_school_links_count)
hooks.register("localoffer_dashboard_counts", background.failed_tasks_count)
hooks.register("localoffer_dashboard_counts", upkeep_admin.reading_age_count)

# Sections of the owners' weekly digest
hooks.register("localoffer_digest_sections", upkeep_admin.review_section)
hooks.register("localoffer_digest_sections", upkeep_admin.broken_links_section)
hooks.register("localoffer_digest_sections", schools_admin.schools_digest_section)
hooks.register("localoffer_digest_sections", providers_admin.digest_section)
hooks.register("localoffer_digest_sections", upkeep_admin.reading_age_section)
