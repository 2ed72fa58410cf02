#!/bin/sh
# Print the path of a Python >= 3.12 interpreter (Django 6 needs it), or explain what to install.
for candidate in "${PYTHON:-}" python3.13 python3.12 python3; do
  [ -n "$candidate" ] || continue
  path=$(command -v "$candidate" 2>/dev/null) || continue
  if "$path" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' 2>/dev/null; then
    echo "$path"; exit 0
  fi
done
# pyenv shims refuse versions that are installed but not selected: look behind them.
for path in "$HOME"/.pyenv/versions/3.1[2-9]*/bin/python3 /usr/local/bin/python3.1[2-9] /usr/bin/python3.1[2-9]; do
  [ -x "$path" ] || continue
  if "$path" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' 2>/dev/null; then
    echo "$path"; exit 0
  fi
done
echo "Pod Designer needs Python 3.12 or newer (Django 6). Install it (Debian/Ubuntu: apt-get install" \
     "python3.12 python3.12-venv, or pyenv install 3.12) or set PYTHON=/path/to/python3.12." >&2
exit 1
