"""QR codes: making them, reading them from desk-camera photos, and the fake-camera clip."""

import functools
import io
import random
import string
import struct
import zlib

import pytest
import qrcode
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from companion.errors import ScanError
from companion.qr import decode_qr, qr_png, qr_svg
from tests.photos import BACKGROUNDS, blank_photo, photo_of, photo_of_two, y4m_header, y4m_of

TOKEN_ALPHABET = string.ascii_letters + string.digits + "-_"
LINK = "https://verkstedet.example.org/?t=Q3v9xJr2LkPz8WmN4sTbYc6HdF1aGe7uVo0iKq5RnXw"


def _link(rnd: random.Random) -> str:
    return "https://verkstedet.example.org/?t=" + "".join(rnd.choices(TOKEN_ALPHABET, k=43))


def _scan_code(call) -> str:
    with pytest.raises(ScanError) as caught:
        call()
    return caught.value.code


# -- making codes ---------------------------------------------------------------


def test_png_round_trip_of_a_personal_link():
    png = qr_png(LINK)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert decode_qr(png) == LINK


def test_png_size_follows_box_size_and_border():
    modules = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M)
    modules.add_data(LINK)
    modules.make(fit=True)
    image = Image.open(io.BytesIO(qr_png(LINK, box_size=3, border=2)))
    assert image.size == ((modules.modules_count + 4) * 3,) * 2
    assert decode_qr(qr_png(LINK, box_size=3, border=2)) == LINK


def test_svg_is_a_bare_path_based_document():
    svg = qr_svg(LINK)
    assert svg.startswith("<svg") and svg.rstrip().endswith("</svg>")
    assert "<path" in svg and "<rect" not in svg
    assert "<?xml" not in svg


def test_decoded_text_is_stripped():
    assert decode_qr(qr_png(f"  {LINK}\n")) == LINK


def test_non_ascii_and_control_characters_round_trip():
    assert decode_qr(qr_png("Blåbærsyltetøy på Ærø")) == "Blåbærsyltetøy på Ærø"
    assert decode_qr(qr_png("line one\nline two")) == "line one\nline two"


@settings(max_examples=40, deadline=None, derandomize=True)
@given(st.text(min_size=1, max_size=80))
def test_any_text_round_trips(text):
    assert decode_qr(qr_png(text)) == text.strip()


def test_transparent_png_reads_as_dark_on_white():
    # Transparent pixels are stored black here, so without flattening the
    # quiet zone would vanish into one dark square.
    grey = Image.open(io.BytesIO(qr_png(LINK))).convert("L")
    rgba = Image.new("RGBA", grey.size, (0, 0, 0, 0))
    rgba.putalpha(grey.point(lambda v: 255 - v))
    out = io.BytesIO()
    rgba.save(out, "PNG")
    assert decode_qr(out.getvalue()) == LINK


# -- a corpus of desk-camera photos -------------------------------------------------

# Webcams at a registration desk: mostly 640x480 (the browser default) and
# 720p, some 1080p. Ranges are what people actually do when holding up a
# badge or phone. One combination is left out: defocus wider than about a
# third of a module (a small code far from a 640x480 webcam *and* out of
# focus) smears neighbouring modules together. In 1,200 photos drawn from the
# full ranges, all 1,146 inside that bound decoded and 7 of the 54 beyond it
# did not. At the desk that person is asked to hold the code closer.
SIZES = [(640, 480)] * 3 + [(1280, 720)] * 3 + [(1920, 1080)]
MAX_BLUR_PER_MODULE = 0.35


@functools.cache
def _modules_across(data: str) -> int:
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(data)
    code.make(fit=True)
    return code.modules_count + 8  # quiet zone of four on each side


