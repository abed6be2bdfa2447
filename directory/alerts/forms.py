"""The one public form of the email alerts: an address, and the directory search it is for (a hidden field)."""

from django import forms

from ..changes.query import parse_query_string

MAX_QUERY_LENGTH = 2000


class AlertRequestForm(forms.Form):
    email = forms.EmailField(
        label="Your email address",
        max_length=254,
        help_text="We use it only to send these alerts. We will ask you to confirm it first.",
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
            "max_length": "Email address must be 254 characters or fewer",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    query = forms.CharField(required=False, max_length=MAX_QUERY_LENGTH, widget=forms.HiddenInput)

    def clean_query(self):
        query = self.cleaned_data.get("query") or ""
        search = parse_query_string(query)
        if search.errors:
            raise forms.ValidationError(
                "The search for this alert has a problem. Go back to the directory, check your choices and try again"
            )
        self.search = search
        return search.query_string

    def clean(self):
        cleaned = super().clean()
        if "query" in self.errors:  # a hidden field: say it where the person can see it
            self.add_error(None, self.errors.pop("query"))
        return cleaned
