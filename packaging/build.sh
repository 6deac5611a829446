#!/bin/bash
# Stages what the packages install, from the engine jar the build just made (run by the package phase of
# packaging/pom.xml; jdeb then packs target/deb-root into the .deb):
#   target/generated/        manual pages and bash completion, written by the engine from its commands
#   target/deb-root/         the .deb's tree
#   target/runbook-VERSION-linux-x86_64.tar.gz  the self-contained archive: the engine, a Java runtime
#                            trimmed by jlink to the modules the engine uses, the playbooks, docs, examples
#
#   packaging/build.sh ROOT VERSION TARGET [archive|noarchive]
set -euo pipefail
root=$1 version=$2 target=$3 archive=${4:-archive}
jar=$root/engine/target/runbook.jar
pkg=$root/packaging
[ -f "$jar" ] || { echo "packaging: $jar missing: build the engine first" >&2; exit 1; }
java_bin=${JAVA_HOME:+$JAVA_HOME/bin/}java
jdk=$(dirname "$(dirname "$(readlink -f "$(command -v "$java_bin")")")")
t0=$(date +%s)

# -------------------------------------------------------------- manual pages and completion
gen=$target/generated
rm -rf "$gen"
"$jdk/bin/java" -cp "$jar" runbook.cli.Manuals "$gen"

# -------------------------------------------------------------- the start-up archive's class list
# The classes the engine loads in the launcher's training runs (a lint of everything shipped, a
# rehearsal, a run of one echo), recorded here once, so that an installation or a first call only dumps them (about a
# second; the training runs take many times that, minutes on a slow or emulated CPU). Only the plain
# class names: the list is read by the Java that runs the engine, 17 or later, whatever recorded it.
cl=$target/classlist.tmp
rm -rf "$cl"; mkdir -p "$cl"
"$jdk/bin/java" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:DumpLoadedClassList="$cl/lint" -jar "$jar" \
  lint "$root/playbooks" "$root/examples" >/dev/null 2>&1 || true
"$jdk/bin/java" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:DumpLoadedClassList="$cl/test" -jar "$jar" \
  test "$root/playbooks/scenarios/account-pve-99.6.scenario.yaml" >/dev/null 2>&1 || true
"$jdk/bin/java" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:DumpLoadedClassList="$cl/run" -jar "$jar" \
  run "$pkg/lib/training-run.yaml" --state-dir "$cl/state" -q --non-interactive </dev/null >/dev/null 2>&1 || true
cat "$cl/lint" "$cl/test" "$cl/run" | sed -E 's/^([^@# ]+) id: [0-9]+$/\1/' | grep -E '^[A-Za-z0-9_/$]+$' | awk '!seen[$0]++' > "$target/classlist"
rm -rf "$cl"
grep -q '^runbook/' "$target/classlist" || { echo "packaging: the training runs recorded no class of the engine ($target/classlist)" >&2; exit 1; }

# -------------------------------------------------------------- the .deb's tree
d=$target/deb-root
rm -rf "$d"
share=$d/usr/share/runbook doc=$d/usr/share/doc/runbook
mkdir -p "$share/bin" "$share/lib" "$d/usr/bin" "$d/usr/share/man/man1" "$d/usr/share/bash-completion/completions" \
  "$doc" "$d/var/lib/runbook" "$d/var/cache/runbook"
