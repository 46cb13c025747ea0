# Shared by the benchmarks: installs what they need (libclang, wrk), builds steppe in release
# mode and makes a venv with Oxigraph's own binary (the `oxigraph` package on PyPI, the engine
# version steppe uses). Sets STEPPE and OXIGRAPH. Sourced with WORK set.
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$HOME/.cache/steppe/target}
sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
need() { # need COMMAND-OR-LIBRARY-TEST PACKAGE
  eval "$1" >/dev/null 2>&1 || { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$2" >/dev/null; }
}
need 'ldconfig -p | grep -q libclang' libclang-dev
need 'command -v wrk' wrk
cargo build --release --quiet
STEPPE="$CARGO_TARGET_DIR/release/steppe"
if [ ! -x "$WORK/venv/bin/oxigraph" ]; then
  python3 -m venv "$WORK/venv"
  "$WORK/venv/bin/pip" install --quiet "oxigraph==0.5.13"
fi
OXIGRAPH="$WORK/venv/bin/oxigraph"
