#!/usr/bin/env bash
# PackSeal's one entry point for a development machine.
#   ./dev.sh run [ARGS]     start PackSeal (test camera when no camera is attached)
#   ./dev.sh test [ARGS]    run the test suite (ARGS go to pytest); without ARGS (and always when
#                           CI=true) the whole suite on two workers (PACKSEAL_TEST_WORKERS=N for
#                           more), with the frozen app and the .deb built and checked (selftest,
#                           window) as one test; PACKSEAL_SKIP_BUNDLE=1 skips that outside CI
#   ./dev.sh hub [ARGS]     run the hub (packseal hub ARGS; docs/HUB.md): by default its own PostgreSQL
#                           and SeaweedFS in its data folder, HTTPS on port 8443
#   ./dev.sh bundle [CMD]   build the installers: the one-folder app in dist/ and the .deb
#                           (installer/build.py; CMD: all, bundle, deb, check, icons)
# Each first makes sure everything is installed: the Debian packages Qt and the
# fonts need, PostgreSQL's server for the hub, a virtual environment in .venv, and the project with its Python
# dependencies (the ffmpeg binary comes inside imageio-ffmpeg). A second run
# only checks stamps and is quick.
set -euo pipefail
cd "$(dirname "$0")"

VENV=${PACKSEAL_VENV:-.venv}
PY=${PYTHON:-python3}
DEB_PACKAGES=(libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1
  libdbus-1-3 libglib2.0-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1
  libxcb-shape0 libxcb-image0 libxcb-render-util0 libpulse0 openssl xvfb xauth xdotool
  postgresql    # the hub's private PostgreSQL (initdb/postgres in /usr/lib/postgresql/*/bin) and pg_trgm
  chromium fonts-noto-cjk)  # the web viewer's browser tests and bench; Chinese text in its pages

log() { printf '[dev.sh] %s\n' "$*" >&2; }

ensure_debian_packages() {
  command -v dpkg-query >/dev/null 2>&1 || return 0
  local missing=() p
  for p in "${DEB_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
  done
  if ! "$PY" -c 'import ensurepip' >/dev/null 2>&1; then missing+=(python3-venv); fi
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo=(sudo); else
      log "missing Debian packages: ${missing[*]} (install them as root)"; return 0
    fi
  fi
  log "installing Debian packages: ${missing[*]}"
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

ensure_venv() {
  [ -x "$VENV/bin/python" ] || { log "creating $VENV"; "$PY" -m venv "$VENV"; }
  local stamp="$VENV/.packseal-stamp" want
  want=$(cat pyproject.toml | sha256sum | cut -d' ' -f1)
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    log "installing PackSeal and its dependencies into $VENV"
    "$VENV/bin/python" -m pip install -q --disable-pip-version-check --upgrade pip
    "$VENV/bin/python" -m pip install -q --disable-pip-version-check -e ".[dev,bundle]"
    echo "$want" >"$stamp"
  fi
}

cmd=${1:-run}; shift || true
ensure_debian_packages
ensure_venv
case "$cmd" in
  run)
    if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ] \
       && [ $# -eq 0 ] && command -v xvfb-run >/dev/null 2>&1; then
      log "no display: running on a virtual screen (xvfb-run)"
      exec xvfb-run -a "$VENV/bin/packseal" "$@"
    fi
    exec "$VENV/bin/packseal" "$@" ;;
  test)
    export QT_QPA_PLATFORM=offscreen
    "$VENV/bin/lint-imports" --no-cache
    if [ "${CI:-}" = true ] || [ $# -eq 0 ]; then
      # The whole suite: two pytest workers, each taking whole test files (module fixtures such as
      # a recorded station or a hub are made once); the frozen app's build and check
      # (tests/installer/test_frozen_app.py) runs on one of them beside the rest.
      if [ "${CI:-}" = true ] || [ "${PACKSEAL_SKIP_BUNDLE:-}" != 1 ]; then
        export PACKSEAL_CHECK_BUNDLE=1
        log "the frozen app is built and checked as one of the tests (PACKSEAL_SKIP_BUNDLE=1 skips it)"
      fi
      exec "$VENV/bin/python" -m pytest -n "${PACKSEAL_TEST_WORKERS:-2}" --dist loadfile --durations=30 "$@"
    fi
    exec "$VENV/bin/python" -m pytest "$@" ;;
  hub)
    exec "$VENV/bin/packseal" hub "$@" ;;
  bundle)
    exec "$VENV/bin/python" installer/build.py "$@" ;;
  *) log "usage: ./dev.sh run [ARGS] | ./dev.sh test [PYTEST ARGS] | ./dev.sh hub [ARGS] | ./dev.sh bundle [CMD]"; exit 2 ;;
esac
