#!/usr/bin/env bash
# Seed frontend-maven-plugin's Node cache from the Node/npm already installed
# on this machine, so `install-node-and-npm` needs no download from nodejs.org.
#
# Usage: .ci/node-cache.sh [node-version] [maven-local-repository]
#   node-version  e.g. v20.20.2 (default: <node.version> in the root pom.xml)
#   maven-local-repository (default: $HOME/.m2/repository)
#
# Idempotent: does nothing if the archive is already cached. If the installed
# node is missing or is a different version, it prints a note and exits 0;
# the plugin then downloads Node as usual.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

version=${1:-}
if [[ -z "$version" ]]; then
  version=$(sed -n 's:.*<node\.version>\(.*\)</node\.version>.*:\1:p' "$root/pom.xml" | head -n 1)
fi
if [[ -z "$version" ]]; then
  echo "node-cache: cannot determine the pinned node version" >&2
  exit 1
fi
version=${version#v}
repo=${2:-$HOME/.m2/repository}

case "$(uname -s)" in
  Linux) os=linux ;;
  Darwin) os=darwin ;;
  *) echo "node-cache: unsupported OS $(uname -s); skipping"; exit 0 ;;
esac
case "$(uname -m)" in
  x86_64 | amd64) arch=x64 ;;
  aarch64 | arm64) arch=arm64 ;;
  *) echo "node-cache: unsupported architecture $(uname -m); skipping"; exit 0 ;;
esac

name="node-v$version-$os-$arch"
dir="$repo/com/github/eirslett/node/$version"
archive="$dir/node-$version-$os-$arch.tar.gz"

if [[ -s "$archive" ]]; then
  exit 0
fi

if ! node_bin=$(command -v node); then
  echo "node-cache: no node installed; frontend-maven-plugin will download Node v$version"
  exit 0
fi
installed=$(node --version)
if [[ "$installed" != "v$version" ]]; then
  echo "node-cache: installed node is $installed, pinned is v$version; frontend-maven-plugin will download it"
  exit 0
fi

prefix=$(cd "$(dirname "$(readlink -f "$node_bin")")/.." && pwd)
npm_dir="$prefix/lib/node_modules/npm"
if [[ ! -f "$npm_dir/package.json" ]] && command -v npm >/dev/null; then
  npm_dir="$(npm root -g 2>/dev/null)/npm"
fi
if [[ ! -f "$npm_dir/package.json" ]]; then
  echo "node-cache: no global npm package found; frontend-maven-plugin will download Node v$version"
  exit 0
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/$name/bin" "$work/$name/lib/node_modules"
cp "$prefix/bin/node" "$work/$name/bin/node"
cp -RL "$npm_dir" "$work/$name/lib/node_modules/npm"
ln -s ../lib/node_modules/npm/bin/npm-cli.js "$work/$name/bin/npm"
ln -s ../lib/node_modules/npm/bin/npx-cli.js "$work/$name/bin/npx"

mkdir -p "$dir"
tmp="$archive.tmp.$$"
tar -czf "$tmp" -C "$work" "$name" || { rm -f "$tmp"; exit 1; }
mv -f "$tmp" "$archive"
echo "node-cache: cached $installed ($prefix/bin/node, npm $(node -p "require('$npm_dir/package.json').version")) as $archive"
