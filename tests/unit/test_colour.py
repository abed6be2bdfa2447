import pytest

from localoffer.colour import contrast_ratio, text_colour_for


def test_contrast_ratio_matches_wcag_reference_values():
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#ffffff", "#ffffff") == pytest.approx(1.0)
    # GOV.UK blue on white is documented as 5.17:1.
    assert contrast_ratio("#1d70b8", "#ffffff") == pytest.approx(5.17, abs=0.01)


@pytest.mark.parametrize(
    "background",
    [
        "#1d70b8",
        "#ffdd00",
        "#00594f",
        "#777777",
        "#ff0000",
        "#000000",
        "#ffffff",
        "#808080",
        "#5a5a5a",
        "#00ff00",
        "#767676",
        "#7a7a7a",
    ],
)
def test_text_colour_always_reaches_aa_contrast(background):
    assert contrast_ratio(background, text_colour_for(background)) >= 4.5


def test_dark_text_on_light_brand_and_light_text_on_dark_brand():
    assert text_colour_for("#ffdd00") == "#0b0c0c"
    assert text_colour_for("#00594f") == "#ffffff"
