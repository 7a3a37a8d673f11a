#!/usr/bin/env bash
# Prints a JDK 25 home: $JAVA_HOME if it is 25, else the first JDK 25 under /usr/lib/jvm.
set -euo pipefail
is25() { [ -x "$1/bin/javac" ] && "$1/bin/javac" -version 2>&1 | grep -q '^javac 25'; }
if [ -n "${JAVA_HOME:-}" ] && is25 "$JAVA_HOME"; then echo "$JAVA_HOME"; exit 0; fi
for d in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*25*; do
  if is25 "$d"; then echo "$d"; exit 0; fi
done
echo "no JDK 25 found: install one (e.g. Temurin 25) under /usr/lib/jvm or set JAVA_HOME" >&2
exit 1
