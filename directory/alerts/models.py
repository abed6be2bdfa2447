"""Email alerts for a directory search: an address and a search (the directory's query string), nothing else.

No account and no password. The address is used only for this alert's emails, shown on no page, written to no log,
and deleted with the alert: on unsubscribing, when a request is not confirmed in time, and when its owner has not
said "yes, keep sending" for a year (lifecycle.py)."""

import secrets

from django.db import models


def new_nonce() -> str:
    return secrets.token_hex(16)


class SearchAlertQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)

    def unconfirmed(self):
        return self.filter(confirmed_at__isnull=True)


class SearchAlert(models.Model):
    email = models.EmailField(max_length=254)
    query = models.TextField(blank=True, help_text="The directory search, as a tidy query string.")
    nonce = models.CharField(max_length=32, default=new_nonce, editable=False)  # part of every link; never shown
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    # Changes after the later of confirmed_at and last_sent_at go into the next digest.
    last_sent_at = models.DateTimeField(null=True, blank=True)
    # When the owner last said they want these emails (confirming counts); a year later the alert is deleted.
    interest_confirmed_at = models.DateTimeField(null=True, blank=True)
    interest_asked_at = models.DateTimeField(null=True, blank=True)

    objects = SearchAlertQuerySet.as_manager()

    class Meta:
        verbose_name = "search alert"

    def __str__(self):
        return f"Search alert {self.pk}"  # never the address
