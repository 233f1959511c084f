"""Synthetic camera photos of QR codes, and Y4M clips for Chromium's fake camera.

The photos imitate what the registration desk sees: a paper badge or a phone
screen held up in front of a laptop webcam or phone, on a cluttered or plain
background, a bit tilted, a bit out of focus, sensor noise and JPEG artefacts.
Everything is deterministic for a given ``seed``.

Units: ``size`` is (width, height) in pixels; ``angle`` in degrees; ``perspective``
is how much the far edge of the card shrinks on each side, as a fraction of the
card (0.15 is a strongly tilted card); ``blur`` is a Gaussian radius in frame
pixels; ``noise`` is the standard deviation in 8-bit grey levels; ``qr_fraction``
is the QR's side (quiet zone included) as a fraction of the frame's short side.
"""

import functools
import io
import math
from pathlib import Path

import numpy as np
import qrcode
from PIL import Image, ImageDraw, ImageFilter, ImageOps

BACKGROUNDS = ("desk", "paper", "dark", "busy")
CARRIERS = ("badge", "phone")


# -- backgrounds and light ------------------------------------------------------


@functools.lru_cache(maxsize=16)
def _texture(kind: str, size) -> np.ndarray:
    """The scene behind the card, as uint8 RGB; the same for every seed since
    building it is the slow part and the card is what varies."""
    w, h = size
    rng = np.random.default_rng(0)
    yy, xx = (a.astype(np.float32) for a in np.ogrid[0:h, 0:w])  # broadcast, not full grids
    if kind == "desk":
        # Wood grain: slow wavy bands plus streaky per-row noise.
        rows = rng.normal(0, 1, (h, 1)).astype(np.float32)
        grain = np.sin(yy / 9.0 + np.sin(xx / 180.0) * 3.0) * 0.5 + rows * 0.25
        img = np.array([150, 105, 65], np.float32) + grain[..., None] * np.float32([22, 16, 10])
    elif kind == "paper":
        img = np.float32([214, 211, 202]) + rng.normal(0, 3, (h, w, 1)).astype(np.float32)
    elif kind == "dark":
        img = np.float32([38, 40, 48]) + (yy / h * 25)[..., None]
    elif kind == "busy":
        # An office behind the participant: shelves, posters, a window.
        canvas = Image.new("RGB", (w, h), (120, 124, 118))
        draw = ImageDraw.Draw(canvas)
        for _ in range(40):
            x0, y0 = rng.integers(0, w), rng.integers(0, h)
            x1, y1 = x0 + rng.integers(20, w // 3), y0 + rng.integers(10, h // 3)
            draw.rectangle((x0, y0, x1, y1), fill=tuple(int(c) for c in rng.integers(0, 256, 3)))
        return np.asarray(canvas)
    else:
        raise ValueError(f"unknown background {kind!r}; use one of {BACKGROUNDS}")
    img = np.clip(img, 0, 255).astype(np.uint8)
    return np.ascontiguousarray(np.broadcast_to(img, (h, w, 3)))


def _light(size, brightness: float, rng: np.random.Generator) -> np.ndarray:
    """Exposure times a soft falloff from a lamp or window off to one side."""
    w, h = size
    sw, sh = max(2, w // 16), max(2, h // 16)  # smooth, so compute it small
    yy, xx = np.mgrid[0:sh, 0:sw].astype(np.float32)
    cx, cy = rng.uniform(0, sw), rng.uniform(0, sh)
    small = brightness * (1.0 - 0.25 * np.hypot(xx - cx, yy - cy) / np.hypot(sw, sh))
    full = Image.fromarray(small.astype(np.float32), "F").resize(size, Image.Resampling.BILINEAR)
    return np.asarray(full)[..., None]


@functools.lru_cache(maxsize=8)
def _noise_field(size) -> np.ndarray:
    w, h = size
    return np.random.default_rng(1).standard_normal((h + 64, w + 64, 3), dtype=np.float32)


def _grain(size, rng: np.random.Generator) -> np.ndarray:
    """Unit sensor noise: a random window into one cached field, since drawing
    millions of normals per photo is slow and the pattern need not be unique."""
    dx, dy = rng.integers(0, 64, 2)
    return _noise_field(size)[dy : dy + size[1], dx : dx + size[0]]


# -- the card (badge or phone) carrying the code ------------------------------


@functools.lru_cache(maxsize=64)
def _modules(data: str) -> np.ndarray:
    """The code's modules, quiet zone included (same settings as companion.qr)."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4)
    code.add_data(data)
    code.make(fit=True)
    return np.array(code.get_matrix(), dtype=bool)


def _qr_image(data: str, side: int) -> Image.Image:
    crisp = Image.fromarray(np.where(_modules(data), 0, 255).astype(np.uint8))
    # Nearest-up then smooth-down gives soft module edges like real optics.
    big = crisp.resize((crisp.width * 8, crisp.height * 8), Image.Resampling.NEAREST)
    return big.resize((side, side), Image.Resampling.LANCZOS)


def _card(data, side: int, carrier: str) -> tuple:
    """An RGBA card with the QR (``side`` px incl. quiet zone), or none if data
    is None, and the point where the code's centre is."""
    if carrier == "badge":
        pad, foot = side // 12, side // 3
        card = Image.new("RGBA", (side + 2 * pad, side + 2 * pad + foot), (236, 234, 226, 255))
        ink, paper = np.array([28, 28, 34]), np.array([236, 234, 226])
        draw = ImageDraw.Draw(card)
        # Printed name and affiliation below the code.
        top = side + 2 * pad
        draw.rectangle((pad, top, pad + int(side * 0.8), top + foot // 4), fill=(40, 40, 50, 255))
        draw.rectangle(
            (pad, top + foot // 2, pad + int(side * 0.5), top + foot // 2 + foot // 8), fill=(90, 90, 100, 255)
        )
        origin = (pad, pad)
    elif carrier == "phone":
        bezel, bar = side // 14, side // 5
        w, h = side + 2 * bezel + side // 10, side + 2 * bezel + 2 * bar
        card = Image.new("RGBA", (w, h), (0, 0, 0, 0))
        draw = ImageDraw.Draw(card)
        draw.rounded_rectangle((0, 0, w - 1, h - 1), radius=side // 8, fill=(18, 18, 20, 255))
        draw.rectangle((bezel, bezel, w - bezel, h - bezel), fill=(246, 248, 255, 255))
        draw.rectangle((bezel, bezel, w - bezel, bezel + bar // 3), fill=(60, 90, 160, 255))
        ink, paper = np.array([12, 12, 16]), np.array([246, 248, 255])
        origin = ((w - side) // 2, bezel + bar)
    else:
        raise ValueError(f"unknown carrier {carrier!r}; use one of {CARRIERS}")
    if data is not None:
        grey = np.asarray(_qr_image(data, side), np.float32)[..., None] / 255.0
        rgb = (ink + (paper - ink) * grey).astype(np.uint8)
        card.paste(Image.fromarray(rgb).convert("RGBA"), origin)
    return card, (origin[0] + side / 2, origin[1] + side / 2)


def _homography(src, dst) -> list:
    """The eight coefficients of the projective map taking points ``src`` to ``dst``."""
    rows, rhs = [], []
    for (x, y), (u, v) in zip(src, dst, strict=False):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        rhs += [u, v]
    return np.linalg.solve(np.array(rows, float), np.array(rhs, float)).tolist()


def _apply(c, point) -> tuple:
    x, y = point
    d = c[6] * x + c[7] * y + 1
    return (c[0] * x + c[1] * y + c[2]) / d, (c[3] * x + c[4] * y + c[5]) / d


def _pose(card: Image.Image, anchor, tilt: float, angle: float, rng: np.random.Generator):
    """Tilt the card away from the camera (one edge shrinks by ``tilt`` of its
    length at each end) and turn it ``angle`` degrees anticlockwise, in a single
    resampling. Returns the posed card and where ``anchor`` ended up on it."""
    w, h = card.size
    corners = [(0, 0), (w, 0), (w, h), (0, h)]
    quad = list(corners)
    edge = int(rng.integers(0, 4))  # which edge leans away
    (ax, ay), (bx, by) = corners[edge], corners[(edge + 1) % 4]
    dx, dy = (bx - ax) * tilt, (by - ay) * tilt
    quad[edge], quad[(edge + 1) % 4] = (ax + dx, ay + dy), (bx - dx, by - dy)
    cos, sin = math.cos(math.radians(angle)), math.sin(math.radians(angle))
    quad = [
        (w / 2 + (x - w / 2) * cos + (y - h / 2) * sin, h / 2 - (x - w / 2) * sin + (y - h / 2) * cos) for x, y in quad
    ]
    left, top = min(x for x, _ in quad), min(y for _, y in quad)
    quad = [(x - left, y - top) for x, y in quad]
    size = (math.ceil(max(x for x, _ in quad)), math.ceil(max(y for _, y in quad)))
    # Pillow wants the map from output pixels back to the card.
    posed = card.transform(
        size, Image.Transform.PERSPECTIVE, _homography(quad, corners), Image.Resampling.BILINEAR, fillcolor=(0, 0, 0, 0)
    )
    return posed, _apply(_homography(corners, quad), anchor)


# -- scenes -------------------------------------------------------------------


def _place(before: float, after: float, start: int, length: int, qr_half: float, rng: np.random.Generator) -> float:
    """Where along one axis the code's centre goes: anywhere that keeps the whole
    card in view, else anywhere that keeps the code in view (a phone held close
    overhangs the frame), else the middle."""
    for lo, hi in ((start + before, start + length - after), (start + qr_half, start + length - qr_half)):
        if lo <= hi:
            return rng.uniform(lo, hi)
    return start + length / 2


def _scene(
    datas, *, size, angle, perspective, blur, noise, brightness, background, qr_fraction, seed, quality, carrier
) -> bytes:
    size = tuple(size)
    rng = np.random.default_rng(seed)
    frame = Image.fromarray(_texture(background, size)).convert("RGBA")
    side = max(21, int(qr_fraction * min(size)))
    slot_w = size[0] // len(datas)
    placed = []
    for i, data in enumerate(datas):
        kind = carrier or CARRIERS[int(rng.integers(0, len(CARRIERS)))]
        turn = angle + (rng.uniform(-4, 4) if i else 0.0)  # two people never match
        card, (cx, cy) = _pose(*_card(data, side, kind), perspective, turn, rng)
        rad = math.radians(turn)
        qr_half = side * (abs(math.cos(rad)) + abs(math.sin(rad))) / 2
        qx = _place(cx, card.width - cx, i * slot_w, slot_w, qr_half, rng)
        qy = _place(cy, card.height - cy, 0, size[1], qr_half, rng)
        x, y = round(qx - cx), round(qy - cy)
        # alpha_composite wants a non-negative offset, so crop the overhang.
        frame.alpha_composite(card, (max(x, 0), max(y, 0)), (max(-x, 0), max(-y, 0)))
        placed.append((x, y, x + card.width, y + card.height))
    image = frame.convert("RGB")
    if blur > 0:
        # Only the cards need defocus, and blurring the whole frame would be
        # most of the time spent making a photo.
        m = int(4 * blur) + 2
        box = (
            max(0, min(b[0] for b in placed) - m),
            max(0, min(b[1] for b in placed) - m),
            min(size[0], max(b[2] for b in placed) + m),
            min(size[1], max(b[3] for b in placed) + m),
        )
        image.paste(image.crop(box).filter(ImageFilter.GaussianBlur(blur)), box[:2])
    pixels = np.asarray(image, np.float32)  # a fresh copy, so edit in place
    pixels *= _light(size, brightness, rng)
    if noise > 0:
        pixels += _grain(size, rng) * np.float32(noise)
    np.clip(pixels, 0, 255, out=pixels)
    out = io.BytesIO()
    Image.fromarray(pixels.astype(np.uint8)).save(out, "JPEG", quality=quality)
    return out.getvalue()


def photo_of(
    data: str,
    *,
    size=(1280, 720),
    angle=0.0,
    perspective=0.0,
    blur=0.0,
    noise=0.0,
    brightness=1.0,
    background="desk",
    qr_fraction=0.35,
    seed=0,
    quality=85,
    carrier=None,
) -> bytes:
    """JPEG bytes of a camera photo of one QR code encoding ``data``.

    ``carrier`` is "badge" or "phone"; by default the seed picks one.
    """
    return _scene(
        [data],
        size=size,
        angle=angle,
        perspective=perspective,
        blur=blur,
        noise=noise,
        brightness=brightness,
        background=background,
        qr_fraction=qr_fraction,
        seed=seed,
        quality=quality,
        carrier=carrier,
    )


def photo_of_two(
    data_a: str,
    data_b: str,
    *,
    size=(1280, 720),
    angle=0.0,
    perspective=0.0,
    blur=0.0,
    noise=0.0,
    brightness=1.0,
    background="desk",
    qr_fraction=0.3,
    seed=0,
    quality=85,
    carrier=None,
) -> bytes:
    """Two people holding up their codes side by side in one frame."""
    return _scene(
        [data_a, data_b],
        size=size,
        angle=angle,
        perspective=perspective,
        blur=blur,
        noise=noise,
        brightness=brightness,
        background=background,
        qr_fraction=qr_fraction,
        seed=seed,
        quality=quality,
        carrier=carrier,
    )


def blank_photo(
    *,
    size=(1280, 720),
    angle=0.0,
    perspective=0.0,
    blur=0.0,
    noise=0.0,
    brightness=1.0,
    background="desk",
    qr_fraction=0.35,
    seed=0,
    quality=85,
    carrier=None,
) -> bytes:
    """A badge or phone held up with no code on it (back of the badge, wrong app)."""
    return _scene(
        [None],
        size=size,
        angle=angle,
        perspective=perspective,
        blur=blur,
        noise=noise,
        brightness=brightness,
        background=background,
        qr_fraction=qr_fraction,
        seed=seed,
        quality=quality,
        carrier=carrier,
    )


# -- fake camera video ----------------------------------------------------------


def y4m_header(width: int, height: int) -> bytes:
    return f"YUV4MPEG2 W{width} H{height} F30:1 Ip A1:1 C420jpeg\n".encode("ascii")


def y4m_of(image_bytes: bytes, path, *, width=640, height=480, frames=30) -> Path:
    """Write a still image as a Y4M clip for ``--use-file-for-fake-video-capture``.

    The image is letterboxed (black bars, aspect kept) into width x height.
    """
    if width % 2 or height % 2:
        raise ValueError("4:2:0 video needs an even width and height")
    image = Image.open(io.BytesIO(image_bytes)).convert("RGB")
    boxed = ImageOps.pad(image, (width, height), Image.Resampling.LANCZOS, color=(0, 0, 0))
    y, cb, cr = boxed.convert("YCbCr").split()
    half = (width // 2, height // 2)
    frame = (
        b"FRAME\n"
        + y.tobytes()
        + cb.resize(half, Image.Resampling.BILINEAR).tobytes()
        + cr.resize(half, Image.Resampling.BILINEAR).tobytes()
    )
    path = Path(path)
    with path.open("wb") as out:
        out.write(y4m_header(width, height))
        for _ in range(frames):
            out.write(frame)
    return path


def y4m_sequence(jpegs, path, *, width=640, height=480, fps=10, seconds_each=1.2, blank_seconds=0.0) -> Path:
    """A clip that shows each image in turn for `seconds_each`, each after `blank_seconds` of black
    (Chromium's fake camera loops the clip)."""
    path = Path(path)
    half = (width // 2, height // 2)
    blank = b"FRAME\n" + bytes(width * height) + bytes([128]) * (half[0] * half[1] * 2)
    with path.open("wb") as out:
        out.write(f"YUV4MPEG2 W{width} H{height} F{fps}:1 Ip A1:1 C420jpeg\n".encode("ascii"))
        for jpeg in jpegs:
            out.write(blank * round(fps * blank_seconds))
            boxed = ImageOps.pad(Image.open(io.BytesIO(jpeg)).convert("RGB"), (width, height), color=(0, 0, 0))
            y, cb, cr = boxed.convert("YCbCr").split()
            frame = b"FRAME\n" + y.tobytes() + cb.resize(half).tobytes() + cr.resize(half).tobytes()
            out.write(frame * round(fps * seconds_each))
    return path
