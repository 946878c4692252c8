"""Uploads for an import, as the adapters see them: one saver for the pages and the API, with the size limit.

`interchange.uploads` does the work (names checked, sizes capped while streaming); the API's body-size guard
(`api/upload_limit.py`) words its 413 with the same message.
"""

from __future__ import annotations

from chainatlas.interchange.uploads import UploadTooLarge, save_upload, save_uploads, too_large_message

__all__ = ["UploadTooLarge", "save_upload", "save_uploads", "too_large_message"]
