#!/usr/bin/env bash
# Installs the Debian packages Vigil's tests and quickstart use, when this user can (root or sudo).
# Prints what it could not install and carries on: tests that need a missing part skip or fail
# with a message of their own.
set -u
packages=(openjdk-17-jdk-headless maven openscap-scanner openscap-utils ssg-debian ssg-debderived
  ssg-nondebian ssg-applications openssh-server sudo curl chromium chromium-driver)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo=(sudo -n)
else
  echo "install-deps: not root and no passwordless sudo; please install: ${missing[*]}" >&2
  exit 0
fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -q >/dev/null || echo "install-deps: apt-get update failed" >&2
"${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null \
  || echo "install-deps: apt-get install failed for some of: ${missing[*]}" >&2
exit 0
