# Shared by the rig scripts (mail-servers, directory-server, postgres-server, load-balancer,
# screen-reader): sourced, not run. Each script sets RIG to its name before sourcing.

say() { echo "$RIG: $*"; }
die() {
  echo "$RIG: error: $*" >&2
  exit 1
}

now_ms() {
  local t=${EPOCHREALTIME/[.,]/}
  echo $((t / 1000))
}

# True when something accepts TCP connections on 127.0.0.1:$1.
port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Reads /proc/$1/stat into the array STAT, from field 3 (state) on: STAT[0] is the state,
# STAT[1] the parent PID, STAT[19] the start time. Fails when the process is gone.
read_stat() {
  local line
  { read -r line <"/proc/$1/stat"; } 2>/dev/null || return 1
  read -ra STAT <<<"${line##*) }"
}

# True while process $1 exists and is not a zombie. Daemons are reparented to PID 1, which on
# some machines (containers, micro-VMs) reaps them only seconds later.
proc_alive() {
  read_stat "$1" || return 1
  [[ ${STAT[0]} != Z && ${STAT[0]} != X ]]
}

# Prints the PID recorded in pidfile $1 if that process is alive and its command is one of the
# names after it (guards against a stale pid file whose PID was reused by something else).
live_pid() {
  local pidfile=$1 pid actual name
  shift
  [[ -r $pidfile ]] || return 1
  read -r pid <"$pidfile" || true
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  actual=$(cat "/proc/$pid/comm" 2>/dev/null) || return 1
  proc_alive "$pid" || return 1
  for name in "$@"; do
    if [[ $actual == "$name" ]]; then
      echo "$pid"
      return 0
    fi
  done
  return 1
}

# The last lines of each non-empty log given, on stderr.
show_logs() {
  local f
  for f in "$@"; do
    if [[ -s $f ]]; then
      echo "----- last lines of $f -----" >&2
      tail -n 30 "$f" >&2
    fi
  done
}
