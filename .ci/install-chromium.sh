#!/usr/bin/env bash
# Installs what the browser tests need: headless Chromium and its ChromeDriver (Debian packages), with CJK
# fonts so that Chinese pages render in screenshots.
# Idempotent: does nothing when /usr/bin/chromium and /usr/bin/chromedriver already exist.
set -euo pipefail

if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
    echo "chromium and chromium-driver already installed"
    exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends chromium chromium-driver fonts-noto-cjk >/dev/null

/usr/bin/chromium --version
/usr/bin/chromedriver --version
