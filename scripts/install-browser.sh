#!/usr/bin/env bash
# Install Debian's Chromium and the Noto CJK fonts (the browser tests, and the briefing's PDF under `make run`);
# does nothing when both are present.
set -euo pipefail

missing=()
[ -x /usr/bin/chromium ] || missing+=("chromium" "chromium-driver")
if ! dpkg-query -W -f='${Status}' fonts-noto-cjk 2>/dev/null | grep -q "install ok installed"; then
    missing+=("fonts-noto-cjk")
fi

if [ "${#missing[@]}" -eq 0 ]; then
    echo "install-browser: /usr/bin/chromium and the Noto CJK fonts are already installed; nothing to do"
    exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
    sudo="sudo"
fi
echo "install-browser: installing ${missing[*]} (chromium and its driver go together)"
$sudo apt-get update
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends "${missing[@]}"
echo "install-browser: installed ${missing[*]}; $(/usr/bin/chromium --version 2>/dev/null || echo 'chromium version unknown')"
