"""Branding from .streamlit/branding.toml and the environment, validated with clear messages."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

from app.reports import Branding, BrandingError, load_branding, make_branding
from app.reports._branding import DEFAULT_ACCENT_COLOR, DEFAULT_COMPANY_NAME, MAX_LOGO_BYTES

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32  # the PNG signature is what the check reads
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>'


def write(folder: Path, text: str) -> Path:
    path = folder / "branding.toml"
    path.write_text(text, encoding="utf-8")
    return path


class TestLoading:
    def test_defaults_without_a_file(self, tmp_path):
        """No file and no variables: the app's own name and the first plan colour."""
        branding = load_branding(tmp_path / "missing.toml", environ={})
        assert (branding.company_name, branding.accent_color, branding.logo_data_uri) == (
            DEFAULT_COMPANY_NAME,
            DEFAULT_ACCENT_COLOR,
            None,
        )

    def test_file_settings(self, tmp_path):
        """Name, colour and a logo path relative to the file are read from the TOML file."""
        (tmp_path / "logo.png").write_bytes(PNG)
        path = write(
            tmp_path,
            'company_name = "Example Telecom"\naccent_color = "#0b5cad"\nlogo = "logo.png"\n',
        )
        branding = load_branding(path, environ={})
        assert branding.company_name == "Example Telecom"
        assert branding.accent_color == "#0B5CAD"
        assert branding.logo_data_uri == "data:image/png;base64," + base64.b64encode(PNG).decode()

    def test_environment_wins_over_the_file(self, tmp_path):
        """SEAT_SAVINGS_COMPANY_NAME overrides the file's company name."""
        path = write(tmp_path, 'company_name = "From file"\n')
        branding = load_branding(path, environ={"SEAT_SAVINGS_COMPANY_NAME": "From env"})
        assert branding.company_name == "From env"

    def test_unknown_setting(self, tmp_path):
        """A misspelt key is an error naming it and the known keys."""
        path = write(tmp_path, 'accent_colour = "#0B5CAD"\n')
        with pytest.raises(BrandingError) as info:
            load_branding(path, environ={})
        assert str(info.value) == (
            f"{path}: unknown setting accent_colour; the settings are company_name, logo, "
            "accent_color"
        )

    def test_invalid_toml(self, tmp_path):
        """A file that is not TOML is named in the message."""
        path = write(tmp_path, "company_name = \n")
        with pytest.raises(BrandingError, match=r"branding\.toml is not valid TOML"):
            load_branding(path, environ={})


class TestAccentColour:
    def test_low_contrast_is_refused(self):
        """Yellow on white (1.07:1) is refused: accents need 3:1."""
        with pytest.raises(BrandingError) as info:
            make_branding(accent_color="#FFFF00")
        assert str(info.value) == (
            "accent_color #FFFF00 has a contrast of 1.07:1 against white; it needs at least 3:1 "
            "(WCAG 2.1, 1.4.11) to be seen: choose a darker colour"
        )

    def test_just_enough_contrast_is_accepted(self):
        """#949494 has 3.03:1 against white and is accepted."""
        assert make_branding(accent_color="#949494").accent_color == "#949494"

    @pytest.mark.parametrize("colour", ["red", "#12345", "#GGGGGG", "rgb(0,0,0)", 123])
    def test_format_is_refused(self, colour):
        """Only #RRGGBB is accepted; CSS could otherwise be smuggled into the reports."""
        with pytest.raises(BrandingError) as info:
            make_branding(accent_color=colour)
        assert str(info.value) == (
            f"accent_color must be a colour written #RRGGBB, e.g. #0B5CAD; got {colour!r}"
        )


class TestCompanyName:
    def test_control_characters_are_refused(self):
        """A name with a line break is refused with the value."""
        with pytest.raises(BrandingError) as info:
            make_branding(company_name="Evil\nCorp")
        assert str(info.value) == (
            "company_name must be 1 to 80 characters without control characters; got 'Evil\\nCorp'"
        )

    def test_markup_is_kept_as_text(self):
        """Names may hold any printable text; the reports escape it."""
        assert make_branding(company_name="<b>Acme</b>").company_name == "<b>Acme</b>"


class TestLogo:
    def test_svg_file(self, tmp_path):
        """An SVG logo becomes an image/svg+xml data URI."""
        (tmp_path / "logo.svg").write_bytes(SVG)
        branding = make_branding(logo="logo.svg", base=tmp_path)
        assert branding.logo_data_uri.startswith("data:image/svg+xml;base64,")
        assert branding.logo_bytes == SVG

    def test_wrong_content_is_refused(self, tmp_path):
        """A file named .png that is not a PNG is refused."""
        (tmp_path / "logo.png").write_bytes(b"GIF89a")
        with pytest.raises(BrandingError) as info:
            make_branding(logo="logo.png", base=tmp_path)
        assert str(info.value) == f"logo file {tmp_path / 'logo.png'} is not a PNG image"

    def test_unsupported_type(self, tmp_path):
        """Only PNG, JPEG and SVG files are accepted."""
        with pytest.raises(BrandingError) as info:
            make_branding(logo="logo.gif", base=tmp_path)
        assert (
            str(info.value) == "logo 'logo.gif' must be a .png, .jpg, .jpeg or .svg file; got .gif"
        )

    def test_missing_file(self, tmp_path):
        """A logo path that does not exist is named."""
        with pytest.raises(BrandingError) as info:
            make_branding(logo="nope.png", base=tmp_path)
        assert str(info.value) == f"logo file {tmp_path / 'nope.png'} does not exist"

    def test_too_big(self, tmp_path):
        """Logos are capped at 256 KiB."""
        (tmp_path / "logo.png").write_bytes(PNG + b"\x00" * MAX_LOGO_BYTES)
        with pytest.raises(BrandingError, match="the limit is 262,144 bytes"):
            make_branding(logo="logo.png", base=tmp_path)

    def test_data_uri(self):
        """A base64 PNG data URI is accepted as given."""
        uri = "data:image/png;base64," + base64.b64encode(PNG).decode()
        assert make_branding(logo=uri).logo_data_uri == uri

    @pytest.mark.parametrize(
        "uri",
        ["data:text/html;base64,PHNjcmlwdD4=", "data:image/png,<svg onload=alert(1)>"],
    )
    def test_other_data_uris_are_refused(self, uri):
        """Only base64 PNG, JPEG or SVG data URIs are accepted."""
        with pytest.raises(BrandingError) as info:
            make_branding(logo=uri)
        assert str(info.value) == (
            "logo data: URI must be data:image/png, image/jpeg or image/svg+xml with base64 content"
        )


def test_model_is_frozen():
    """Branding cannot change after validation."""
    branding = Branding()
    with pytest.raises(ValueError, match="frozen"):
        branding.company_name = "Other"  # type: ignore[misc]


def test_shipped_example_file_is_valid():
    """The example in .streamlit/branding.example.toml loads as it stands."""
    example = Path(__file__).resolve().parents[3] / ".streamlit" / "branding.example.toml"
    branding = load_branding(example, environ={})
    assert (branding.company_name, branding.accent_color) == ("Example Telecom", "#0B5CAD")
