# The launcher's common part, sourced by every launcher: the installed one (bin/runbook of the .deb and
# of the self-contained archive) and ./runbook of a source checkout. It finds a Java runtime of 17 or
# later, the engine's start-up archive made by and for that runtime, and starts the engine.
#
# The caller sets:
#   RB_JAR        the engine jar
#   RB_PLAYBOOKS  the shipped playbooks (the default of RUNBOOK_PLAYBOOKS: a name finds them)
#   RB_TRAIN      files the training runs lint (the shipped playbooks, the examples)
#   RB_SCENARIO   a scenario the training run rehearses
#   RB_TRAIN_RUN  optional: a playbook the training runs, changing nothing (packaging/lib/training-run.yaml)
#   RB_CACHE      where the start-up archives are kept when it is writable (else the user's cache)
#   RB_CLASSLIST  optional: the classes to archive, recorded at build time (the packages); without it
#                 the training runs record them
#   RB_RUNTIME    optional: the Java runtime that comes with the engine (the self-contained archive)
# Exit status 69 (EX_UNAVAILABLE) when no usable Java is there.

# bench/steps-bench.sh: with RUNBOOK_PHASES set, the engine prints where its time went, the launcher's first
[ -z "${RUNBOOK_PHASES:-}" ] || export RUNBOOK_PHASES_LAUNCHED=${RUNBOOK_PHASES_LAUNCHED:-${EPOCHREALTIME:-}}

RB_FLAGS=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC)

# rb_install_hint: what to install on this distribution, one line per way
rb_install_hint() {
  local id="" like="" version=""
  if [ -r /etc/os-release ]; then
    # shellcheck disable=SC1091
    id=$(. /etc/os-release && echo "${ID:-}"); like=$(. /etc/os-release && echo "${ID_LIKE:-}")
    version=$(. /etc/os-release && echo "${VERSION_ID:-}")
  fi
  case " $id $like " in
    *" debian "*|*" ubuntu "*)
      if [ "$id" = debian ] && [ "${version%%.*}" -ge 13 ] 2>/dev/null; then
        echo "  apt install openjdk-21-jre-headless      (Debian 13, Proxmox VE 9)"
      else
        echo "  apt install openjdk-17-jre-headless      (Debian 11 and 12, Proxmox VE 7 and 8, Ubuntu 22.04 and later)"
      fi ;;
    *" fedora "*|*" rhel "*|*" centos "*) echo "  dnf install java-17-openjdk-headless" ;;
    *" suse "*|*" opensuse "*) echo "  zypper install java-17-openjdk-headless" ;;
    *" alpine "*) echo "  apk add openjdk17-jre-headless" ;;
    *" arch "*) echo "  pacman -S jre17-openjdk-headless" ;;
    *) echo "  a Java runtime 17 or later from your distribution, on PATH or named by JAVA_HOME" ;;
  esac
}
rb_archive_hint() {
  echo "or unpack runbook-VERSION-linux-x86_64.tar.gz, which brings its own Java and needs none installed."
}

