#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages newsprism needs beyond Python packages:
#   venv: python3-venv (only where `python3 -m venv` fails)
#   test: chromium (browser tests through Playwright) and postgresql (store tests)
# Idempotent: installs only what is missing. Uses sudo when not root.
set -euo pipefail
what="${1:-test}"
packages=()
if [ "$what" = "venv" ]; then
  packages+=(python3-venv)
else
  command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || packages+=(chromium)
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || packages+=(postgresql)
fi
[ ${#packages[@]} -eq 0 ] && exit 0
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
echo "installing system packages: ${packages[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
$sudo apt-get install -y -q --no-install-recommends "${packages[@]}"
