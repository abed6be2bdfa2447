from django import forms
from django.core.exceptions import ValidationError

from localoffer.query_params import object_id
from localoffer.visibility import visible_pages

from .models import COMMENT_MAX_LENGTH, Role, Topic

NAME_MAX_LENGTH = 100


class CommentForm(forms.Form):
    """The public "Have your say" form. Every message says what to do next, GOV.UK style."""

    topic = forms.ChoiceField(
        label="What is your comment about?",
        choices=Topic.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select what your comment is about",
            "invalid_choice": "Select what your comment is about",
        },
    )
    body = forms.CharField(
        label="Your comment",
        max_length=COMMENT_MAX_LENGTH,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 8, "data-maxlength": COMMENT_MAX_LENGTH, "spellcheck": "true"}),
        help_text=f"You can enter up to {COMMENT_MAX_LENGTH:,} characters. Do not include a child's name or any "
        "medical details.",
        error_messages={"required": "Enter your comment"},
    )
    role = forms.ChoiceField(
        label="Who are you?",
        choices=Role.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select who you are, or select 'Prefer not to say'",
            "invalid_choice": "Select who you are, or select 'Prefer not to say'",
        },
    )
    name = forms.CharField(
        label="Your name",
        required=False,
        max_length=NAME_MAX_LENGTH,
        widget=forms.TextInput(attrs={"autocomplete": "name", "spellcheck": "false"}),
        error_messages={"max_length": f"Your name must be {NAME_MAX_LENGTH} characters or fewer"},
    )
    email = forms.EmailField(
        label="Your email address",
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        help_text="Only if you would like us to reply.",
        error_messages={
            "invalid": "Enter an email address in the correct format, like name@example.com",
            "max_length": "Your email address must be 254 characters or fewer",
        },
    )
    consent_to_contact = forms.BooleanField(
        label="You can contact me about my comment",
        required=False,
    )
    page = forms.CharField(required=False, widget=forms.HiddenInput)
    token = forms.CharField(required=False, widget=forms.HiddenInput)
    # The honeypot: hidden from people (the `hidden` attribute), filled in by naive bots.
    website = forms.CharField(required=False, label="Leave this empty", max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].error_messages["max_length"] = (
            f"Your comment must be {COMMENT_MAX_LENGTH:,} characters or fewer"
        )

    def clean_body(self):
        body = self.cleaned_data["body"]
        if not body.strip():
            raise ValidationError("Enter your comment")
        return body

    def clean_page(self):
        """The page the comment is about, if it is a real live page; anything else is quietly dropped."""
        return page_from_query(self.cleaned_data.get("page"))

    def clean(self):
        cleaned = super().clean()
        email = cleaned.get("email")
        consent = cleaned.get("consent_to_contact")
        if consent and not email and "email" not in self.errors:
            self.add_error("email", "Enter your email address so we can reply, or untick 'You can contact me'")
        if email and not consent:
            self.add_error(
                "consent_to_contact",
                "Tick the box if we can contact you, or remove your email address",
            )
        return cleaned


def page_from_query(value):
    """The page named by ?page=<pk> on the form's URL if the public may see it, or None for anything else."""
    pk = object_id(value)
    if pk is None:
        return None
    return visible_pages().filter(pk=pk).specific().first()