# rb_java: sets RB_JAVA (the java binary) and RB_JAVA_HOME; exits 69 when there is none, or it is older than 17
rb_java() {
  local found release feature=""
  if [ -n "${RB_RUNTIME:-}" ] && [ -x "$RB_RUNTIME/bin/java" ]; then found=$RB_RUNTIME/bin/java
  elif [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then found=$JAVA_HOME/bin/java
  else found=$(command -v java || true); fi
  if [ -z "$found" ]; then
    echo "runbook: no Java runtime found (no java on PATH, no JAVA_HOME); runbook needs Java 17 or later. Install it:" >&2
    rb_install_hint >&2
    rb_archive_hint >&2
    exit 69
  fi
  # every call starts here: the shell's own expansions and reads, and no program but readlink (each
  # program started costs about a millisecond of CPU time; docs/performance.md, Steps)
  RB_JAVA=$(readlink -f "$found")
  RB_JAVA_HOME=${RB_JAVA%/*}; RB_JAVA_HOME=${RB_JAVA_HOME%/*}
  release=${RB_JAVA_HOME:-}/release
  RB_JAVA_RELEASE=""
  if [ -r "$release" ]; then
    local line
    while IFS= read -r line || [ -n "$line" ]; do
      RB_JAVA_RELEASE+=$line$'\n'
      if [ -z "$feature" ] && [[ $line == JAVA_VERSION=\"*\"* ]]; then
        feature=${line#JAVA_VERSION=\"}; feature=${feature%%\"*}
      fi
    done <"$release"
  else
    feature=$("$RB_JAVA" -version 2>&1 | sed -n 's/.* version "\([^"]*\)".*/\1/p' | head -n 1)
  fi
  feature=${feature#1.}; feature=${feature%%[!0-9]*}
  if [ -z "$feature" ]; then
    echo "runbook: cannot tell the version of $found (no $release, no version in \`java -version\`); runbook needs Java 17 or later" >&2
    exit 69
  fi
  if [ "$feature" -lt 17 ]; then
    echo "runbook: $found is Java $feature; runbook needs Java 17 or later. Install it:" >&2
    rb_install_hint >&2
    echo "and make it the default (update-alternatives --config java) or set JAVA_HOME to it," >&2
    rb_archive_hint >&2
    exit 69
  fi
}

# rb_archive_key: one start-up archive per Java runtime (its path and build) and engine jar (its path,
# size and time): a JVM refuses another runtime's archive with an error, and ignores one whose jar moved
rb_archive_key() {
  local sum
  sum=$({ echo "$RB_JAVA"; echo "$RB_JAR"; stat -c '%s %Y' "$RB_JAR"; printf '%s' "${RB_JAVA_RELEASE:-}"; } | cksum)
  echo "${sum%% *}"
}

# rb_prepare_archive DIR KEY: the start-up archive of the classes the engine loads, as listed by
# $RB_CLASSLIST or else recorded by training runs that change nothing on this host (a lint of the
# shipped files, a rehearsal). Slower without, never wrong:
# a failure leaves a marker so that it is not tried again for this runtime and jar.
rb_prepare_archive() {
  local dir=$1 key=$2 tmp list
  tmp=$(mktemp -d "$dir/.prepare.XXXXXX") || return 0
  # archives of earlier builds of the engine are of no use any more
  find "$dir" -maxdepth 1 -name 'startup-*' ! -newer "$RB_JAR" -delete 2>/dev/null || true
  if [ -n "${RB_CLASSLIST:-}" ] && [ -s "$RB_CLASSLIST" ]; then
    # the packages ship the list, recorded by the build's training runs: only the dump is left to do
    # here (about a second; the training runs cost many times that, minutes on a slow or emulated CPU)
    cp "$RB_CLASSLIST" "$tmp/classlist"
  else
    "$RB_JAVA" "${RB_FLAGS[@]}" -XX:DumpLoadedClassList="$tmp/lint" -jar "$RB_JAR" lint "${RB_TRAIN[@]}" >/dev/null 2>&1 || true
    "$RB_JAVA" "${RB_FLAGS[@]}" -XX:DumpLoadedClassList="$tmp/test" -jar "$RB_JAR" test "$RB_SCENARIO" >/dev/null 2>&1 || true
    # and a real run (one echo), in a state directory of its own: the classes of processes, journal and log
    if [ -n "${RB_TRAIN_RUN:-}" ] && [ -f "$RB_TRAIN_RUN" ]; then
      "$RB_JAVA" "${RB_FLAGS[@]}" -XX:DumpLoadedClassList="$tmp/run" -jar "$RB_JAR" run "$RB_TRAIN_RUN" \
        --state-dir "$tmp/state" -q --non-interactive </dev/null >/dev/null 2>&1 || true
    fi
    # one list of the runs; newer JDKs number every class ("name id: N"), and the runs' numbers
    # clash: the number is needed only for classes of other loaders (those lines go on with "super:")
    for list in lint test run; do if [ -f "$tmp/$list" ]; then cat "$tmp/$list"; fi; done | sed -E 's/^([^@# ]+) id: [0-9]+$/\1/' | awk '!seen[$0]++' >"$tmp/classlist"
  fi
  if [ -s "$tmp/classlist" ] && "$RB_JAVA" "${RB_FLAGS[@]}" -Xshare:dump -XX:SharedClassListFile="$tmp/classlist" \
      -XX:SharedArchiveFile="$tmp/startup.jsa" -cp "$RB_JAR" >"$tmp/dump.log" 2>&1; then
    chmod 0644 "$tmp/startup.jsa"
    mv "$tmp/startup.jsa" "$dir/startup-$key.jsa"
  else
    cp "$tmp/dump.log" "$dir/startup-$key.failed" 2>/dev/null || touch "$dir/startup-$key.failed"
  fi
  rm -rf "$tmp"
}

# rb_archive: sets RB_CDS to the JVM options that use the start-up archive for this runtime and jar,
# preparing it first when there is none and a cache directory can be written
rb_archive() {
  local key dir dirs=() user_cache=${XDG_CACHE_HOME:-${HOME:-/nonexistent}/.cache}/runbook
  RB_CDS=()
  [ "${RUNBOOK_STARTUP_ARCHIVE:-}" = off ] && return 0
  key=$(rb_archive_key)
  [ -n "${RB_CACHE:-}" ] && dirs+=("$RB_CACHE")
  dirs+=("$user_cache")
  for dir in "${dirs[@]}"; do
    if [ -f "$dir/startup-$key.jsa" ]; then RB_CDS=(-XX:SharedArchiveFile="$dir/startup-$key.jsa"); break; fi
    [ -f "$dir/startup-$key.failed" ] && return 0
  done
  if [ ${#RB_CDS[@]} = 0 ]; then
    for dir in "${dirs[@]}"; do
      { [ -d "$dir" ] || mkdir -p "$dir" 2>/dev/null; } && [ -w "$dir" ] || continue
      [ "${RB_QUIET_PREPARE:-}" = 1 ] || echo "runbook: preparing the start-up archive for this Java runtime (once)..." >&2
      rb_prepare_archive "$dir" "$key"
      [ -f "$dir/startup-$key.jsa" ] && RB_CDS=(-XX:SharedArchiveFile="$dir/startup-$key.jsa")
      break
    done
  fi
  # -Xshare:auto and no cds log: an archive the JVM cannot use (damaged, another build) is skipped silently
  [ ${#RB_CDS[@]} = 0 ] || RB_CDS+=(-Xshare:auto -Xlog:cds=off -Xlog:cds+dynamic=off)
}

# rb_exec ARGS...: runs the engine
rb_exec() {
  rb_java
  rb_archive
  export RUNBOOK_PLAYBOOKS=${RUNBOOK_PLAYBOOKS:-$RB_PLAYBOOKS}
  exec "$RB_JAVA" "${RB_CDS[@]}" "${RB_FLAGS[@]}" -jar "$RB_JAR" "$@"
}
