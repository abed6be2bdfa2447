"""The officers' services listing (Directory, "Services"): every service, live or draft, filtered by tier, category,
need type, area of need, organisation, owning team, review status, live or draft and in or out of the area; sortable;
exported as the services spreadsheet (directory/openreferral/spreadsheet.py: the same columns its import reads, so an
exported selection can be edited and sent back); the bulk actions of page listings (bulk.py: this listing's
and the explorer's) work on it.

It is Wagtail's own page listing (PageListingViewSet), so search, pagination and the page actions work as everywhere
else in the admin. Its own package because it sits above the capabilities it reads: the services, their taxonomy,
upkeep's review dates and the open-data spreadsheet (which itself reads providers, which read upkeep)."""
