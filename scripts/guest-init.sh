# Sourced by run-linux.sh and run-lichen.sh: both kernels run the image's
# /init the same way, so the same INIT prints the same lines on each.
#
# In: $name (for messages), $append (the kernel command line so far), and
# build_qemu (a function that sets the array qemu from "$append").
# INIT='cmd args' is passed after "--" and runs as /init's child; /init prints
# "INIT-EXIT=N" before power-off (QEMU's own status is 0 after PSCI SYSTEM_OFF
# whatever happened), and this exits with N, with 1 when the line never came
# (the command or the kernel died), or 124 after GUEST_TIMEOUT seconds
# (default 600). It prints how long QEMU took to /init's first line and to
# power-off. Without INIT, QEMU runs on the terminal (a shell on the console).

# The kernel splits at spaces and drops quotes, so a command that holds quotes,
# backslashes or runs of blanks is passed base64-encoded (/init decodes it).
if [ -n "${INIT:-}" ]; then
  case "$INIT" in
    *[\"\'\\$'\t\n']* | *"  "*) append="$append -- -c64 $(printf '%s' "$INIT" | base64 -w0)" ;;
    *) append="$append -- $INIT" ;;
  esac
fi

build_qemu
if [ -z "${INIT:-}" ]; then
  exec "${qemu[@]}"
fi

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
t0=$EPOCHREALTIME
t_init=""
exit_line=""
# The console is copied through as it comes; the marker lines are noted.
while IFS= read -r line; do
  line="${line%$'\r'}"
  printf '%s\n' "$line"
  case "$line" in
    "init: started"*) [ -n "$t_init" ] || t_init=$EPOCHREALTIME ;;
    INIT-EXIT=*) exit_line="$line" ;;
  esac
done < <(timeout "${GUEST_TIMEOUT:-600}" "${qemu[@]}" </dev/null 2>&1; echo "QEMU-STATUS=$?" > "$log")
t_end=$EPOCHREALTIME
qemu_status="$(sed -n 's/^QEMU-STATUS=//p' "$log")"

ms() { echo $(( (${2/./} - ${1/./}) / 1000 )); }
timing="QEMU start to power-off $(ms "$t0" "$t_end") ms"
[ -n "$t_init" ] && timing="QEMU start to /init $(ms "$t0" "$t_init") ms, $timing"
echo "$name: $timing" >&2

if [ "$qemu_status" = 124 ]; then
  echo "$name: timed out after ${GUEST_TIMEOUT:-600} s" >&2
  exit 124
fi
if [ -z "$exit_line" ]; then
  echo "$name: no INIT-EXIT line (QEMU status $qemu_status): the command or the kernel died" >&2
  exit 1
fi
status="${exit_line#INIT-EXIT=}"
case "$status" in '' | *[!0-9]*) echo "$name: bad line $exit_line" >&2; exit 1 ;; esac
exit "$status"