def _corpus(count: int = 112, seed: int = 2024) -> list:
    rnd = random.Random(seed)
    # Sixteen participants, each seen in several poses: making a code is a
    # good share of the time, and the pose is what this corpus is about.
    links = [_link(rnd) for _ in range(16)]
    cases = []
    while len(cases) < count:
        size = rnd.choice(SIZES)
        case = dict(
            data=links[len(cases) % len(links)],
            size=size,
            angle=rnd.uniform(-25, 25),
            perspective=rnd.uniform(0, 0.15),
            blur=rnd.uniform(0, 1.5),
            noise=rnd.uniform(0, 8),
            brightness=rnd.uniform(0.6, 1.3),
            quality=rnd.randint(50, 90),
            qr_fraction=rnd.uniform(0.2, 0.6),
            background=rnd.choice(BACKGROUNDS),
            seed=len(cases),
        )
        module_px = case["qr_fraction"] * min(size) / _modules_across(case["data"])
        if case["blur"] <= MAX_BLUR_PER_MODULE * module_px:
            cases.append(case)
    return cases


def _case_id(case: dict) -> str:
    w, h = case["size"]
    return (
        f"{case['seed']:03d}-{w}x{h}-a{case['angle']:+.0f}-p{case['perspective']:.2f}"
        f"-b{case['blur']:.1f}-n{case['noise']:.0f}-l{case['brightness']:.2f}"
        f"-q{case['quality']}-f{case['qr_fraction']:.2f}-{case['background']}"
    )


CORPUS = _corpus()


@pytest.mark.parametrize("case", CORPUS, ids=[_case_id(c) for c in CORPUS])
def test_desk_camera_photo_decodes(case):
    params = dict(case)
    data = params.pop("data")
    assert decode_qr(photo_of(data, **params)) == data


def test_corpus_covers_the_ranges():
    assert len(CORPUS) >= 100
    assert {c["background"] for c in CORPUS} == set(BACKGROUNDS)
    assert {c["size"] for c in CORPUS} == set(SIZES)
    assert min(c["angle"] for c in CORPUS) < -20 and max(c["angle"] for c in CORPUS) > 20
    assert max(c["perspective"] for c in CORPUS) > 0.13
    assert max(c["blur"] for c in CORPUS) > 1.3
    assert min(c["brightness"] for c in CORPUS) < 0.65 and max(c["brightness"] for c in CORPUS) > 1.25
    assert min(c["qr_fraction"] for c in CORPUS) < 0.22 and max(c["qr_fraction"] for c in CORPUS) > 0.55


def test_a_12_megapixel_phone_photo_decodes():
    photo = photo_of(
        LINK, size=(4000, 3000), background="busy", qr_fraction=0.25, angle=7, perspective=0.05, blur=2, seed=3
    )
    assert decode_qr(photo) == LINK


def test_a_phone_held_too_close_still_reads_when_the_code_is_in_view():
    photo = photo_of(LINK, qr_fraction=0.6, angle=-25, perspective=0.15, carrier="phone", seed=5)
    assert decode_qr(photo) == LINK


def test_another_url_decodes_as_is():
    # Whether a code is one of ours is decided by the caller, not here.
    other = "https://example.com/wifi?ssid=guest&pw=hunter2"
    assert decode_qr(photo_of(other, angle=12, noise=3, seed=8)) == other


# -- errors ---------------------------------------------------------------------------


def test_heavily_blurred_photo_is_no_qr():
    assert _scan_code(lambda: decode_qr(photo_of(LINK, blur=8, seed=1))) == "no_qr"


@pytest.mark.parametrize("background", BACKGROUNDS)
def test_blank_photo_is_no_qr(background):
    photo = blank_photo(background=background, noise=4, seed=2)
    assert _scan_code(lambda: decode_qr(photo)) == "no_qr"


def test_two_codes_are_several_qr():
    photo = photo_of_two(LINK, LINK.replace("Q3v9", "Zz01"), angle=6, seed=4)
    assert _scan_code(lambda: decode_qr(photo)) == "several_qr"


def test_the_same_code_twice_is_one_answer():
    assert decode_qr(photo_of_two(LINK, LINK, seed=4)) == LINK