install -m 0755 "$pkg/bin/runbook" "$share/bin/runbook"
install -m 0644 "$pkg/lib/launcher.sh" "$jar" "$target/classlist" "$share/lib/"
cp -r "$root/playbooks" "$share/playbooks"
# the Ansible role that runs `runbook run` on hosts (docs/fleet.md): roles_path /usr/share/runbook/ansible/roles
cp -r "$root/ansible" "$share/ansible"
for f in "$gen"/man1/*.1; do gzip -9n < "$f" > "$d/usr/share/man/man1/$(basename "$f").gz"; done
install -m 0644 "$gen/bash-completion/runbook" "$d/usr/share/bash-completion/completions/runbook"
cp -r "$root/examples" "$doc/examples"
cp "$root/README.md" "$doc/"
mkdir -p "$doc/docs"; cp "$root"/docs/*.md "$doc/docs/"
install -m 0644 "$pkg/deb/copyright" "$doc/copyright"
maintainer=${DEB_MAINTAINER:-runbook maintainers <runbook@example.org>}
sed -e "s/\[\[deb.version\]\]/$version/" -e "s/\[\[deb.maintainer\]\]/$maintainer/" \
    -e "s/\[\[deb.date\]\]/$(LC_ALL=C date -R -u -d "@${SOURCE_DATE_EPOCH:-$(git -C "$root" log -1 --format=%ct 2>/dev/null || date +%s)}")/" \
    "$pkg/deb/changelog" | gzip -9n > "$doc/changelog.gz"
find "$d" -type d -exec chmod 0755 {} +
find "$d" -type f ! -path "$share/bin/runbook" -exec chmod 0644 {} +
chmod 0700 "$d/var/lib/runbook"
echo "packaging: deb tree staged in $(( $(date +%s) - t0 ))s"

# -------------------------------------------------------------- the self-contained archive
[ "$archive" = archive ] || exit 0
t1=$(date +%s)
name=runbook-$version-linux-x86_64
a=$target/$name
rm -rf "$a" "$target/$name.tar.gz"
mkdir -p "$a/bin" "$a/lib" "$a/man/man1" "$a/completion"
# The modules the engine's classes and libraries use, as `jdeps --print-module-deps` lists them for the jar
# (java.desktop: java.beans, which JEXL's introspection uses; java.naming: logback; jdk.unsupported: the
# signal handler). The training runs below fail the build if one is missing. The modules file is left
# uncompressed: gzip packs it smaller that way (31 MB against 37 MB), and nothing is unzipped at start-up.
modules=java.base,java.desktop,java.logging,java.naming,java.scripting,jdk.unsupported
# --strip-java-debug-attributes rather than --strip-debug: Debian's jlink makes --strip-debug also strip
# native symbols with objcopy, which a machine without binutils lacks (the native libraries of Debian's JDK
# are stripped already: the runtime has the same size either way). jlink prints its errors on stdout.
if ! out=$("$jdk/bin/jlink" --add-modules "$modules" --strip-java-debug-attributes --no-man-pages \
    --no-header-files --generate-cds-archive --output "$a/runtime" 2>&1); then
  echo "$out" >&2
  echo "packaging: jlink could not make the archive's Java runtime from $jdk (it needs the JDK's jmods:" \
    "on Debian, openjdk-17-jdk-headless or later); -Dpackages.archive=noarchive builds the .deb alone" >&2
  exit 1
fi
install -m 0755 "$pkg/bin/runbook" "$a/bin/runbook"
install -m 0644 "$pkg/lib/launcher.sh" "$jar" "$target/classlist" "$a/lib/"
cp -r "$root/playbooks" "$root/examples" "$root/ansible" "$a/"
mkdir -p "$a/docs"; cp "$root"/docs/*.md "$a/docs/"; cp "$root/README.md" "$a/"
cp "$gen"/man1/*.1 "$a/man/man1/"; cp "$gen/bash-completion/runbook" "$a/completion/runbook"
# the trimmed runtime must run what the engine does: a lint of everything shipped and a rehearsal
for args in "lint $a/playbooks $a/examples" "test $a/playbooks/scenarios/account-pve-99.6.scenario.yaml"; do
  # shellcheck disable=SC2086
  out=$("$a/runtime/bin/java" -jar "$a/lib/runbook.jar" $args 2>&1) \
    || { echo "$out" >&2; echo "packaging: the trimmed runtime cannot run \`runbook $args\`: a module is missing from jlink's list" >&2; exit 1; }
done
mkdir -p "$a/cache"
tar -C "$target" --owner=0 --group=0 --numeric-owner -czf "$target/$name.tar.gz" "$name"
echo "packaging: $name.tar.gz ($(du -m "$target/$name.tar.gz" | cut -f1) MiB) in $(( $(date +%s) - t1 ))s"
