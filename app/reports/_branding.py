"""Branding: company name, logo and accent colour for the app and every report.

Sales teams running their own copy set these in ``.streamlit/branding.toml`` (looked up in the
working directory, like Streamlit's own ``config.toml``)::

    company_name = "Example Telecom"
    logo = "logo.png"            # a PNG, JPEG or SVG file beside branding.toml, or a data: URI
    accent_color = "#0B5CAD"     # #RRGGBB, at least 3:1 against white

or in environment variables, which win over the file: ``SEAT_SAVINGS_COMPANY_NAME``,
``SEAT_SAVINGS_LOGO`` and ``SEAT_SAVINGS_ACCENT_COLOR``.

Every value is validated: the accent colour is used for rules, borders and large headings, so it
needs 3:1 contrast against the white page (WCAG 2.1 success criterion 1.4.11); a lighter colour is
refused with a message that says so. The logo is read once, capped in size, checked to really be
an image of the declared kind and kept as a ``data:`` URI, so reports embed it and open offline.
"""

from __future__ import annotations

import base64
import binascii
import os
import re
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from app.theme import PLAN_COLORS, contrast_ratio
from calculator import quote_value

BRANDING_FILE = Path(".streamlit") / "branding.toml"
ENV_PREFIX = "SEAT_SAVINGS_"
MAX_LOGO_BYTES = 256 * 1024
MIN_ACCENT_CONTRAST = 3.0
DEFAULT_COMPANY_NAME = "Seat savings calculator"
DEFAULT_ACCENT_COLOR = PLAN_COLORS[0]

_LOGO_TYPES = {"image/png": "PNG", "image/jpeg": "JPEG", "image/svg+xml": "SVG"}
_SUFFIX_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".svg": "image/svg+xml",
}
_DATA_URI = re.compile(r"data:(image/(?:png|jpeg|svg\+xml));base64,([A-Za-z0-9+/]+={0,2})")
_KEYS = ("company_name", "logo", "accent_color")


class BrandingError(ValueError):
    """Branding configuration that cannot be used; the message names the setting and the value."""


