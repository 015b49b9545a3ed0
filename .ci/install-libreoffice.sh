#!/usr/bin/env bash
# Installs what the PDF rendering check needs: LibreOffice Writer (headless), CJK fonts, poppler.
# Idempotent: does nothing when soffice and pdftotext are already on the PATH.
set -euo pipefail

if command -v soffice >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1 \
    && command -v pdfinfo >/dev/null 2>&1 && command -v pdftoppm >/dev/null 2>&1; then
    echo "libreoffice and poppler-utils already installed"
    exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y --no-install-recommends \
    libreoffice-writer-nogui fonts-noto-cjk fonts-wqy-zenhei poppler-utils

soffice --version