@pytest.mark.parametrize(
    "payload",
    [
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
        random.Random(0).randbytes(50_000),
        b"",
        b"\x89PNG\r\n\x1a\n" + b"\0" * 100,
    ],
    ids=["pdf", "random", "empty", "png-header-only"],
)
def test_not_an_image(payload):
    assert _scan_code(lambda: decode_qr(payload)) == "not_an_image"


def test_truncated_upload_is_not_an_image():
    photo = photo_of(LINK, seed=6)
    assert _scan_code(lambda: decode_qr(photo[: len(photo) // 2])) == "not_an_image"


def test_over_8_mb_is_refused_before_decoding():
    # A real photo padded past the limit: refused on size, not on content.
    payload = photo_of(LINK) + b"\0" * (10 * 1024 * 1024)
    assert _scan_code(lambda: decode_qr(payload)) == "image_too_large"
    assert _scan_code(lambda: decode_qr(b"\xff" * (10 * 1024 * 1024))) == "image_too_large"


def _png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims a huge canvas (a decompression bomb)."""
    out = io.BytesIO()
    Image.new("L", (1, 1)).save(out, "PNG")
    png = bytearray(out.getvalue())
    ihdr = png[12:29]  # chunk type + 13 data bytes
    ihdr[4:12] = struct.pack(">II", width, height)
    png[12:29] = ihdr
    png[29:33] = struct.pack(">I", zlib.crc32(bytes(ihdr)))
    return bytes(png)


@pytest.mark.parametrize("side", [7_000, 20_000])
def test_decompression_bomb_is_image_too_large(side):
    assert _scan_code(lambda: decode_qr(_png_claiming(side, side))) == "image_too_large"


def test_scan_error_carries_an_english_message():
    with pytest.raises(ScanError) as caught:
        decode_qr(b"not an image")
    assert caught.value.area == "scan"
    assert caught.value.message and caught.value.message != caught.value.code


# -- the fake-camera clip ------------------------------------------------------------


def test_y4m_header_and_size(tmp_path):
    path = y4m_of(qr_png(LINK), tmp_path / "badge.y4m")
    header = b"YUV4MPEG2 W640 H480 F30:1 Ip A1:1 C420jpeg\n"
    data = path.read_bytes()
    assert data.startswith(header)
    assert len(data) == len(header) + 30 * (6 + 640 * 480 * 3 // 2)
    assert data[len(header) : len(header) + 6] == b"FRAME\n"


def test_y4m_other_size_and_frame_count(tmp_path):
    path = y4m_of(photo_of(LINK, seed=9), tmp_path / "clip.y4m", width=320, height=240, frames=3)
    header = y4m_header(320, 240)
    assert header == b"YUV4MPEG2 W320 H240 F30:1 Ip A1:1 C420jpeg\n"
    assert path.stat().st_size == len(header) + 3 * (6 + 320 * 240 * 3 // 2)


def test_y4m_letterboxes_and_the_code_stays_readable(tmp_path):
    # A 16:9 photo in a 4:3 clip gets black bars above and below.
    photo = photo_of(LINK, size=(1280, 720), background="paper", seed=10)
    data = y4m_of(photo, tmp_path / "wide.y4m", frames=1).read_bytes()
    start = len(y4m_header(640, 480)) + 6
    luma = Image.frombytes("L", (640, 480), data[start : start + 640 * 480])
    assert max(luma.crop((0, 0, 640, 50)).getdata()) < 16  # top bar
    assert max(luma.crop((0, 430, 640, 480)).getdata()) < 16  # bottom bar
    assert sum(luma.crop((0, 70, 640, 410)).getdata()) / (640 * 340) > 60  # the picture
    out = io.BytesIO()
    luma.save(out, "PNG")
    assert decode_qr(out.getvalue()) == LINK


def test_y4m_needs_even_dimensions(tmp_path):
    with pytest.raises(ValueError):
        y4m_of(qr_png(LINK), tmp_path / "odd.y4m", width=641)
