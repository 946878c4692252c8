"""The bad-file corpus: malformed import files, each with the one problem every import path must report.

Small files are kept in tests/interchange/bad_files/ as `<case>__<upload name>` (rebuild them with
`python -m tests.interchange.bad_corpus`); the big ones (a 10 MB cell, a zip bomb, a 5,000-digit
number, …) are made by `write_big` at test time so the repository stays small.
"""

from __future__ import annotations

import codecs
import io
import json
import struct
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from chainatlas.interchange.columns import COLUMNS

FOLDER = Path(__file__).parent / "bad_files"


def header(kind: str, *extra: str) -> str:
    """Return a CSV header line with every column of a kind (and extra ones)."""
    return ",".join([c.name for c in COLUMNS[kind]] + list(extra)) + "\n"


def line(kind: str, **cells: str) -> str:
    """Return a CSV line of a kind with the given cells (others empty)."""
    return ",".join(cells.get(c.name, "") for c in COLUMNS[kind]) + "\n"


HEADER = header("enterprises")
FIELDS = {"id": "E9", "name_zh": "长沙某公司", "country": "CN", "in_cluster": "也许", "source": "synthetic"}
ROW = line("enterprises", **FIELDS)
"""A row whose in_cluster cell (也许, "maybe") is wrong: a file read right reports exactly that cell."""
TEXT = HEADER + ROW
BAD_CELL = "in_cluster"
GOOD = {**FIELDS, "in_cluster": "true"}
LINK = {"supplier_id": "E2", "customer_id": "E1", "node_code": "U.HYD", "source": "synthetic"}


@dataclass(frozen=True)
class Expected:
    """The one problem a case must give: words in its message, and its row and column when there are some."""

    words: str
    row: int | None = None
    column: str | None = None


def json_rows(**cells: object) -> bytes:
    """Return a JSON list of one enterprise with every column, GOOD's cells and the given ones."""
    return json.dumps([{**dict.fromkeys(NAMES), **GOOD, **cells}], ensure_ascii=False).encode()


def _zip(parts: dict[str, str | bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
    '<sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    "</Relationships>"
)


def _cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def sheet_xml(rows: str, *, prolog: str = "", dimension: str = "A1:E2") -> str:
    """Return a worksheet part holding the given <row> elements."""
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<worksheet xmlns="http://schemas.openxmlformats.org/'
        f'spreadsheetml/2006/main"><dimension ref="{dimension}"/><sheetData>{rows}</sheetData></worksheet>'
    )


def _column_letters(n: int) -> str:
    letters = ""
    while n:
        n, rest = divmod(n - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


NAMES = HEADER.strip().split(",")
HEADER_ROW = '<row r="1">' + "".join(_cell(f"{_column_letters(i)}1", h) for i, h in enumerate(NAMES, 1)) + "</row>"


def workbook(sheet: str, **replace: str | bytes | None) -> bytes:
    """Return an .xlsx holding one sheet; `replace` swaps (or with None drops) a part."""
    parts: dict[str, str | bytes | None] = {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": RELS,
        "xl/workbook.xml": WORKBOOK,
        "xl/_rels/workbook.xml.rels": WORKBOOK_RELS,
        "xl/worksheets/sheet1.xml": sheet,
    }
    parts.update(replace)
    return _zip({name: data for name, data in parts.items() if data is not None})


def _row(number: int, cells: list[tuple[str, str]]) -> str:
    return f'<row r="{number}">' + "".join(_cell(f"{c}{number}", v) for c, v in cells) + "</row>"


BAD_ROW = _row(2, [(_column_letters(NAMES.index(k) + 1), v) for k, v in FIELDS.items()])
LAUGHS = (
    '<!DOCTYPE w [<!ENTITY a "aaaaaaaaaa">'
    + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9))
    + "]>"
)
XXE = '<!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]>'

UNDECODABLE = Expected("cannot be decoded as UTF-8 / GB18030 (GBK)")
NOT_XLSX = Expected("is not an .xlsx workbook (not a zip file)")
NO_PARTS = Expected("holds no workbook parts")
UNREADABLE_XLSX = Expected("is not a readable .xlsx workbook")
DECODED = Expected("must be true/false", 2, BAD_CELL)
"""Files in an exotic but readable form: the bad cell proves they were read right."""
LONG_CELL = Expected("longer than 32,767 characters", 2)
BIG_NUMBER = Expected("is too large", 2, "employees")

