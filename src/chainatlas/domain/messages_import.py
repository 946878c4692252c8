"""Message texts of imports: files that cannot be read, headers, cells, kinds, templates."""

from __future__ import annotations

IMPORT_MESSAGES: dict[str, tuple[str, str]] = {
    "import.refused": ("{n} 个问题，什么也没有写入", "{n} problem(s); nothing was written"),
    # finding the files and their kind
    "import.no_such_path": ("没有这个文件或文件夹", "no such file or folder"),
    "import.empty_folder": ("文件夹中没有 CSV、XLSX 或 JSON 文件", "the folder holds no .csv, .xlsx or .json file"),
    "import.bad_format": ("不是 CSV、XLSX 或 JSON 文件", "is not a .csv, .xlsx or .json file"),
    "import.unknown_kind": ("没有这种数据类型；可用的类型：{kinds}", "unknown kind; use one of {kinds}"),
    "import.kind_unknown": (
        "无法从文件名或表头判断数据类型：请选择数据类型，或按类型给文件命名（如 企业.xlsx、enterprises.csv）",
        "cannot tell its kind from its name or its headers: choose the kind (--kind), or name the file after "
        "it (enterprises.csv)",
    ),
    "import.kind_ambiguous": (
        "表头可能属于多种数据类型（{kinds}）：请选择数据类型",
        "its headers could be any of {kinds}: choose the kind (--kind)",
    ),
    # headers
    "import.column_missing": (
        "缺少必需的列：`{header_zh}`（英文 `{name}`）",
        "required column is missing (English `{name}` or Chinese `{header_zh}`)",
    ),
    "import.no_columns": ("表头中没有 {kind} 的任何列", "the header names none of the columns of {kind}"),
    "import.column_twice": ("列重复出现", "column appears twice"),
    "import.empty_file": ("文件是空的（没有表头行）", "the file is empty (no header row)"),
    "import.empty_sheet": ("工作表是空的（没有表头行）", "the sheet is empty (no header row)"),
    # sizes and cells
    "import.cell_object": ("单元格不能是 JSON 对象", "a cell cannot be a JSON object"),
    "import.cell_too_long": ("单元格超过 {limit} 个字符", "the cell is longer than {limit} characters"),
    "import.cell_nul": ("单元格含有 NUL 字符", "the cell holds a NUL character"),
    "import.row_too_wide": ("一行有 {count} 个单元格，最多 {limit} 个", "the row has {count} cells, at most {limit}"),
    "import.too_many_rows": ("超过 {limit} 行", "holds more than {limit} rows"),
    "import.duplicate_key": ("键 {key} 重复：{file}第 {row} 行也有", "duplicate key {key}: also at {file}row {row}"),
    # CSV
    "import.csv_unclosed_quote": (
        "引号未闭合：此行的带引号单元格直到文件末尾都没有结束",
        "unbalanced quote: a quoted cell opened in this row never ends",
    ),
    "import.csv_quote": ("引号用法不对：{detail}", "misplaced quote: {detail}"),
    # JSON
    "import.json_not_list": ("必须是由对象组成的 JSON 列表", "must be a JSON list of objects"),
    "import.json_invalid": ("不是有效的 JSON：{detail}", "is not valid JSON: {detail}"),
    "import.json_too_deep": ("JSON 嵌套过深", "the JSON is nested too deeply to read"),
    "import.json_bad_number": ("JSON 中的数无效：{detail}", "holds an invalid number: {detail}"),
    # text files that are not text
    "import.text_is_workbook": (
        "是 .xlsx 工作簿（zip），不是文本文件：请改用 .xlsx 扩展名",
        "is an .xlsx workbook (zip), not text: name it .xlsx",
    ),
    "import.not_text": (
        "不是文本文件（是 {format} 文件）：请上传 CSV、XLSX 或 JSON 文件",
        "is not a text file (it is a {format} file): upload a CSV, XLSX or JSON file",
    ),
    "import.text_nul": (
        "第 {line} 行含有 NUL 字符：不是文本文件（或是无 BOM 的 UTF-16，请另存为 UTF-8）",
        "line {line} holds a NUL character: not a text file (or UTF-16 without a byte-order mark: save it as UTF-8)",
    ),
    "import.text_cut": (
        "第 {line} 行：文件在一个字符中间被截断（{encodings}）",
        "line {line}: the file is cut in the middle of a character ({encodings})",
    ),
    "import.text_undecodable": (
        "第 {line} 行：字节 {bytes} 无法按 {encodings} 解码；请另存为 UTF-8",
        "line {line}: cannot be decoded as {encodings} (bytes {bytes}); save it as UTF-8",
    ),
    # workbooks
    "import.xlsx_not_zip": ("不是 .xlsx 工作簿（不是 zip 文件）", "is not an .xlsx workbook (not a zip file)"),
    "import.xlsx_damaged": ("zip 文件已损坏：{detail}", "the zip file is damaged: {detail}"),
    "import.xlsx_too_many_parts": ("zip 中文件超过 {limit} 个：不是工作簿", "holds over {limit} parts: not a workbook"),
    "import.xlsx_no_parts": (
        "zip 中没有工作簿部件（缺少 [Content_Types].xml）",
        "the zip holds no workbook parts ([Content_Types].xml is missing)",
    ),
    "import.xlsx_too_big": (
        "解压后 {size}，超过工作簿 {limit} MB 的上限（大表请用 CSV）",
        "inflates to {size}, over the {limit} MB limit for a workbook (import large tables as CSV)",
    ),
    "import.xlsx_unreadable": ("无法读取的 .xlsx 工作簿（{detail}）", "is not a readable .xlsx workbook ({detail})"),
    "import.xlsx_too_many_cells": (
        "工作簿超过 {cells} 个单元格或 {rows} 行（大表请用 CSV）",
        "the workbook holds more than {cells} cells or {rows} rows (import large tables as CSV)",
    ),
    # cells read as their column's kind of value
    "cell.bool": ("必须是 是/否、true/false 或 1/0", "must be true/false, 1/0 or yes/no"),
    "cell.word": (
        "必须是以下之一：{allowed_zh}（或英文 {allowed}）",
        "must be one of {allowed} (or the Chinese word: {allowed_zh})",
    ),
    "cell.too_large": ("数值太大（最大 {limit}）", "is too large (at most {limit})"),
    "cell.decimal_too_large": (
        "数值太大（小数点前最多 {digits} 位，共最多 {chars} 个字符）",
        "is too large (at most {digits} digits before the point, {chars} in all)",
    ),
    "cell.not_finite": ("必须是有限的数", "must be a finite number"),
    # upload names
    "upload.not_a_name": ("不是文件名", "is not a file name"),
    "upload.name_has_path": (
        "文件名不能含路径分隔符或控制字符",
        "a file name cannot hold a path separator or a control character",
    ),
    "upload.name_too_long": ("文件名超过 {limit} 字节", "the file name is longer than {limit} bytes"),
    # templates
    "template.unknown_kind": ("没有“{kind}”这种数据类型的模板", "there is no template for the kind {kind}"),
}
