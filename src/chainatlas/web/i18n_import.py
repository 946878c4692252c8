"""The import page's labels (Chinese, English): the kind chooser, the templates, the files read."""

from __future__ import annotations

IMPORT_PAGE_MESSAGES: dict[str, tuple[str, str]] = {
    "import.lead": (
        "上传 CSV、XLSX 或 JSON 文件，文件名随意（如 企业名单2025.xlsx）：数据类型可以在下面选择，不选时按文件名或表头判断。"
        "先校验全部行，只要有一个问题就不写入任何数据。",
        "Upload CSV, XLSX or JSON files under any name (e.g. company list 2025.xlsx): choose their kind below, or leave it "
        "to their names or headers. Every row is checked first; if anything is wrong, nothing is written.",
    ),
    "import.kind": ("数据类型", "Kind"),
    "import.kind_auto": ("自动判断（按文件名或表头）", "Tell from the file name or headers"),
    "import.kinds": ("下载导入模板", "Download an import template"),
    "import.templates_lead": (
        "每种数据一个 Excel 模板：表头为中文加英文列名，第 2 行是示例（原样保留时导入会跳过），枚举列有下拉选项。",
        "One Excel template per kind: Chinese headers with the English column names, an example in row 2 (skipped "
        "while left as it is), drop-down lists for the columns with fixed values.",
    ),
    "import.template": ("模板", "Template"),
    "import.files_read": ("读取的文件", "Files read"),
    "import.absent": ("文件中没有的列", "Columns the file lacks"),
    "import.absent_note": (
        "文件中没有的可选列：已有记录保留原值，新记录留空。",
        "Optional columns a file lacks: existing records keep their values, new records leave them empty.",
    ),
    "import.no_absent": ("无", "None"),
    "import.list_separator": ("、", ", "),
    "col.rows": ("行数", "Rows"),
}
