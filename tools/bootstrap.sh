#!/usr/bin/env bash
# Idempotent installer behind every Makefile target.
#   bash tools/bootstrap.sh [all|contributor|python|debian|vale|node]...
# `contributor` installs only what `cvmbok check`, `new` and `preview` need: the tools'
# Python packages (no test suite), Vale and Graphviz (no TeX Live, Java, Chromium, Node).
# Each step checks first and installs only what is missing, so a second run is quiet.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
PYTHON="${PYTHON:-python3}"
# The Vale version is pinned in one place: the require line of tools/vale/go.mod.
VALE_VERSION="$(awk '$1 == "require" && $2 ~ /vale-cli\/vale/ { sub(/^v/, "", $3); print $3 }' "$ROOT/tools/vale/go.mod")"

# Debian packages: the editions (TeX Live for XeLaTeX with latexmk and xindy, fonts,
# Graphviz), PDF inspection (poppler-utils), epubcheck's Java runtime, and Chromium
# for browser checks of the HTML edition; PostgreSQL for the intake server tests.
DEBIAN_PACKAGES=(
  texlive-xetex texlive-latex-recommended texlive-latex-extra texlive-fonts-recommended
  tex-gyre latexmk xindy fonts-freefont-otf fonts-dejavu-core
  graphviz poppler-utils chromium chromium-driver make
  postgresql
)

say() { printf 'bootstrap: %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo "$@"
  else
    say "need root to run: $*"
    say "install these Debian packages yourself, then run make again: ${MISSING[*]}"
    exit 2
  fi
}

step_debian() {
  MISSING=()
  for pkg in "${DEBIAN_PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
      MISSING+=("$pkg")
    fi
  done
  # Any Java 11+ runtime serves epubcheck; install Debian's only when there is none.
  command -v java >/dev/null 2>&1 || MISSING+=(default-jre-headless)
  if [ ${#MISSING[@]} -eq 0 ]; then
    say "Debian packages present"
    return
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    say "no apt-get on this machine; install the equivalents of: ${MISSING[*]}"
    exit 2
  fi
  say "installing Debian packages: ${MISSING[*]} (several minutes for TeX Live)"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${MISSING[@]}" >/dev/null
  say "Debian packages installed"
}

step_python() {
  # $1: "dev" (default: the tools plus the test suite's packages) or "contributor"
  # (only what `cvmbok check`, `new` and `preview` run on). A dev install satisfies both.
  local kind="${1:-dev}"
  if [ ! -x "$VENV/bin/python" ]; then
    say "creating $VENV"
    "$PYTHON" -m venv "$VENV"
  fi
  local stamp="$VENV/.cvmbok-installed" want have=""
  want="$(cat "$ROOT/pyproject.toml" | sha256sum | cut -d' ' -f1)"
  [ -f "$stamp" ] && have="$(cat "$stamp")"
  if "$VENV/bin/python" -c "import cvmbok" 2>/dev/null && { [ "$have" = "$want" ] || { [ "$kind" = contributor ] && [ "$have" = "$want contributor" ]; }; }; then
    say "Python packages up to date"
    return
  fi
  say "installing Python packages into .venv ($kind)"
  "$VENV/bin/python" -m pip install -q --upgrade pip
  if [ "$kind" = contributor ]; then
    "$VENV/bin/python" -m pip install -q -e "$ROOT"
    printf '%s contributor\n' "$want" > "$stamp"
  else
    "$VENV/bin/python" -m pip install -q -e "$ROOT[dev]"
    printf '%s\n' "$want" > "$stamp"
  fi
}

step_graphviz() {
  # The one Debian package a contributor needs: `cvmbok preview` draws the book's figures.
  command -v dot >/dev/null 2>&1 && { say "Graphviz present"; return; }
  MISSING=(graphviz)
  if ! command -v apt-get >/dev/null 2>&1; then
    say "Graphviz is missing: install it with your package manager (brew install graphviz, ...) for cvmbok preview"
    return
  fi
  say "installing Graphviz (for cvmbok preview)"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends graphviz >/dev/null
}

step_vale() {
  local bin="$VENV/bin/vale"
  if [ -x "$bin" ] && "$bin" --version 2>/dev/null | grep -qx "vale version $VALE_VERSION"; then
    say "Vale $VALE_VERSION present"
    return
  fi
  if ! command -v go >/dev/null 2>&1; then
    say "Vale $VALE_VERSION is missing and there is no Go toolchain to build it."
    say "Install Go 1.25+ (or put the official Vale $VALE_VERSION binary at $bin) and run make again."
    exit 2
  fi
  mkdir -p "$VENV/bin"
  say "building Vale $VALE_VERSION from the Go module proxy (about a minute)"
  (cd "$ROOT/tools/vale" && CGO_ENABLED=1 go build -trimpath -o "$bin" \
      -ldflags "-X main.version=$VALE_VERSION" github.com/vale-cli/vale/v3/cmd/vale)
  "$bin" --version >&2
}

step_node() {
  # The accessibility checks drive Debian's Chromium with playwright-core and axe-core,
  # pinned in tools/browser/package-lock.json (playwright-core never downloads a browser).
  local dir="$ROOT/tools/browser" stamp want
  if ! command -v npm >/dev/null 2>&1; then
    say "npm is missing; installing Debian's nodejs and npm"
    MISSING=(nodejs npm)
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends nodejs npm >/dev/null
  fi
  stamp="$dir/node_modules/.cvmbok-installed"
  want="$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    say "npm packages up to date"
    return
  fi
  say "installing npm packages in tools/browser (npm ci)"
  (cd "$dir" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null)
  printf '%s\n' "$want" > "$stamp"
}

steps=("$@")
[ ${#steps[@]} -eq 0 ] && steps=(all)
for s in "${steps[@]}"; do
  case "$s" in
    all) step_debian; step_python; step_vale; step_node ;;
    contributor) step_python contributor; step_vale; step_graphviz ;;
    node) step_node ;;
    python) step_python ;;
    debian) step_debian ;;
    vale) step_vale ;;
    *) say "unknown step '$s' (all, contributor, python, debian, vale, node)"; exit 2 ;;
  esac
done
