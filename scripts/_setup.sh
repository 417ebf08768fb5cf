# Shared set-up for scripts/run-app and scripts/test: a virtual environment with the project.
# Sourced, not run. Safe to repeat: it only installs what is missing or changed.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
PYTHON_BIN="${PYTHON:-python3}"

if [ ! -x "$VENV/bin/python" ]; then
  echo "Creating a virtual environment in .venv ..."
  "$PYTHON_BIN" -m venv "$VENV"
fi

# Reinstall only when pyproject.toml changed since the last install.
STAMP="$VENV/.installed-$1"
if [ ! -f "$STAMP" ] || [ "$ROOT/pyproject.toml" -nt "$STAMP" ]; then
  echo "Installing the project and its dependencies ($1) ..."
  "$VENV/bin/python" -m pip install --quiet --upgrade pip
  if [ "$1" = dev ]; then
    "$VENV/bin/python" -m pip install --quiet -e "$ROOT[dev]"
  else
    "$VENV/bin/python" -m pip install --quiet -e "$ROOT"
  fi
  touch "$STAMP"
fi
