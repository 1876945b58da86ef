#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Every language in po/LINGUAS translates every string the sources have now.
#
# The template is extracted afresh from po/POTFILES.in (with the same xgettext
# keywords as meson's glib preset), so a string added to the code without a
# translation fails here with its msgid.  Also checked: POTFILES.in names every
# file with translatable strings, and no _() hides a macro from xgettext.
#
# Usage: test-po.sh SOURCE_ROOT        Exit 77 (skip) without gettext's tools.

set -u

src=${1:?usage: test-po.sh SOURCE_ROOT}
po=$src/po

for tool in xgettext msgmerge msgfmt msgattrib perl; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "SKIP: $tool is not installed"
    exit 77
  fi
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
failed=0

fail () {
  echo "FAIL: $*"
  failed=1
}

# The msgids of a PO file on stdin, one a line, without the header.
print_msgids () {
  awk '/^msgid / { inid = 1; text = substr ($0, 7); next }
       /^"/ && inid { text = text " " $0; next }
       /^msgstr/ { if (inid && text != "\"\"") print "msgid " text; inid = 0 }'
}

# The files POTFILES.in lists, without comments and blank lines.
grep -v -e '^#' -e '^[[:space:]]*$' "$po/POTFILES.in" >"$tmp/listed"

# --- POTFILES.in ------------------------------------------------------------

while read -r file; do
  [ -f "$src/$file" ] || fail "po/POTFILES.in lists $file, which does not exist"
done <"$tmp/listed"

if ! LC_ALL=C sort -c "$tmp/listed" 2>/dev/null; then
  fail "po/POTFILES.in is not sorted (LC_ALL=C sort)"
fi

# Files that call a gettext macro, have translatable GtkBuilder properties or
# are AppStream metainfo (whose name, summary and description are translated).
(
  cd "$src" || exit 1
  find auth-dialog data properties shared src -type f \
       \( -name '*.c' -o -name '*.h' \) -not -path '*/tests/*' -print0 \
    | xargs -0 grep -lE '(^|[^A-Za-z0-9_])(_|N_|C_|NC_|g_dngettext|g_dcgettext|g_dpgettext2) ?\(' \
    2>/dev/null
  find auth-dialog data properties shared src -type f -name '*.ui' \
       -not -path '*/tests/*' -print0 \
    | xargs -0 grep -l 'translatable="yes"' 2>/dev/null
  find data -type f -name '*.metainfo.xml*' 2>/dev/null
) | LC_ALL=C sort -u >"$tmp/needed"

LC_ALL=C comm -23 "$tmp/needed" "$tmp/listed" >"$tmp/unlisted"
if [ -s "$tmp/unlisted" ]; then
  fail "these files have translatable strings but are not in po/POTFILES.in:"
  sed 's/^/    /' "$tmp/unlisted"
fi

# --- strings xgettext cannot see whole --------------------------------------

# xgettext stops at a macro inside _("a" MACRO "b"): its msgid is only "a", the
# program looks up the whole string, and no translation is ever found.
(
  cd "$src" || exit 1
  grep -E '\.(c|h)$' "$tmp/listed" | while read -r file; do
    perl -0777 -ne '
      while (/(?<![A-Za-z0-9_])(N?_)\s*\(\s*(?:"(?:[^"\\]|\\.)*"\s*)+([A-Za-z_]\w*)/g) {
        my $line = (substr ($_, 0, $-[0]) =~ tr/\n//) + 1;
        print "$ARGV:$line: $2 inside $1()\n";
      }' "$file"
  done
) >"$tmp/macros"
if [ -s "$tmp/macros" ]; then
  fail "a macro inside _() cuts the msgid short; write the text out (for a gsize: %lu and a cast to unsigned long, not G_GSIZE_FORMAT):"
  sed 's/^/    /' "$tmp/macros"
fi

# --- the current template ---------------------------------------------------

# meson's i18n preset 'glib', as po/meson.build uses it.
if ! xgettext --package-name=nm-l2tp-ipsec -D "$src" -f "$tmp/listed" -k_ \
       --from-code=UTF-8 --add-comments \
       --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
       --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
       --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format \
       --flag=NC_:2:pass-c-format --flag=g_dngettext:2:pass-c-format \
       --flag=g_strdup_printf:1:c-format --flag=g_string_printf:2:c-format \
       --flag=g_string_append_printf:2:c-format --flag=g_error_new:3:c-format \
       --flag=g_set_error:4:c-format --flag=g_markup_printf_escaped:1:c-format \
       --flag=g_log:3:c-format --flag=g_print:1:c-format \
       --flag=g_printerr:1:c-format --flag=g_printf:1:c-format \
       --flag=g_fprintf:2:c-format --flag=g_sprintf:2:c-format \
       --flag=g_snprintf:3:c-format \
       -o "$tmp/current.pot" 2>"$tmp/xgettext.err"; then
  cat "$tmp/xgettext.err"
  echo "FAIL: xgettext could not extract the strings"
  exit 1
fi
if grep -q 'warning' "$tmp/xgettext.err"; then
  fail "xgettext warns about the sources:"
  sed 's/^/    /' "$tmp/xgettext.err"
fi

msgids=$(grep -c '^msgid ' "$tmp/current.pot")
msgids=$((msgids - 1)) # the header
if [ "$msgids" -lt 1 ]; then
  fail "the template has no strings: is po/POTFILES.in empty?"
fi
echo "template: $msgids strings from $(wc -l <"$tmp/listed") files"

# --- each language ------------------------------------------------------------

languages=$(grep -v -e '^#' -e '^[[:space:]]*$' "$po/LINGUAS")
[ -n "$languages" ] || fail "po/LINGUAS lists no language"

for lang in $languages; do
  file=$po/$lang.po
  if [ ! -f "$file" ]; then
    fail "$lang: po/LINGUAS lists it, but po/$lang.po does not exist"
    continue
  fi

  # The file as committed: valid, formats and header right, nothing fuzzy.
  if ! msgfmt --check --check-accelerators=_ -o /dev/null "$file" 2>"$tmp/check"; then
    fail "$lang: msgfmt --check rejects po/$lang.po:"
    sed 's/^/    /' "$tmp/check"
  fi
  if [ -n "$(msgattrib --only-fuzzy --no-obsolete "$file")" ]; then
    fail "$lang: po/$lang.po has fuzzy entries (review them, then drop the fuzzy flag)"
  fi

  # Against the current template: every msgid present and translated.
  if ! msgmerge --quiet --no-fuzzy-matching -o "$tmp/$lang.po" "$file" \
         "$tmp/current.pot"; then
    fail "$lang: msgmerge failed"
    continue
  fi
  msgfmt --check --statistics -o /dev/null "$tmp/$lang.po" 2>"$tmp/stats" || true
  echo "$lang: $(cat "$tmp/stats")"
  { msgattrib --untranslated --no-obsolete "$tmp/$lang.po"
    msgattrib --only-fuzzy --no-obsolete "$tmp/$lang.po"; } | print_msgids >"$tmp/missing"
  if [ -s "$tmp/missing" ]; then
    fail "$lang: $(wc -l <"$tmp/missing") strings of the sources have no translation in po/$lang.po:"
    sed 's/^/    /' "$tmp/missing"
  fi
done

if [ "$failed" -ne 0 ]; then
  echo "To refresh the files: ninja -C BUILDDIR nm-l2tp-ipsec-pot nm-l2tp-ipsec-update-po"
  exit 1
fi
echo "PASS: every language translates all $msgids strings"
exit 0
