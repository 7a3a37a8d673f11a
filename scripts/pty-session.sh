#!/usr/bin/env bash
# Sessions on a pseudo-terminal, on Linux and on Lichen (scripts/oracle.sh
# each): util-linux's script(1) running tty and stty size (openpty, the
# window size copied from the console, signalfd and poll on the master);
# then usertest's `--child pty` (a small script(1) that also types: the
# command as the leader of a new session on a new pty's slave, 24 by 80,
# what the master reads copied out, typed input after each expected text)
#   1. tty, stty size, a pipeline, then cat stopped by ^C typed at the master;
#   2. an interactive bash: a pipeline, cat in the foreground killed by ^C
#      (bash's job control: its own group, TIOCSPGRP), $? after it, exit;
#   3. bash's job control on the pty: a job in the background, jobs, fg, ^Z
#      (SIGTSTP to the foreground group; bash sees the stop through wait4's
#      WUNTRACED), jobs, bg (SIGCONT), kill %1, wait, and stty -a (the pty's
#      termios). The job prints "started" a second after it begins, so ^Z
#      comes once fg has made it the foreground group; the job's pid is
#      replaced by PID.
# "stty noflsh": Linux's output flush at a signal character drops the ^C echo
# or not, by a race. Each expected text is a whole line or prompt, because
# Linux's output processing may hand the master a line before its CR LF.
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
status=0
"$root/scripts/oracle.sh" 'script -qc "tty; stty size; echo hi" /dev/null | tr -d "\r"' || status=1
"$root/scripts/oracle.sh" '/bin/usertest --child pty "stty noflsh; tty; stty size; echo hi | cat; echo go; cat; echo after" go "a line\n" "a line\r\na line\r\n" "\003" > /tmp/o; echo "status $?"; tr -d "\r" < /tmp/o' || status=1
"$root/scripts/oracle.sh" '/bin/usertest --child pty "stty noflsh; exec bash --norc --noprofile -i" "# " "echo \$((6*7)) | cat\n" "42\r\nbash-5.2# " "echo ready; cat\n" "ready\r\n" "hello\n" "hello\r\nhello\r\n" "\003" "bash-5.2# " "echo after \$?\n" "after 130\r\nbash-5.2# " "exit\n" > /tmp/o; echo "status $?"; tr -d "\r" < /tmp/o' || status=1
jobs=$(cat <<'SESSION'
/bin/usertest --child pty "stty noflsh; exec bash --norc --noprofile -i" "# " "sh -c 'sleep 1; echo started; sleep 5' &\n" "bash-5.2# " "jobs\n" "bash-5.2# " "fg\n" "started\r\n" "\032" "bash-5.2# " "jobs\n" "bash-5.2# " "bg\n" "bash-5.2# " "kill %1\n" "bash-5.2# " "wait; echo waited\n" "waited\r\nbash-5.2# " "stty -a\n" "bash-5.2# " "exit\n" > /tmp/o; echo "status $?"; tr -d "\r" < /tmp/o | sed -e "s/^\[1\] [0-9]*$/[1] PID/"
SESSION
)
"$root/scripts/oracle.sh" "$jobs" || status=1
exit $status
