#!/usr/bin/env bash
# Builds the app (release) and serves it on http://127.0.0.1:8080, rebuilding on changes.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh app
source scripts/env.sh
echo "Serving the complaint desk on http://127.0.0.1:8080 (Ctrl+C to stop)"
exec trunk serve --release --offline --address 127.0.0.1 --port 8080
