from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class LinkBlock(blocks.StructBlock):
    """A link to a page on this site or, failing that, a web address."""

    page = blocks.PageChooserBlock(required=False)
    url = blocks.URLBlock(required=False, help_text="Only if the link is not to a page on this site.")
    title = blocks.CharBlock(required=False, help_text="Leave blank to use the page's title.")

    class Meta:
        icon = "link"

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            raise blocks.StructBlockValidationError(
                block_errors={"page": blocks.BlockValidationError("Choose a page or enter a web address.")}
            )
        return value


class KeyLinkBlock(LinkBlock):
    description = blocks.CharBlock(required=False, max_length=200)

    class Meta:
        template = "components/blocks/key_link.html"


class BrowseSectionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=80, help_text="For example: By age")
    links = blocks.ListBlock(LinkBlock())

    class Meta:
        icon = "list-ul"
        template = "components/blocks/browse_section.html"


class CalloutBlock(blocks.StructBlock):
    heading = blocks.CharBlock(required=False)
    text = blocks.RichTextBlock(features=["bold", "link", "ul"])
    style = blocks.ChoiceBlock(
        choices=[("information", "Information"), ("important", "Important")], default="information"
    )

    class Meta:
        icon = "warning"
        template = "components/blocks/callout.html"


class ContactCardBlock(blocks.StructBlock):
    name = blocks.CharBlock(help_text="A team or role, such as 'SEN Assessment Team'. Not a person's home details.")
    description = blocks.TextBlock(required=False)
    phone = blocks.CharBlock(required=False)
    email = blocks.EmailBlock(required=False)
    website = blocks.URLBlock(required=False)
    address = blocks.TextBlock(required=False)
    opening_hours = blocks.CharBlock(required=False)

    class Meta:
        icon = "user"
        template = "components/blocks/contact_card.html"


class DetailsBlock(blocks.StructBlock):
    summary = blocks.CharBlock(help_text="The question or heading people click to open it.")
    content = blocks.RichTextBlock(features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "collapse-down"
        template = "components/blocks/details.html"


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock()
    title = blocks.CharBlock(required=False, help_text="Leave blank to use the document's title.")
    description = blocks.CharBlock(required=False)

    class Meta:
        icon = "doc-full"
        template = "components/blocks/document_link.html"


class InformationStreamBlock(blocks.StreamBlock):
    text = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, template="components/blocks/rich_text.html")
    callout = CalloutBlock()
    contact = ContactCardBlock()
    details = DetailsBlock()
    document = DocumentLinkBlock()
