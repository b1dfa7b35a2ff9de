"""Bytes → text: encodings, BOMs, newline normalisation, binary and undecodable input."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.errors import BinaryInputError, EncodingError, InputError
from sitrep.ingest.decode import decode_bytes, normalize_newlines, sniff_utf16

SAMPLE = "café – “quoted” naïve 5 €\nsecond line"


@pytest.mark.parametrize(
    "data",
    [
        SAMPLE.encode("utf-8"),
        codecs.BOM_UTF8 + SAMPLE.encode("utf-8"),
        SAMPLE.encode("utf-16"),  # native BOM
        codecs.BOM_UTF16_LE + SAMPLE.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be"),
        SAMPLE.encode("utf-16-le"),  # BOM-less
        SAMPLE.encode("utf-16-be"),  # BOM-less
        SAMPLE.encode("utf-32"),
        SAMPLE.encode("cp1252"),
    ],
    ids=["utf8", "utf8-bom", "utf16", "utf16le-bom", "utf16be-bom", "utf16le", "utf16be", "utf32", "cp1252"],
)
def test_encodings_decode_to_the_same_text(data: bytes) -> None:
    assert decode_bytes(data, path="x.txt") == SAMPLE


def test_short_cp1252_phrase() -> None:
    assert decode_bytes("café – “quoted”".encode("cp1252")) == "café – “quoted”"


def test_charset_normalizer_fallback_for_cyrillic() -> None:
    text = "Жители города сообщили о сильных взрывах ночью, по данным местных властей."
    assert decode_bytes(text.encode("cp1251")) == text


@pytest.mark.parametrize("raw", ["a\r\nb\r\nc", "a\rb\rc", "a\nb\r\nc", "a\u2028b\u2029c"])
def test_newlines_are_normalised(raw: str) -> None:
    assert decode_bytes(raw.encode("utf-8")) == "a\nb\nc"


def test_leading_bom_is_stripped_once_decoded() -> None:
    assert normalize_newlines("\ufeffabc") == "abc"
    assert decode_bytes(codecs.BOM_UTF8 + "\ufeffabc".encode()) == "abc"


def test_nul_bytes_are_binary() -> None:
    with pytest.raises(BinaryInputError) as err:
        decode_bytes(b"abc\x00\x01\x02\xff\xfe\x00\x00\x80", path="b.txt")
    assert err.value.code == "SR102"
    assert "b.txt" in str(err.value)


def test_magic_numbers_are_binary() -> None:
    with pytest.raises(BinaryInputError, match="PDF"):
        decode_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj")


def test_control_characters_are_binary() -> None:
    with pytest.raises(BinaryInputError):
        decode_bytes(bytes(range(1, 9)) * 20 + b"some text")


def test_bad_utf16_after_bom_is_an_encoding_error() -> None:
    with pytest.raises(EncodingError) as err:
        decode_bytes(codecs.BOM_UTF16_LE + "ok".encode("utf-16-le") + b"\x00\xd8", path="u.txt", line=3)
    assert err.value.code == "SR103"
    assert "u.txt:3" in str(err.value)


def test_undecodable_bytes_are_an_encoding_error() -> None:
    with pytest.raises(EncodingError):
        decode_bytes(bytes(range(128, 256)) * 3)


def test_utf16_sniffing_needs_zero_bytes() -> None:
    assert sniff_utf16("plain ascii".encode("utf-16-le")) == "utf-16-le"
    assert sniff_utf16("plain ascii".encode("utf-16-be")) == "utf-16-be"
    assert sniff_utf16(b"plain ascii") is None


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_arbitrary_bytes_decode_or_raise_an_input_error(data: bytes) -> None:
    try:
        text = decode_bytes(data)
    except InputError:
        return
    assert "\r" not in text
    assert not text.startswith("\ufeff")


TEXT_CHARS = st.characters(blacklist_categories=("Cc", "Cs"), whitelist_characters="\n\r\t")


@settings(max_examples=200, deadline=None)
@given(st.text(TEXT_CHARS, max_size=200))
def test_utf8_text_round_trips(text: str) -> None:
    assert decode_bytes(text.encode("utf-8")) == normalize_newlines(text)


def test_bomless_utf16_non_latin_text() -> None:
    text = "قصفت الطائرات مواقع في ريف المدينة صباح اليوم، وفق مصادر محلية."
    assert decode_bytes(text.encode("utf-16-le")) == text
    assert decode_bytes(text.encode("utf-16-be")) == text
