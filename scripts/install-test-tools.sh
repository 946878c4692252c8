#!/usr/bin/env bash
# Install the tools the tests read PDFs with (poppler-utils: pdftotext, pdffonts, pdftoppm); does nothing when
# they are present.
set -euo pipefail

if command -v pdftotext >/dev/null && command -v pdffonts >/dev/null && command -v pdftoppm >/dev/null; then
    echo "install-test-tools: pdftotext, pdffonts and pdftoppm are already installed; nothing to do"
    exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
    sudo="sudo"
fi
echo "install-test-tools: installing poppler-utils"
$sudo apt-get update
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends poppler-utils
echo "install-test-tools: installed $(pdftotext -v 2>&1 | head -n 1)"