class Branding(BaseModel):
    """Who the app and its reports speak for."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    company_name: Annotated[
        str,
        StringConstraints(strip_whitespace=True, min_length=1, max_length=80),
    ] = Field(
        default=DEFAULT_COMPANY_NAME,
        pattern=r"^[^\x00-\x1f\x7f]+$",
        description="Company name shown in the app header and on every report [text]",
    )
    accent_color: str = Field(
        default=DEFAULT_ACCENT_COLOR,
        pattern=r"^#[0-9A-Fa-f]{6}$",
        description="Accent colour for rules, borders and headings, #RRGGBB [colour]",
    )
    logo_data_uri: str | None = Field(
        default=None,
        description="Logo as a base64 data: URI of a PNG, JPEG or SVG image [URI]",
    )

    @property
    def logo_alt(self) -> str:
        """Text alternative of the logo [text]."""
        return f"{self.company_name} logo"

    @property
    def logo_bytes(self) -> bytes | None:
        """The logo image itself, for widgets that want bytes [bytes]."""
        if self.logo_data_uri is None:
            return None
        return base64.b64decode(self.logo_data_uri.split(",", 1)[1])


def load_branding(path: Path | None = None, environ: Mapping[str, str] | None = None) -> Branding:
    """Read branding from ``path`` (default ``.streamlit/branding.toml``) and the environment.

    A missing file means the defaults. Raises :class:`BrandingError` when the file is not valid
    TOML, has an unknown key, or a value is refused (each message names the setting).
    """
    path = BRANDING_FILE if path is None else path
    environ = os.environ if environ is None else environ
    settings: dict[str, Any] = {}
    base = Path.cwd()
    if path.is_file():
        try:
            settings = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise BrandingError(f"{path} is not valid TOML: {exc}") from None
        unknown = sorted(set(settings) - set(_KEYS))
        if unknown:
            raise BrandingError(
                f"{path}: unknown setting {', '.join(unknown)}; the settings are {', '.join(_KEYS)}"
            )
        base = path.parent
    for key in _KEYS:
        value = environ.get(ENV_PREFIX + key.upper())
        if value is not None:
            settings[key] = value
    return make_branding(**settings, base=base)


def make_branding(
    company_name: Any = DEFAULT_COMPANY_NAME,
    logo: Any = None,
    accent_color: Any = DEFAULT_ACCENT_COLOR,
    base: Path | None = None,
) -> Branding:
    """Validated branding from plain values; ``logo`` is a file path (relative to ``base``) or a
    ``data:`` URI. Raises :class:`BrandingError`."""
    if not isinstance(accent_color, str) or not re.fullmatch(r"#[0-9A-Fa-f]{6}", accent_color):
        raise BrandingError(
            f"accent_color must be a colour written #RRGGBB, e.g. #0B5CAD; got {accent_color!r}"
        )
    ratio = contrast_ratio(accent_color)
    if ratio < MIN_ACCENT_CONTRAST:
        raise BrandingError(
            f"accent_color {accent_color} has a contrast of {ratio:.2f}:1 against white; it "
            f"needs at least {MIN_ACCENT_CONTRAST:.0f}:1 (WCAG 2.1, 1.4.11) to be seen: choose a "
            "darker colour"
        )
    uri = None if logo in (None, "") else _logo_data_uri(logo, base or Path.cwd())
    try:
        return Branding(
            company_name=company_name, accent_color=accent_color.upper(), logo_data_uri=uri
        )
    except ValidationError as exc:
        problem = exc.errors(include_url=False)[0]
        raise BrandingError(
            f"company_name must be 1 to 80 characters without control characters; "
            f"got {quote_value(problem['input'])}"
        ) from None


def _logo_data_uri(logo: Any, base: Path) -> str:
    if not isinstance(logo, str):
        raise BrandingError(f"logo must be a file path or a data: URI; got {quote_value(logo)}")
    if logo.startswith("data:"):
        match = _DATA_URI.fullmatch(logo)
        if match is None:
            raise BrandingError(
                "logo data: URI must be data:image/png, image/jpeg or image/svg+xml with "
                "base64 content"
            )
        try:
            content = base64.b64decode(match.group(2), validate=True)
        except binascii.Error:
            raise BrandingError("logo data: URI holds damaged base64 content") from None
        media_type = match.group(1)
        where = "logo data: URI"
    else:
        file = (base / logo).resolve()
        media_type = _SUFFIX_TYPES.get(file.suffix.lower())
        if media_type is None:
            raise BrandingError(
                f"logo {quote_value(logo)} must be a .png, .jpg, .jpeg or .svg file; got "
                f"{file.suffix or 'no extension'}"
            )
        if not file.is_file():
            raise BrandingError(f"logo file {file} does not exist")
        if file.stat().st_size > MAX_LOGO_BYTES:
            raise BrandingError(
                f"logo file {file} is {file.stat().st_size:,} bytes; the limit is "
                f"{MAX_LOGO_BYTES:,} bytes"
            )
        content = file.read_bytes()
        where = f"logo file {file}"
    if len(content) > MAX_LOGO_BYTES:
        raise BrandingError(
            f"{where} is {len(content):,} bytes; the limit is {MAX_LOGO_BYTES:,} bytes"
        )
    if not _looks_like(media_type, content):
        raise BrandingError(f"{where} is not a {_LOGO_TYPES[media_type]} image")
    return f"data:{media_type};base64,{base64.b64encode(content).decode('ascii')}"


def _looks_like(media_type: str, content: bytes) -> bool:
    """Check the file's own signature, not just its name."""
    if media_type == "image/png":
        return content.startswith(b"\x89PNG\r\n\x1a\n")
    if media_type == "image/jpeg":
        return content.startswith(b"\xff\xd8\xff")
    head = content[:1024].lstrip().lower()
    return head.startswith((b"<svg", b"<?xml")) and b"<svg" in content[:4096].lower()