SMALL: dict[str, tuple[str, bytes, Expected]] = {
    # encodings: UTF-16/32 with a byte-order mark are read; what decodes in nothing is refused
    "utf16le_bom": ("enterprises.csv", codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), DECODED),
    "utf16be_bom": ("enterprises.csv", codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), DECODED),
    "utf32le_bom": ("enterprises.csv", codecs.BOM_UTF32_LE + TEXT.encode("utf-32-le"), DECODED),
    "utf32be_bom": ("enterprises.csv", codecs.BOM_UTF32_BE + TEXT.encode("utf-32-be"), DECODED),
    "utf8_bom": ("enterprises.csv", codecs.BOM_UTF8 + TEXT.encode(), DECODED),
    "gbk": ("enterprises.csv", TEXT.encode("gbk"), DECODED),
    "utf16_json_bom": (
        "enterprises.json",
        codecs.BOM_UTF16_LE + json.dumps([{n: FIELDS.get(n) for n in NAMES}], ensure_ascii=False).encode("utf-16-le"),
        Expected("must be true/false", 1, BAD_CELL),
    ),
    "utf16le_no_bom": ("enterprises.csv", TEXT.encode("utf-16-le"), Expected("holds a NUL character")),
    "utf16le_bom_cut": (
        "enterprises.csv",
        codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le")[:-1],
        Expected("cut in the middle of a character (UTF-16)"),
    ),
    "utf16le_lone_surrogate": (
        "enterprises.csv",
        codecs.BOM_UTF16_LE + HEADER.encode("utf-16-le") + b"\x00\xd8E\x009\x00",
        Expected("cannot be decoded as UTF-16"),
    ),
    "latin1": (
        "enterprises.csv",
        (HEADER + line("enterprises", **{**GOOD, "name_zh": "Café", "country": "FR", "in_cluster": "false"})).encode(
            "latin-1"
        ),
        UNDECODABLE,
    ),
    "invalid_bytes": (
        "enterprises.csv",
        HEADER.encode()
        + line("enterprises", **{**GOOD, "name_zh": "NAME"}).encode().replace(b"NAME", b"\x80\x81\xff\xfe"),
        UNDECODABLE,
    ),
    "gbk_then_invalid": (
        "enterprises.csv",
        (HEADER + line("enterprises", **GOOD)).encode("gbk") + b"E10,\xff\n",
        UNDECODABLE,
    ),
    "utf8_cut_mid_character": (
        "enterprises.csv",
        (HEADER + line("enterprises", **GOOD) + "E10,株洲").encode()[:-2],
        Expected("cut in the middle of a character (UTF-8)"),
    ),
    "utf8_surrogate_encoded": (
        "enterprises.csv",
        HEADER.encode() + line("enterprises", **{**GOOD, "name_zh": "NAME"}).encode().replace(b"NAME", b"\xed\xa0\x80"),
        UNDECODABLE,
    ),
    "png_named_csv": (
        "enterprises.csv",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01",
        Expected("is not a text file (it is a PNG file)"),
    ),
    "png_of_any_name": ("企业名单2025.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", Expected("it is a PNG file")),
    "pdf_named_json": ("enterprises.json", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", Expected("it is a PDF file")),
    "zip_named_csv": ("企业名单.csv", _zip({"a.txt": "not a workbook"}), Expected("it is a ZIP file")),
    "xls_named_xlsx": ("企业名单.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(64), NOT_XLSX),
    "nul_byte": (
        "enterprises.csv",
        HEADER.encode() + line("enterprises", **{**GOOD, "name_zh": "长\x00沙"}).encode(),
        Expected("holds a NUL character"),
    ),
    "xlsx_named_csv": (
        "enterprises.csv",
        workbook(sheet_xml(HEADER_ROW + BAD_ROW)),
        Expected("is an .xlsx workbook (zip), not text"),
    ),
    # CSV structure
    "empty": ("enterprises.csv", b"", Expected("the file is empty")),
    "bom_only": ("enterprises.csv", codecs.BOM_UTF8, Expected("the file is empty")),
    "blank_lines_only": ("enterprises.csv", b"\n\n\n", Expected("names none of the columns of enterprises", 1)),
    "unbalanced_quote": (
        "enterprises.csv",
        (
            HEADER
            + line("enterprises", **{**GOOD, "name_zh": '"长沙某公司'})
            + line("enterprises", **{**GOOD, "id": "E10"})
        ).encode(),
        Expected("unbalanced quote", 2),
    ),
    "quote_inside_quoted_cell": (
        "enterprises.csv",
        (HEADER + line("enterprises", **{**GOOD, "name_zh": '"长沙"某公司"'})).encode(),
        Expected("misplaced quote", 2),
    ),
    "duplicate_header": (
        "enterprises.csv",
        (header("enterprises", "id") + line("enterprises", **GOOD).strip() + ",E9\n").encode(),
        Expected("column appears twice", 1, "id"),
    ),
    "missing_required_column": (
        "enterprises.csv",
        HEADER.replace(",country,", ",").encode(),
        Expected("required column is missing", 1, "country"),
    ),
    "header_of_other_words": (
        "enterprises.csv",
        "号码,名字,地方\nE9,长沙某公司,CN\n".encode(),
        Expected("names none of the columns of enterprises", 1),
    ),
    "long_cell_40k": (
        "enterprises.csv",
        (HEADER + line("enterprises", **{**GOOD, "name_zh": "长" * 40_000})).encode(),
        Expected("longer than 32,767 characters", 2, "name_zh"),
    ),
    "row_of_20k_cells": (
        "enterprises.csv",
        (HEADER + line("enterprises", **GOOD).strip() + "," * 20_000 + "\n").encode(),
        Expected("the row has 20,017 cells, at most 16,384", 2),
    ),
    "header_of_20k_cells": (
        "enterprises.csv",
        (HEADER.strip() + ",x" * 20_000 + "\n").encode(),
        Expected("the row has 20,017 cells", 1),
    ),
    "integer_25_digits": (
        "enterprises.csv",
        (HEADER + line("enterprises", **{**GOOD, "employees": "9" * 25})).encode(),
        BIG_NUMBER,
    ),
    "money_20_digits": (
        "supply_links.csv",
        (header("supply_links") + line("supply_links", **LINK, annual_value_cny="9" * 20)).encode(),
        Expected("is too large", 2, "annual_value_cny"),
    ),
    "money_many_decimals": (
        "supply_links.csv",
        (header("supply_links") + line("supply_links", **LINK, annual_value_cny="1e-60")).encode(),
        Expected("is too large", 2, "annual_value_cny"),
    ),
    "money_nan": (
        "supply_links.csv",
        (header("supply_links") + line("supply_links", **LINK, annual_value_cny="NaN")).encode(),
        Expected("must be a finite number", 2, "annual_value_cny"),
    ),
    "share_infinity": (
        "supply_links.csv",
        (header("supply_links") + line("supply_links", **LINK, share="inf")).encode(),
        Expected("must be a finite number", 2, "share"),
    ),
    # names
    "unknown_kind_name": ("stuff.csv", TEXT.encode(), DECODED),  # the kind is guessed from the header
    "headers_of_no_kind": (
        "stuff.csv",
        b"a,b,c\n1,2,3\n",
        Expected("cannot tell its kind from its name or its headers"),
    ),
    "headers_of_two_kinds": (
        "名单.csv",
        b"id,name_zh,source\nX1,x,synthetic\n",
        Expected("could be any of clusters, projects, brands"),  # id, name_zh, source: all three require only these
    ),
    "wrong_extension_txt": ("enterprises.txt", TEXT.encode(), Expected("is not a .csv, .xlsx or .json file")),
    "no_extension": ("enterprises", TEXT.encode(), Expected("is not a .csv, .xlsx or .json file")),
    # JSON
    "json_empty": ("enterprises.json", b"", Expected("is not valid JSON")),
    "json_syntax": ("enterprises.json", b'[{"id": "E9",}]', Expected("is not valid JSON")),
    "json_object_not_list": ("enterprises.json", b'{"id": "E9"}', Expected("must be a JSON list of objects")),
    "json_list_of_numbers": ("enterprises.json", b"[1, 2, 3]", Expected("must be a JSON list of objects")),
    "json_null": ("enterprises.json", b"null", Expected("must be a JSON list of objects")),
    "json_nan": (
        "enterprises.json",
        b'[{"id": "E9", "name_zh": "x", "country": "CN", "employees": NaN, "source": "s"}]',
        Expected("NaN is not a number JSON allows"),
    ),
    "json_1e400": (
        "enterprises.json",
        b'[{"id": "E9", "name_zh": "x", "country": "CN", "employees": 1e400, "source": "s"}]',
        Expected("beyond the range of a number"),
    ),
    "json_object_in_cell": (
        "enterprises.json",
        json_rows(id={"a": 1}),
        Expected("a cell cannot be a JSON object", 1, "id"),
    ),
    "json_nul_in_string": (
        "enterprises.json",
        json_rows(name_zh="a\x00b"),
        Expected("the cell holds a NUL character", 1, "name_zh"),
    ),
    "json_is_csv": ("enterprises.json", TEXT.encode(), Expected("is not valid JSON")),
    "json_is_xlsx": (
        "enterprises.json",
        workbook(sheet_xml(HEADER_ROW + BAD_ROW)),
        Expected("is an .xlsx workbook (zip), not text"),
    ),
    # XLSX
    "xlsx_not_a_zip": ("enterprises.xlsx", TEXT.encode(), NOT_XLSX),
    "xlsx_legacy_xls": ("enterprises.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504, NOT_XLSX),
    "xlsx_truncated_zip": ("enterprises.xlsx", workbook(sheet_xml(HEADER_ROW + BAD_ROW))[:300], NOT_XLSX),
    "xlsx_zip_without_workbook": ("enterprises.xlsx", _zip({"readme.txt": "hello"}), NO_PARTS),
    "xlsx_broken_content_types": (
        "enterprises.xlsx",
        workbook(sheet_xml(HEADER_ROW + BAD_ROW), **{"[Content_Types].xml": "<Types><broken"}),
        UNREADABLE_XLSX,
    ),
    "xlsx_missing_sheet_part": (
        "enterprises.xlsx",
        workbook(sheet_xml(HEADER_ROW + BAD_ROW), **{"xl/worksheets/sheet1.xml": None}),
        UNREADABLE_XLSX,
    ),
    "xlsx_missing_workbook_part": (
        "enterprises.xlsx",
        workbook(sheet_xml(HEADER_ROW + BAD_ROW), **{"xl/workbook.xml": None}),
        UNREADABLE_XLSX,
    ),
    "xlsx_broken_sheet_xml": ("enterprises.xlsx", workbook(sheet_xml(HEADER_ROW + BAD_ROW)[:-40]), UNREADABLE_XLSX),
    "xlsx_billion_laughs": (
        "enterprises.xlsx",
        workbook(sheet_xml(HEADER_ROW + _row(2, [("A", "&j;")]), prolog=LAUGHS)),
        UNREADABLE_XLSX,
    ),
    "xlsx_external_entity": (
        "enterprises.xlsx",
        workbook(sheet_xml(HEADER_ROW + _row(2, [("A", "&x;")]), prolog=XXE)),
        UNREADABLE_XLSX,
    ),
    "xlsx_lying_dimension": (
        "enterprises.xlsx",
        workbook(sheet_xml(HEADER_ROW + BAD_ROW, dimension="A1:XFD1048576")),
        DECODED,
    ),
    "xlsx_number_5000_digits": (
        "enterprises.xlsx",
        workbook(sheet_xml(HEADER_ROW + '<row r="2"><c r="A2"><v>' + "9" * 5000 + "</v></c></row>")),
        UNREADABLE_XLSX,
    ),
    "xlsx_duplicate_header": (
        "enterprises.xlsx",
        workbook(sheet_xml(HEADER_ROW.replace("</row>", _cell("ZZ1", "id") + "</row>") + BAD_ROW)),
        Expected("column appears twice", 1, "id"),
    ),
    "xlsx_empty_sheet": ("enterprises.xlsx", workbook(sheet_xml("")), Expected("the sheet is empty")),
    "xlsx_no_sheet_named_after_kind": ("book.xlsx", workbook(sheet_xml(HEADER_ROW + BAD_ROW)), DECODED),
    "xlsx_book_not_a_zip": ("book.xlsx", TEXT.encode(), NOT_XLSX),
    "xlsx_cell_at_last_column": (
        "enterprises.xlsx",
        workbook(sheet_xml(HEADER_ROW + "".join(_row(n, [("A", "E9"), ("XFD", "x")]) for n in range(2, 132)))),
        Expected("holds more than 1,000,000 cells", 63),
    ),
}


def _bomb(path: Path) -> None:
    """Write an .xlsx of about 3 MB that inflates to about 1 GB: a sheet of one row repeated, deflated once
    and its compressed block repeated (each block ends with a full flush, so the copies are identical)."""
    row = '<row r="2"><c r="A2"><v>1</v></c></row>'
    chunk = (row * ((1 << 20) // len(row) + 1)).encode()
    head = sheet_xml(HEADER_ROW + "BODY").split("BODY")[0].encode()
    tail = b"</sheetData></worksheet>"
    block = zlib.compressobj(9, zlib.DEFLATED, -15)
    repeated = block.compress(chunk) + block.flush(zlib.Z_FULL_FLUSH)
    crc = zlib.crc32(head)
    for _ in range(1000):
        crc = zlib.crc32(chunk, crc)
    crc = zlib.crc32(tail, crc)
    ends = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = ends.compress(head) + ends.flush(zlib.Z_FULL_FLUSH)
    last = zlib.compressobj(9, zlib.DEFLATED, -15)
    data = first + repeated * 1000 + last.compress(tail) + last.flush()
    sheet = ("xl/worksheets/sheet1.xml", data, crc, len(head) + 1000 * len(chunk) + len(tail))
    parts = [
        (name, zlib.compress(text.encode(), 9)[2:-4], zlib.crc32(text.encode()), len(text.encode()))
        for name, text in (
            ("[Content_Types].xml", CONTENT_TYPES),
            ("_rels/.rels", RELS),
            ("xl/workbook.xml", WORKBOOK),
            ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
        )
    ]
    path.write_bytes(_raw_zip([*parts, sheet]))


def _raw_zip(members: list[tuple[str, bytes, int, int]]) -> bytes:
    """Return a zip of already deflated members (name, data, CRC-32, inflated size)."""
    local, central = b"", b""
    for name, data, crc, size in members:
        encoded = name.encode()
        fields = struct.pack("<HHHHHIII", 20, 0, 8, 0, 0, crc, len(data), size)
        central += (
            b"PK\x01\x02"
            + struct.pack("<H", 20)
            + fields
            + struct.pack("<HHHHHII", len(encoded), 0, 0, 0, 0, 0, len(local))
            + encoded
        )
        local += b"PK\x03\x04" + fields + struct.pack("<HH", len(encoded), 0) + encoded + data
    end = b"PK\x05\x06" + struct.pack("<HHHHIIH", 0, 0, len(members), len(members), len(central), len(local), 0)
    return local + central + end


def _write_bytes(data: Callable[[], bytes]) -> Callable[[Path], None]:
    return lambda path: path.write_bytes(data())


BIG: dict[str, tuple[str, Callable[[Path], None], Expected]] = {
    "cell_10mb": (
        "enterprises.csv",
        _write_bytes(lambda: (HEADER + line("enterprises", **{**GOOD, "name_zh": "x" * 10_000_000})).encode()),
        LONG_CELL,
    ),
    "json_nested_10000": (
        "enterprises.json",
        _write_bytes(lambda: b"[" * 10_000 + b"]" * 10_000),
        Expected("nested too deeply"),
    ),
    "json_integer_5000_digits": (
        "enterprises.json",
        _write_bytes(lambda: json_rows(employees=12345).replace(b"12345", b"9" * 5000)),
        Expected("is too large", 1, "employees"),
    ),
    "csv_integer_5000_digits": (
        "enterprises.csv",
        _write_bytes(lambda: (HEADER + line("enterprises", **{**GOOD, "employees": "9" * 5000})).encode()),
        BIG_NUMBER,
    ),
    "rows_over_cap": (
        "enterprises.csv",
        _write_bytes(lambda: HEADER.encode() + b"\n" * 2_000_001),
        Expected("holds more than 2,000,000 rows"),
    ),
    "xlsx_bomb": ("enterprises.xlsx", _bomb, Expected("inflates to 1,000 MB, over the 100 MB limit for a workbook")),
}


def write_small(folder: Path = FOLDER) -> None:
    """Write the small cases as files named `<case>__<upload name>`."""
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.iterdir():
        old.unlink()
    for case, (name, data, _) in SMALL.items():
        (folder / f"{case}__{name}").write_bytes(data)


def write_big(folder: Path) -> dict[str, Path]:
    """Write the big cases into a folder (each in a sub-folder, under its upload name) and return their paths."""
    paths = {}
    for case, (name, write, _) in BIG.items():
        (folder / case).mkdir(parents=True)
        paths[case] = folder / case / name
        write(paths[case])
    return paths


if __name__ == "__main__":
    write_small()
