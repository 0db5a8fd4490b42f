"""WCAG contrast of every highlight and of the focus frame, in every theme (light, dark, sepia)."""
from __future__ import annotations

import pytest

from viewer.core.groups import GROUPS, LINK_ON_DARK, LINK_ON_LIGHT, TEXT_ON_DARK, TEXT_ON_LIGHT, contrast_ratio
from viewer.ui.reading_pane import KEY_POINT_BAR, KEY_POINT_COLOURS, group_formats
from viewer.ui.theme import DARK, FOCUS, SEPIA, dark_palette, sepia_palette

AA_TEXT = 4.5  # WCAG 2 AA, body text
AA_NON_TEXT = 3.0  # WCAG 2.2 1.4.11, focus indicators and other visual cues


def test_contrast_ratio_matches_known_values():
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert contrast_ratio("#ffffff", "#ffffff") == pytest.approx(1.0)


@pytest.mark.parametrize("group", GROUPS, ids=lambda g: g.name)
def test_highlight_text_meets_aa(group):
    assert contrast_ratio(group.light, TEXT_ON_LIGHT) >= AA_TEXT
    assert contrast_ratio(group.dark, TEXT_ON_DARK) >= AA_TEXT


@pytest.mark.parametrize("group", GROUPS, ids=lambda g: g.name)
def test_a_link_under_a_highlight_meets_aa(group):
    assert contrast_ratio(group.light, LINK_ON_LIGHT) >= AA_TEXT
    assert contrast_ratio(group.dark, LINK_ON_DARK) >= AA_TEXT


def test_the_reading_pane_uses_those_colours(qapp):
    for dark, text in ((False, TEXT_ON_LIGHT), (True, TEXT_ON_DARK)):
        formats = group_formats(dark)
        for group in GROUPS:
            fmt = formats[group.name]
            assert fmt.foreground().color().name() == text
            assert fmt.background().color().name() == (group.dark if dark else group.light)


def test_key_point_marks_meet_aa():
    light_rest, light_flash = KEY_POINT_COLOURS[False]
    dark_rest, dark_flash = KEY_POINT_COLOURS[True]
    assert contrast_ratio(light_rest, TEXT_ON_LIGHT) >= AA_TEXT
    assert contrast_ratio(dark_rest, TEXT_ON_DARK) >= AA_TEXT
    # The flash is drawn with dark text in both themes (reading_pane._refresh_key_point).
    assert contrast_ratio(light_flash, TEXT_ON_LIGHT) >= AA_TEXT
    assert contrast_ratio(dark_flash, TEXT_ON_LIGHT) >= AA_TEXT


def test_focus_frame_stands_out_in_both_themes(qapp):
    light_window = qapp.style().standardPalette().color(qapp.style().standardPalette().ColorRole.Window).name()
    light_base = qapp.style().standardPalette().color(qapp.style().standardPalette().ColorRole.Base).name()
    for background in (light_window, light_base):
        assert contrast_ratio(FOCUS["light"][0], background) >= AA_NON_TEXT
    for background in (DARK["window"], DARK["base"]):
        assert contrast_ratio(FOCUS["dark"][0], background) >= AA_NON_TEXT


def test_dark_palette_text_meets_aa(qapp):
    palette = dark_palette()
    role = palette.ColorRole
    for fg, bg in ((role.Text, role.Base), (role.WindowText, role.Window), (role.HighlightedText, role.Highlight),
                   (role.ButtonText, role.Button), (role.PlaceholderText, role.Base)):
        assert contrast_ratio(palette.color(fg).name(), palette.color(bg).name()) >= AA_TEXT, (fg, bg)


def test_every_highlighted_group_is_marked_differently_without_colour(qapp):
    """Underline style plus overline tells each shown group apart in greyscale too."""
    formats = group_formats(dark=False)
    markings = {}
    for group in GROUPS:
        if group.hidden_by_default:
            continue
        fmt = formats[group.name]
        marking = (fmt.underlineStyle(), fmt.fontOverline())
        assert marking not in markings, f"{group.name} looks like {markings.get(marking)}"
        markings[marking] = group.name


def theme_palette(qapp, theme: str):
    return {"light": qapp.style().standardPalette, "dark": dark_palette, "sepia": sepia_palette}[theme]()


@pytest.mark.parametrize("theme", ["light", "dark", "sepia"])
def test_every_themes_text_meets_aa(qapp, theme):
    palette = theme_palette(qapp, theme)
    role = palette.ColorRole
    pairs = [(role.Text, role.Base), (role.WindowText, role.Window), (role.ButtonText, role.Button),
             (role.Link, role.Base)]
    if theme != "light":  # light is the platform's own palette: its selection and placeholders are its own
        pairs += [(role.HighlightedText, role.Highlight), (role.PlaceholderText, role.Base)]
    for fg, bg in pairs:
        assert contrast_ratio(palette.color(fg).name(), palette.color(bg).name()) >= AA_TEXT, (theme, fg, bg)


@pytest.mark.parametrize("theme", ["light", "dark", "sepia"])
def test_every_themes_marks_stand_out(qapp, theme):
    """The focus frame, the key point's bar, the quotation rule and the reading-progress line: 3:1 at least."""
    palette = theme_palette(qapp, theme)
    role = palette.ColorRole
    page, window = palette.color(role.Base).name(), palette.color(role.Window).name()
    dark = theme == "dark"
    for background in (page, window):
        assert contrast_ratio(FOCUS[theme][0], background) >= AA_NON_TEXT
    assert contrast_ratio(KEY_POINT_BAR[dark], page) >= AA_NON_TEXT
    assert contrast_ratio(palette.color(role.Text).name(), page) >= AA_NON_TEXT  # the quotation rule
    assert contrast_ratio(palette.color(role.Highlight).name(), page) >= AA_NON_TEXT  # the progress line


def test_sepia_is_firefox_reader_views_page_and_text():
    assert (SEPIA["base"], SEPIA["text"]) == ("#f4ecd8", "#5b4636")
