"""Forms for SENCOs (public, no account) and for officers deciding on their submissions."""

from django import forms

from ...url_safety import MAX_URL_LENGTH, check_public_url

SEARCH_MAX_LENGTH = 120


class FindSchoolForm(forms.Form):
    q = forms.CharField(
        label="Your school's name or URN",
        max_length=SEARCH_MAX_LENGTH,
        help_text="The URN is the six-digit unique reference number the Department for Education gives your school.",
        error_messages={
            "required": "Enter your school's name or URN",
            "max_length": f"Enter {SEARCH_MAX_LENGTH} characters or fewer",
        },
    )


class ReportLinkField(forms.CharField):
    """A web address, checked as url_safety does (so javascript:, data: and private addresses are refused)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", MAX_URL_LENGTH)
        kwargs.setdefault(
            "error_messages",
            {
                "required": "Enter the web address of your SEN information report",
                "max_length": f"The web address must be {MAX_URL_LENGTH} characters or fewer",
            },
        )
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.update({"spellcheck": "false", "autocomplete": "url", "inputmode": "url"})
        return attrs

    def clean(self, value):
        value = super().clean(value)
        error = check_public_url(value)
        if error:
            raise forms.ValidationError(error)
        return value


class SencoSubmissionForm(forms.Form):
    report_url = ReportLinkField(
        label="Web address of your SEN information report",
        help_text="Copy it from your browser's address bar, for example https://www.example-school.sch.uk/send. "
        "It can be a page or a document.",
    )
    senco_name = forms.CharField(
        label="Your full name",
        max_length=120,
        error_messages={"required": "Enter your full name", "max_length": "Enter 120 characters or fewer"},
    )
    senco_email = forms.EmailField(
        label="Your work email address",
        max_length=254,
        help_text="We send a link to this address to check it is yours. Use your school address, not a personal one.",
        error_messages={
            "required": "Enter your work email address",
            "invalid": "Enter an email address in the correct format, like name@example-school.sch.uk",
        },
    )
    senco_email_confirm = forms.EmailField(
        label="Your work email address again",
        max_length=254,
        error_messages={
            "required": "Enter your work email address again",
            "invalid": "Enter an email address in the correct format, like name@example-school.sch.uk",
        },
    )
    senco_phone = forms.CharField(
        label="Your work phone number",
        required=False,
        max_length=40,
        help_text="Only if you are happy for an officer to call you about this. It is never published.",
        error_messages={"max_length": "Enter 40 characters or fewer"},
    )
    confirm_authority = forms.BooleanField(
        label="I am the SENCO or a member of staff at this school, and I may update its entry",
        error_messages={"required": "Confirm that you may update this school's entry"},
    )

    field_order = ["report_url", "senco_name", "senco_email", "senco_email_confirm", "senco_phone", "confirm_authority"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("senco_name", "senco_email", "senco_email_confirm", "senco_phone"):
            self.fields[name].widget.attrs["spellcheck"] = "false"
        self.fields["senco_name"].widget.attrs["autocomplete"] = "name"
        self.fields["senco_email"].widget.attrs["autocomplete"] = "email"
        self.fields["senco_email_confirm"].widget.attrs["autocomplete"] = "email"
        self.fields["senco_phone"].widget = forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"})

    def clean_senco_phone(self):
        phone = self.cleaned_data.get("senco_phone", "").strip()
        if phone and not all(ch in "0123456789 +()-" for ch in phone):
            raise forms.ValidationError("Enter a phone number, like 01632 960 001")
        if phone and sum(ch in "0123456789" for ch in phone) < 10:
            raise forms.ValidationError("Enter a phone number with at least 10 digits, like 01632 960 001")
        return phone

    def clean(self):
        cleaned = super().clean()
        email, again = cleaned.get("senco_email"), cleaned.get("senco_email_confirm")
        if email and again and email.strip().lower() != again.strip().lower():
            self.add_error("senco_email_confirm", "The email addresses do not match. Enter your work email again")
        return cleaned


class UpdateLinkForm(forms.Form):
    """Through the private update link: the email address is already proved, so it is not asked again."""

    report_url = SencoSubmissionForm.base_fields["report_url"]
    senco_name = SencoSubmissionForm.base_fields["senco_name"]
    senco_phone = SencoSubmissionForm.base_fields["senco_phone"]

    clean_senco_phone = SencoSubmissionForm.clean_senco_phone

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["report_url"].help_text = "Change it if your report has moved, or leave it to confirm it is right."
        self.fields["senco_phone"].widget = forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"})


class RejectForm(forms.Form):
    reason = forms.CharField(
        label="Reason (the SENCO is sent this)",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=1000,
        error_messages={"required": "Give a reason: the SENCO is told it."},
    )
