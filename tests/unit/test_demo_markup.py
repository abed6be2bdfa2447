"""The demo pages' small Markdown (demo/markup.py): what it turns into, and mistakes named with their line."""

import pytest

from demo import content, markup


def test_text_becomes_the_rich_text_the_page_editor_writes():
    text = "## Heading\n\nA **bold** word and\n[a link](/personal-budgets/).\n\n- one\n- two\n  continued\n\n1. first\n2. second"
    assert markup.to_html(text) == (
        '<h2>Heading</h2><p>A <b>bold</b> word and <a href="/personal-budgets/">a link</a>.</p>'
        "<ul><li>one</li><li>two continued</li></ul><ol><li>first</li><li>second</li></ol>"
    )


def test_html_is_shown_as_typed_and_italic_needs_closing():
    assert markup.to_html('Fish & <chips> "now"') == '<p>Fish &amp; &lt;chips&gt; "now"</p>'
    assert markup.to_html("*really* 2 * 3") == "<p><i>really</i> 2 * 3</p>"


def test_blocks_between_fences():
    shared = {"team": {"name": "The team", "phone": "01632 960 000"}}
    body = (
        "Intro.\n\n::: important Watch out\n- a\n:::\n\n::: details A question?\nAn answer.\n:::\n\n"
        '::: contact\nname = "Desk"\naddress = """\nLine 1\nLine 2"""\n:::\n\n::: contact team\n:::'
    )
    assert markup.blocks(body, shared) == [
        ("text", "<p>Intro.</p>"),
        ("callout", {"heading": "Watch out", "text": "<ul><li>a</li></ul>", "style": "important"}),
        ("details", {"summary": "A question?", "content": "<p>An answer.</p>"}),
        ("contact", {**dict.fromkeys(markup.CONTACT_FIELDS, ""), "name": "Desk", "address": "Line 1\nLine 2"}),
        ("contact", {**dict.fromkeys(markup.CONTACT_FIELDS, ""), "name": "The team", "phone": "01632 960 000"}),
    ]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("Text\n\n# Title", "page.md, line 13: use ## or ###"),
        ("::: details Open\nnever closed", "page.md, line 11: the ::: details block is never closed"),
        ("::: box\n:::", "unknown block '::: box'"),
        ("::: contact nobody\n:::", "no shared contact 'nobody'"),
        ('::: contact\nname = "A"\nfax = "1"\n:::', "has no field fax"),
        ("::: callout\n::: details x\n:::", "line 12: a ::: block inside another"),
    ],
)
def test_mistakes_name_the_file_and_line(body, message):
    with pytest.raises(markup.MarkupError, match=message):
        markup.blocks(body, {}, "page.md", first_line=11)


def test_every_demo_data_file_reads():
    pages = content.information_pages()
    assert len(pages) == len(content.site()["pages"]) and all(page["body"] for page in pages)
    assert {slug for slug, _ in content.key_information()} <= {page["slug"] for page in pages}
    assert len(content.services()) == len(content.service_templates()) > 40
    assert content.schools()["senco_update"] and content.feedback()["report"]
    assert content.schools_csv().startswith(b"URN,")
