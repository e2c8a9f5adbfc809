#!/bin/sh
# uninstall.sh [--quiet] — removes the jwtflow that install.sh installed: every file and folder
# named in installed-files beside this script (the commands, the menu entry, the icons, the
# metainfo, the man pages and the folders install.sh made for them), then this folder. Folders
# that hold anything else are kept. Settings (~/.config/jwtflow) and keychain entries stay.
set -eu
quiet=
[ "${1:-}" = --quiet ] && quiet=1
die() { printf 'uninstall.sh: error: %s\n' "$*" >&2; exit 1; }

dest=$(readlink -f -- "$0"); dest=${dest%/*}
manifest=$dest/installed-files
[ -f "$manifest" ] || die "no $manifest: this is not an installed jwtflow (an unpacked bundle is removed by deleting its folder)"

# Files first, then this folder, then the folders install.sh made, newest first, each only if empty.
list=$(mktemp)
trap 'rm -f "$list"' EXIT
cp "$manifest" "$list"
while read -r kind path; do
  if [ "$kind" = f ] && { [ -f "$path" ] || [ -L "$path" ]; }; then rm -f "$path"; fi
done <"$list"
rm -rf "$dest"
sed -n '1!G;h;$p' "$list" | while read -r kind path; do
  if [ "$kind" = d ] && [ -d "$path" ]; then rmdir "$path" 2>/dev/null || true; fi
done
[ -n "$quiet" ] || echo "jwtflow removed from $dest (settings in ~/.config/jwtflow are kept)"
