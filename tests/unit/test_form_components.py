from django import forms
from django.template import Context, Template


class ExampleForm(forms.Form):
    name = forms.CharField(label="Your name", max_length=10, help_text="As you would like us to use it")
    comment = forms.CharField(widget=forms.Textarea)
    topic = forms.ChoiceField(choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect)
    needs = forms.MultipleChoiceField(choices=[("1", "One"), ("2", "Two")], widget=forms.CheckboxSelectMultiple)
    agree = forms.BooleanField(label="I agree")


def render(form):
    template = Template(
        '{% include "components/error_summary.html" %}'
        '{% for field in form %}{% include "components/field.html" with field=field %}{% endfor %}'
    )
    return template.render(Context({"form": form}))


def test_error_summary_links_each_error_to_its_field_and_typed_values_are_kept():
    form = ExampleForm(data={"name": "far too long a name", "comment": "<b>hello</b>", "needs": ["2"]})
    assert not form.is_valid()
    html = render(form)
    assert 'class="error-summary"' in html
    assert 'href="#id_name"' in html and 'href="#id_topic_0"' in html and 'href="#id_agree"' in html
    assert 'value="far too long a name"' in html
    assert "&lt;b&gt;hello&lt;/b&gt;" in html and "<b>hello</b>" not in html
    assert 'id="id_needs_1" name="needs" type="checkbox" value="2" checked' in html
    assert 'aria-describedby="id_name-hint id_name-error"' in html
    assert 'class="input input--error"' in html


def test_valid_form_has_no_error_summary():
    form = ExampleForm(data={"name": "Sam", "comment": "hi", "topic": "a", "needs": ["1"], "agree": "on"})
    assert form.is_valid()
    assert "error-summary" not in render(form)
