#!/usr/bin/env bash
# Idempotent project setup. Prints one line per action taken, nothing when all is done.
#
#   bash scripts/setup.sh              npm dependencies + build lib/ (lib/dist)
#   bash scripts/setup.sh --notebooks  also Debian's Jupyter (nbconvert, nbclient, ipykernel),
#                                      chromium and a font, needed to execute notebooks and
#                                      render static Plotly figures
#
# Installing Debian packages needs root (CI runs as root) or password-less sudo.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

notebooks=0
for arg in "$@"; do
  case "$arg" in
    --notebooks) notebooks=1 ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "setup: unknown option $arg" >&2; exit 2 ;;
  esac
done

say() { echo "setup: $*"; }

# Run a command quietly; show its output only if it fails.
quiet() {
  local log
  log="$(mktemp)"
  if ! "$@" >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    echo "setup: FAILED: $*" >&2
    return 1
  fi
  rm -f "$log"
}

# ---- npm dependencies -------------------------------------------------------
npm_flags=(--no-audit --no-fund --loglevel=error)
if [ ! -d node_modules ]; then
  if [ -f package-lock.json ]; then
    say "npm ci (node_modules missing)"
    quiet npm ci "${npm_flags[@]}"
  else
    say "npm install (node_modules missing, no package-lock.json)"
    quiet npm install "${npm_flags[@]}"
  fi
elif [ ! -f node_modules/.package-lock.json ] ||
     { [ -f package-lock.json ] && [ package-lock.json -nt node_modules/.package-lock.json ]; }; then
  say "npm install (package-lock.json is newer than node_modules)"
  quiet npm install "${npm_flags[@]}"
  # npm may leave its hidden lockfile untouched when nothing changed: mark this install.
  touch node_modules/.package-lock.json
fi

# ---- build lib --------------------------------------------------------------
# lib/dist/.build-stamp is touched after every successful build; rebuild when any
# source or build configuration is newer than it.
stamp=lib/dist/.build-stamp
reason=""
if [ ! -d lib/dist ]; then
  reason="lib/dist missing"
elif [ ! -f "$stamp" ]; then
  reason="no build stamp in lib/dist"
elif [ -n "$(find lib/src lib/tsconfig.json lib/package.json -newer "$stamp" \( -name '*.ts' -o -name '*.json' \) -print -quit)" ]; then
  reason="lib/src changed"
fi
if [ -n "$reason" ]; then
  say "build lib: npx tsc -p lib ($reason)"
  # a clean build: tsc never deletes the output of a source that was moved or removed
  rm -rf lib/dist
  quiet npx --no-install tsc -p lib
  chmod +x lib/dist/cli/main.js
  touch "$stamp"
fi

# npm links the workspace's `potmap` bin only if lib/dist/cli/main.js existed at install time
if [ ! -e node_modules/.bin/potmap ] && [ -f lib/dist/cli/main.js ]; then
  say "link node_modules/.bin/potmap"
  chmod +x lib/dist/cli/main.js
  ln -sf ../potmap/dist/cli/main.js node_modules/.bin/potmap
fi

# ---- notebooks: Debian Jupyter + chromium ----------------------------------
if [ "$notebooks" = 1 ]; then
  pkgs=(jupyter-nbconvert jupyter-client python3-nbclient python3-ipykernel python3-nbformat
        chromium fonts-dejavu-core)
  missing=()
  for p in "${pkgs[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$p")
    fi
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    if [ "$(id -u)" = 0 ]; then
      sudo=()
    elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
      sudo=(sudo -n)
    else
      echo "setup: missing Debian packages: ${missing[*]}" >&2
      echo "setup: run as root: apt-get update && apt-get install -y --no-install-recommends ${missing[*]}" >&2
      exit 1
    fi
    say "apt-get update"
    quiet "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
    say "apt-get install ${missing[*]}"
    quiet "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
      apt-get install -y -q --no-install-recommends "${missing[@]}"
  fi
  for exe in /usr/bin/jupyter-nbconvert /usr/bin/chromium node_modules/.bin/tslab; do
    if [ ! -x "$exe" ]; then
      echo "setup: expected $exe after setup, it is missing" >&2
      exit 1
    fi
  done
fi
