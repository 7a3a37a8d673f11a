#!/usr/bin/env bash
# Types a session at the shell on the serial console of Lichen or Linux (the
# image's /init starts bash there when no INIT is given) and prints what the
# console showed from the shell's start, with the terminal's CRs, bash's
# bracketed-paste switches and kernel log lines left out, so the two kernels'
# transcripts can be compared (`just test-console`).
#
#   scripts/console-session.sh lichen|linux
#
# Each step is typed once the prompt is back; a step starting with "~" is
# typed a second after the one before it instead (input to a running
# program: cat, read), and one starting with "?" types nothing but waits
# until the console has shown its text (so ^C comes once sleep runs, not
# while bash is still starting it; noflsh, because Linux's flush of the
# output at a signal character drops the ^C echo or not, by a race). A step that waits longer than
# STEP_TIMEOUT seconds (default 60) ends the session with status 1.
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
case "${1:-}" in lichen | linux) kernel=$1 ;; *) echo "usage: scripts/console-session.sh lichen|linux" >&2; exit 2 ;; esac

steps=(
  'echo $((6*7))'
  'cat'
  '~a line typed to cat'
  '~'$'\004'
  'read -r x; echo "read: $x"'
  '~hello there'
  'stty -echo; read -r s; stty echo; echo "unechoed: $s"'
  '~secret'
  'stty size; stty -a | grep -o "icanon\|-icanon" | head -1'
  'stty noflsh; echo sleeping; sleep 20'
  '?sleeping'$'\n'
  '~'$'\003'
  'echo "after ^C: $?"'
  'echo back | cat; echo pipeline=$?'
  'exit'
)

prompt=':~# '
transcript="$(mktemp)"
trap '[ -n "${KEEP_TRANSCRIPT:-}" ] && cp "$transcript" "$KEEP_TRANSCRIPT"; rm -f "$transcript"' EXIT
unset INIT
coproc GUEST { "$root/scripts/run-$kernel.sh" 2>&1; }
exec 3<&"${GUEST[0]}" 4>&"${GUEST[1]}"

# Reads the console until it has shown $1 since the last step was typed; appends it to the transcript.
shown=""
read_until_text() {
  local deadline=$((SECONDS + ${STEP_TIMEOUT:-60})) c
  while [ "$SECONDS" -lt "$deadline" ]; do
    case "$shown" in *"$1"*) return 0 ;; esac
    IFS= read -r -N 1 -t 1 c <&3 || continue
    printf '%s' "$c" >> "$transcript"
    [ "$c" = $'\r' ] || shown="$shown$c"
  done
  echo "console-session: $kernel: no \"$1\" within ${STEP_TIMEOUT:-60} s" >&2
  return 1
}

# Reads the console until its text ends with the prompt (or, given a number of
# seconds, until that long has passed with nothing new); appends it to the transcript.
tail_text=""
read_until_prompt() {
  local deadline=$((SECONDS + ${STEP_TIMEOUT:-60})) c
  while [ "$SECONDS" -lt "$deadline" ]; do
    IFS= read -r -N 1 -t 1 c <&3 || { [ -n "${1:-}" ] && return 0; continue; }
    printf '%s' "$c" >> "$transcript"
    [ "$c" = $'\r' ] || shown="$shown$c"
    tail_text="$tail_text$c"
    [ "${#tail_text}" -gt 4 ] && tail_text="${tail_text:1}"
    [ -z "${1:-}" ] && [ "$tail_text" = "$prompt" ] && return 0
  done
  [ -n "${1:-}" ] && return 0
  echo "console-session: $kernel: no prompt within ${STEP_TIMEOUT:-60} s" >&2
  return 1
}

status=0
read_until_prompt || status=1
for step in "${steps[@]}"; do
  [ "$status" -eq 0 ] || break
  case "$step" in
    "?"*) read_until_text "${step#\?}" || status=1; continue ;;
    "~"*) step="${step#\~}" ;;
    *) ;;
  esac
  [ -n "${CONSOLE_DEBUG:-}" ] && echo "console-session: typing $(printf %q "$step")" >&2
  shown=""
  printf '%s' "$step" >&4
  case "$step" in $'\004' | $'\003') ;; *) printf '\r' >&4 ;; esac
  if [ "$step" = exit ]; then read_until_prompt 5; break; fi
  # The next step is input to this one's program when it starts with "~": give it a moment instead.
  next_is_input=0
  for ((i = 0; i < ${#steps[@]}; i++)); do
    if [ "${steps[$i]}" = "$step" ] || [ "${steps[$i]}" = "~$step" ]; then
      case "${steps[$((i + 1))]:-}" in "~"* | "?"*) next_is_input=1 ;; esac
    fi
  done
  if [ "$next_is_input" -eq 1 ]; then read_until_prompt 1; else read_until_prompt || status=1; fi
done
guest="${GUEST_PID:-}"
[ -n "$guest" ] && kill "$guest" 2>/dev/null
[ -n "$guest" ] && wait "$guest" 2>/dev/null

# The shell's part of the console, as lines: from the line /init printed
# before starting the shell (which names the console, and so differs).
tr -d '\r' < "$transcript" | sed -e 's/\x1b\[?2004[hl]//g' | sed -n '/^init: .* on \/dev\//,$p' | tail -n +2 |
  grep -a -v -e '^\[ *[0-9.]*\]' -e '^lichen: ' -e '^reboot: ' -e '^run-l'
exit "$status"
