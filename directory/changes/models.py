"""What's new in the directory: a log of services added, closed and changed in ways that matter to a family, and
each service's last published state, which the next publish is compared with (record.py writes both)."""

from django.db import models

from ..services.models import ServicePage


class ChangeKind(models.TextChoices):
    ADDED = "added", "New service"
    CHANGED = "changed", "Changed"
    CLOSED = "closed", "Closed"


class ServiceState(models.Model):
    """A service's facts as last published (or last seen live): one row per service page, kept by page id so that a
    deleted page's row can still say it was live."""

    page_id = models.IntegerField(unique=True)
    facts = models.JSONField(null=True)  # None: not known (services live before What's new began)
    live = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "service state"


class ServiceChangeQuerySet(models.QuerySet):
    def since(self, moment):
        """The changes after `moment`, newest first, leaving out those of a service that is live but hidden from the
        public now (put behind a login or password, or past its expiry, after the change was logged): What's new,
        its feed and the alerts show a service's name and summary, which only the public's services may."""
        hidden = ServicePage.objects.live().exclude(pk__in=ServicePage.objects.visible().values("pk"))
        return self.filter(happened_at__gt=moment).exclude(page__in=hidden.values("pk")).order_by("-happened_at", "-pk")


class ServiceChange(models.Model):
    """One entry on What's new. It keeps the service's name, summary and what the directory's filters read (facets)
    as they were at the time, so a closed service can still be listed and filtered."""

    page = models.ForeignKey(ServicePage, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    kind = models.CharField(max_length=10, choices=ChangeKind.choices)
    title = models.CharField(max_length=255)
    summary = models.TextField(blank=True)
    url = models.CharField(max_length=500, blank=True)  # the service's page when it happened ("" once closed)
    what = models.JSONField(default=list)  # for "changed": the labels of what changed ("eligibility", "cost", ...)
    facets = models.JSONField(default=dict)
    happened_at = models.DateTimeField(db_index=True)

    objects = ServiceChangeQuerySet.as_manager()

    class Meta:
        verbose_name = "service change"
        ordering = ["-happened_at", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.title}"

    @property
    def what_text(self):
        """ "eligibility, cost and contact details" """
        if len(self.what) < 2:
            return "".join(self.what)
        return ", ".join(self.what[:-1]) + " and " + self.what[-1]
