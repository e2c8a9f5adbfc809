#!/bin/sh
# install.sh [--prefix DIR] — installs this jwtflow bundle for the current user, in ~/.local by
# default: the bundle in DIR/lib/jwtflow, the commands jwtflow and jwtflow-cli in DIR/bin (links to
# the launchers), the menu entry, the icons, the AppStream metainfo and the man pages in DIR/share.
# Needs no root and touches nothing outside DIR. Every file and folder it makes is listed in
# DIR/lib/jwtflow/installed-files, which DIR/lib/jwtflow/uninstall.sh removes again.
# Installing over an earlier install replaces it.
set -eu

usage() { sed -n '2,7s/^# \{0,1\}//p' "$0"; }
die() { printf 'install.sh: error: %s\n' "$*" >&2; exit 1; }

prefix=${HOME:?HOME is not set}/.local
while [ $# -gt 0 ]; do
  case $1 in
    --prefix) [ $# -ge 2 ] || die "--prefix needs a folder"; prefix=$2; shift 2 ;;
    --prefix=*) prefix=${1#--prefix=}; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
done
case $prefix in /*) ;; *) prefix=$(pwd)/$prefix ;; esac

src=$(readlink -f -- "$0"); src=${src%/*}
[ -x "$src/jwtflow" ] && [ -x "$src/bin/jwtflow" ] || die "run install.sh from an unpacked jwtflow bundle"
desktop=$(ls "$src"/share/applications/*.desktop 2>/dev/null | head -n1)
[ -n "$desktop" ] || die "the bundle has no desktop entry"
id=$(basename "$desktop" .desktop)
dest=$prefix/lib/jwtflow
# The desktop entry's Exec= names the launcher by its full path (~/.local/bin may not be on the
# menu's PATH); quoting rules aside, a path with these characters is refused rather than mangled.
case $dest in *[\"\`\$\\%\|\&]*|*"
"*) die "the install folder $dest holds a character this installer does not write into a desktop entry (\" \` \$ \\ % | & or a line break)" ;; esac

if [ -f "$dest/installed-files" ] && [ -x "$dest/uninstall.sh" ]; then
  [ "$(readlink -f -- "$dest")" != "$src" ] || die "this bundle is the installed one; run it as it is"
  echo "install.sh: replacing the jwtflow installed in $dest"
  "$dest/uninstall.sh" --quiet
fi
[ ! -e "$dest" ] || die "$dest exists and is not a jwtflow install; move it away first"
for cmd in jwtflow jwtflow-cli; do
  if [ -e "$prefix/bin/$cmd" ] || [ -L "$prefix/bin/$cmd" ]; then
    die "$prefix/bin/$cmd exists already (another jwtflow?); remove it first"
  fi
done

# Folders are made one level at a time so the manifest names exactly the ones this install made.
manifest=$(mktemp)
trap 'rm -f "$manifest"' EXIT
mkdirs() {
  if [ -z "$1" ] || [ -d "$1" ]; then return 0; fi
  mkdirs "${1%/*}"
  mkdir "$1"
  echo "d $1" >>"$manifest"
}
place() { # SOURCE TARGET: copies one file, mode kept
  mkdirs "${2%/*}"
  cp "$1" "$2"
  echo "f $2" >>"$manifest"
}

mkdirs "${dest%/*}"
cp -R "$src" "$dest.partial"
mv "$dest.partial" "$dest"
echo "d $dest" >>"$manifest"
mkdirs "$prefix/bin"
for cmd in jwtflow jwtflow-cli; do
  ln -s "$dest/$cmd" "$prefix/bin/$cmd"
  echo "f $prefix/bin/$cmd" >>"$manifest"
done

apps=$prefix/share/applications
mkdirs "$apps"
sed -e "s|^Exec=jwtflow\$|Exec=\"$dest/jwtflow\"|" -e "s|^Exec=jwtflow |Exec=\"$dest/jwtflow\" |" "$desktop" >"$apps/$id.desktop"
grep -q "^Exec=\"$dest/jwtflow\"" "$apps/$id.desktop" || die "the desktop entry's Exec= is not jwtflow"
echo "f $apps/$id.desktop" >>"$manifest"
(cd "$src/share" && find icons metainfo man -type f) | while read -r f; do
  place "$src/share/$f" "$prefix/share/$f"
done

mv "$manifest" "$dest/installed-files"
trap - EXIT
# The menu notices the new entry by itself; update-desktop-database only matters for MIME types.
echo "jwtflow installed in $dest"
echo "  commands: $prefix/bin/jwtflow, $prefix/bin/jwtflow-cli; menu: Development ▸ jwtflow"
echo "  uninstall: $dest/uninstall.sh"
case ":$PATH:" in
  *":$prefix/bin:"*) ;;
  *) echo "  $prefix/bin is not on your PATH: add it (e.g. in ~/.profile) to type jwtflow in a terminal" ;;
esac
