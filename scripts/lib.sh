# Shared helpers for scripts/*; source it, don't run it.
# shellcheck shell=bash

# Cargo-installed tools (wasm-bindgen, wasm-bindgen-test-runner) live here.
CARGO_BIN="${CARGO_HOME:-$HOME/.cargo}/bin"
case ":$PATH:" in *":$CARGO_BIN:"*) ;; *) export PATH="$CARGO_BIN:$PATH" ;; esac

# Never download browsers or other binaries from outside the package registries.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# lock_version CRATE: the version of CRATE recorded in Cargo.lock (first match).
lock_version() {
  awk -v want="$1" '
    $1 == "name" && $3 == "\"" want "\"" { hit = 1; next }
    hit && $1 == "version" { gsub(/"/, "", $3); print $3; exit }
    $0 == "" { hit = 0 }
  ' Cargo.lock
}

# The version printed by `wasm-bindgen --version`, or nothing when it is not installed.
wasm_bindgen_cli_version() {
  command -v wasm-bindgen >/dev/null 2>&1 || return 0
  wasm-bindgen --version 2>/dev/null | awk '{ print $2 }'
}

# require_wasm_bindgen: fail unless the CLI matches the wasm-bindgen crate in Cargo.lock.
require_wasm_bindgen() {
  local want have
  want="$(lock_version wasm-bindgen)"
  [[ -n $want ]] || die "wasm-bindgen is not in Cargo.lock"
  have="$(wasm_bindgen_cli_version)"
  [[ $have == "$want" ]] ||
    die "wasm-bindgen CLI is '${have:-missing}', Cargo.lock pins $want: run scripts/setup"
}

# ensure_setup: runs scripts/setup (idempotent: seconds when everything is installed) once per
# command, so every script a person may run first (serve, build-www, perf, test) installs what it
# needs. A script that calls another passes YIBAO_SETUP_DONE down, so setup runs once, not twice.
ensure_setup() {
  [[ ${YIBAO_SETUP_DONE:-} == 1 ]] && return 0
  scripts/setup
  export YIBAO_SETUP_DONE=1
}
