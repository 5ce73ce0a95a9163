#!/usr/bin/env bash
# Installs the Debian packages the test suite drives, when missing (used by .ci/run and by the
# README's test command). Each test that needs one fails without it rather than skipping:
# - pass + gnupg: the secret-reference tests read an API key through a real `pass` store
#   (a throw-away GnuPG key, @flynn/testkit's createPassStore);
# - dbus + gnome-keyring + libsecret-tools: the keyring backend's tests run against a real
#   Secret Service started unlocked inside dbus-run-session (@flynn/testkit's keyring);
# - chromium: the ChatGPT browser-login test opens the authorize URL in headless Chromium.
# Nothing is installed when everything is there; apt-get runs as root, else through sudo.
set -euo pipefail

need=()
command -v pass >/dev/null 2>&1 || need+=(pass)
{ command -v gpg >/dev/null 2>&1 && command -v gpgconf >/dev/null 2>&1; } || need+=(gnupg)
command -v dbus-run-session >/dev/null 2>&1 || need+=(dbus)
command -v dbus-send >/dev/null 2>&1 || need+=(dbus-bin)
command -v gnome-keyring-daemon >/dev/null 2>&1 || need+=(gnome-keyring)
command -v secret-tool >/dev/null 2>&1 || need+=(libsecret-tools)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
[ "${#need[@]}" -eq 0 ] && exit 0

echo "install-test-deps: installing ${need[*]}" >&2
as_root=()
[ "$(id -u)" -eq 0 ] || as_root=(sudo)
"${as_root[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq "${need[@]}" </dev/null
