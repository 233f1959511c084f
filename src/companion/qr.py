"""Make QR codes for personal links and read them back from camera photos."""

import io
from typing import TypeVar

import qrcode
import qrcode.image.svg
import zxingcpp
from PIL import Image, ImageFilter
from qrcode.image.base import BaseImage
from qrcode.image.pil import PilImage

from companion.errors import ScanError

MAX_IMAGE_BYTES = 8 * 1024 * 1024
# Pillow reads only the header on open, so a huge canvas is refused before
# any pixels are decoded (40 MP is well above any phone or webcam photo).
MAX_PIXELS = 40_000_000
# A badge code fills a good part of the frame, so this keeps plenty of pixels
# per module while a 4000x3000 photo still decodes in a few tens of ms.
MAX_SIDE = 1600
# Below this size a failed read is retried at double size (see decode_qr).
SHARPEN_UPSCALE_BELOW = 1000


_QRImage = TypeVar("_QRImage", bound=BaseImage)


def _make(data: str, image_factory: type[_QRImage], *, box_size: int = 10, border: int = 4) -> _QRImage:
    code = qrcode.QRCode(
        error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=box_size, border=border, image_factory=image_factory
    )
    code.add_data(data)
    code.make(fit=True)
    return code.make_image()


def qr_png(data: str, *, box_size: int = 10, border: int = 4) -> bytes:
    """PNG bytes of a QR code (error correction M) for ``data``."""
    image = _make(data, PilImage, box_size=box_size, border=border)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def qr_svg(data: str) -> str:
    """A path-based SVG of the code; scales cleanly on printed badge sheets."""
    return _make(data, qrcode.image.svg.SvgPathImage).to_string(encoding="unicode")


def _open_gray(image_bytes: bytes) -> Image.Image:
    try:
        image: Image.Image = Image.open(io.BytesIO(image_bytes))
        if image.width * image.height > MAX_PIXELS:
            raise ScanError("image_too_large", "The image has too many pixels.")
        if max(image.size) > MAX_SIDE:
            # JPEG can decode straight to a smaller greyscale image, which
            # makes a 12 MP phone photo several times cheaper to open.
            scale = MAX_SIDE / max(image.size)
            image.draft("L", (round(image.width * scale), round(image.height * scale)))
        image.load()
        if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info:
            # Transparent pixels are often stored as black; put them on white
            # so they read as the quiet zone, not as one big dark module.
            rgba = image.convert("RGBA")
            image = Image.new("RGBA", rgba.size, "white")
            image.alpha_composite(rgba)
        return image.convert("L")
    except Image.DecompressionBombError as exc:
        raise ScanError("image_too_large", "The image has too many pixels.") from exc
    except (OSError, ValueError, SyntaxError, EOFError) as exc:  # what Pillow raises on junk
        raise ScanError("not_an_image", "The file is not a readable image.") from exc


def _read(image: Image.Image) -> list[zxingcpp.Barcode]:
    return zxingcpp.read_barcodes(
        image,
        formats=zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode),  # we only ever print plain QR
        try_rotate=True,
        try_downscale=True,
        # Plain keeps control characters as they are; the default (HRI) would
        # turn a newline into "<LF>".
        text_mode=zxingcpp.TextMode.Plain,
    )


def decode_qr(image_bytes: bytes) -> str:
    """The text of the single QR code in a camera photo, stripped."""
    if len(image_bytes) > MAX_IMAGE_BYTES:
        raise ScanError("image_too_large", "The image is larger than 8 MB.")
    image = _open_gray(image_bytes)
    if max(image.size) > MAX_SIDE:
        image.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.BOX)
    found = _read(image)
    if not found:
        # Webcam shots of a small or slightly defocused code often fail only
        # because modules are 2-3 px wide and soft; enlarge and sharpen once.
        if max(image.size) <= SHARPEN_UPSCALE_BELOW:
            image = image.resize((image.width * 2, image.height * 2), Image.Resampling.BICUBIC)
        found = _read(image.filter(ImageFilter.UnsharpMask(radius=2, percent=300, threshold=0)))
    # The same badge seen twice (or reported twice) is still one answer.
    texts = {code.text.strip() for code in found}
    if not texts:
        raise ScanError("no_qr", "No QR code could be read in the photo.")
    if len(texts) > 1:
        raise ScanError("several_qr", "More than one QR code is in view; show only one.")
    return texts.pop()
