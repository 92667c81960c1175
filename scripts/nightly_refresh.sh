#!/usr/bin/env bash
# Nightly refresh for cron / systemd: bring one workdir up to date and write the morning report.
#
#   scripts/nightly_refresh.sh [PATH...]         (no PATH: the [refresh] paths of corpus/ingest.toml)
#
# Environment:
#   TOPICMINE_WORKDIR   the corpus working directory (default: var, relative to the project)
#   TOPICMINE_HOME      the project folder (default: the folder above this script)
#   TOPICMINE_NICE      niceness for the run (default 10: the server keeps answering during the night)
#   TOPICMINE_CONFIG    optional settings file, as for every topicmine command
#
# Exit codes are topicmine's, passed through unchanged:
#   0 ok · 75 another refresh/ingest holds the lock (EX_TEMPFAIL: just try again later)
#   2 bad settings · 1 failed (the previous state is intact; the next run recovers) · 127 not set up
# The run's log goes to $TOPICMINE_WORKDIR/logs/refresh.log (written by topicmine itself); this
# wrapper adds one start and one end line to $TOPICMINE_WORKDIR/logs/nightly.log with the exit code.
set -u

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PROJECT="${TOPICMINE_HOME:-$(dirname "$HERE")}"
cd "$PROJECT" || { echo "nightly_refresh: cannot cd to $PROJECT" >&2; exit 1; }

BIN="$PROJECT/.venv/bin/topicmine"
WORKDIR="${TOPICMINE_WORKDIR:-var}"
NICE="${TOPICMINE_NICE:-10}"
LOG_DIR="$WORKDIR/logs"
mkdir -p "$LOG_DIR"
LOG="$LOG_DIR/nightly.log"

stamp() { date '+%Y-%m-%dT%H:%M:%S%z'; }

if [ ! -x "$BIN" ]; then
  echo "$(stamp) nightly_refresh: $BIN not found; run 'make setup' in $PROJECT" | tee -a "$LOG" >&2
  exit 127
fi

echo "$(stamp) start pid=$$ workdir=$WORKDIR args=$*" >>"$LOG"
# --json: the last stdout line is the run summary; keep it in the log for the history
nice -n "$NICE" "$BIN" refresh --workdir "$WORKDIR" --json --quiet "$@" >>"$LOG" 2>&1
rc=$?
case $rc in
  0)  what="ok" ;;
  75) what="skipped: another refresh is running" ;;
  2)  what="bad settings" ;;
  *)  what="FAILED (see $LOG_DIR/refresh.log)" ;;
esac
echo "$(stamp) end rc=$rc $what" >>"$LOG"
# cron mails whatever a job prints: say something only when a human should look
if [ $rc -ne 0 ] && [ $rc -ne 75 ]; then
  echo "topicmine nightly refresh $what (exit $rc, workdir $WORKDIR)" >&2
fi
exit $rc
