"""My list's one form: "Email this list to me" (the address is used for that email, never kept)."""

from django import forms


class MyListEmailForm(forms.Form):
    email = forms.EmailField(
        label="Your email address",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        help_text="We use it to send this one email. We do not keep it.",
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the right format, like name@example.com",
            "max_length": "Enter an email address of 254 characters or fewer",
        },
    )
