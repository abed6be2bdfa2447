"""Contrast arithmetic from WCAG 2.2, so a council's brand colour never makes text unreadable."""

import re

HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
DARK_TEXT = "#0b0c0c"
LIGHT_TEXT = "#ffffff"


def relative_luminance(hex_colour):
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(first, second):
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def text_colour_for(background, minimum=4.5):
    """The text colour (near-black or white) with the higher contrast on this background.

    On a mid-grey neither may reach 4.5:1; pure black then does, since black's and white's contrasts on
    any colour multiply to 21."""
    best = max((DARK_TEXT, LIGHT_TEXT), key=lambda text: contrast_ratio(background, text))
    return best if contrast_ratio(background, best) >= minimum else "#000000"
