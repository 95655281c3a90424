# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh
#
# POSIX sh has no 'local': variables inside these functions carry a
# _prefix_ so they never clobber a caller's.
#
# Shell helpers shared by run.sh, the nsctp_*.sh selftests and the host
# side of the test bed. POSIX sh: the guests run busybox ash, virtme-ng
# runs the host's dash.
#
# Environment (set by run.sh; defaults make a test runnable by hand):
#   NSCTP_TOP   the checkout (holds nsctp.ko, scripts/, selftests/)
#   NSCTP_KO    the nsctp.ko to load (default $NSCTP_TOP/nsctp.ko)
#   NSCTP_MODE  nsctp | intree: intree means Debian's sctp.ko is the SCTP
#               in this guest, so nsctp-specific tests skip
#   NSCTP_ENV   qemu | vng | host: where we run (vng has a read-only /lib)
#   NSCTP_OUT   built programs (default $NSCTP_TOP/selftests/out, or
#               the script's directory when installed; see below)

# shellcheck disable=SC2034 # used by the scripts that source this file
KSFT_PASS=0
KSFT_FAIL=1
KSFT_SKIP=4

: "${NSCTP_TOP:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${NSCTP_MODE:=nsctp}"
: "${NSCTP_ENV:=host}"
# The built programs: selftests/out in a checkout; the script's own
# directory when it was installed ('make -C selftests install': programs
# and helpers side by side) or built in place (OUTPUT=., as a kernel
# tree's 'make -C tools/testing/selftests TARGETS=nsctp' does).
if [ -z "${NSCTP_OUT:-}" ]; then
	_lib_here=$(cd "$(dirname "$0")" && pwd)
	if [ -x "$_lib_here/nsctp_sock" ] || [ -x "$_lib_here/helpers/nsctp_sock" ]; then
		NSCTP_OUT=$_lib_here
	else
		NSCTP_OUT=$NSCTP_TOP/selftests/out
	fi
fi
if [ -z "${NSCTP_KO:-}" ]; then
	NSCTP_KO=$NSCTP_TOP/nsctp.ko
	[ -f "$NSCTP_KO" ] || [ ! -f "$NSCTP_OUT/nsctp.ko" ] || NSCTP_KO=$NSCTP_OUT/nsctp.ko
fi
if [ -x "$NSCTP_OUT/helpers/nsctp_sock" ] || [ ! -x "$NSCTP_OUT/nsctp_sock" ]; then
	NSCTP_HELPERS=$NSCTP_OUT/helpers
else
	NSCTP_HELPERS=$NSCTP_OUT
fi
NSCTP_SOCK=$NSCTP_HELPERS/nsctp_sock
NSCTP_DEMO=$NSCTP_HELPERS/nsctp_demo
# shellcheck disable=SC2034
NSCTP_ECHO_SERVER=$NSCTP_HELPERS/sctp_echo_server
# shellcheck disable=SC2034
NSCTP_ECHO_CLIENT=$NSCTP_HELPERS/sctp_echo_client
# shellcheck disable=SC2034
NSCTP_TEST_MODULES=$NSCTP_TOP/selftests/modules

# Kernel log lines that fail a run. Taint notices for the unsigned,
# out-of-tree module ("taints kernel", "tainting kernel") match none of
# these and are expected.
NSCTP_LOG_BAD='WARNING:|BUG:|Oops|general protection|refcount_t:|list_add corruption|list_del corruption|Slab cache still has objects|hung_task|blocked for more than|KASAN|UBSAN|Kernel panic|kernel BUG'

log() {
	echo "# $*"
}

fail() {
	echo "# FAIL: $*"
	exit "$KSFT_FAIL"
}

skip() {
	echo "# SKIP: $*"
	exit "$KSFT_SKIP"
}

# Print the lines of stdin that show a kernel problem.
log_scan() {
	grep -E "$NSCTP_LOG_BAD" | grep -vE 'taints kernel|tainting kernel' || true
}

# Mark the kernel log, so a later check can look only at what followed.
kmsg_mark() {
	echo "$*" >/dev/kmsg 2>/dev/null || true
}

# Kernel log after the last line containing $1 (all of it if absent).
dmesg_since() {
	dmesg | awk -v m="$1" 'index($0, m) { n = 0; delete buf; next }
		{ buf[++n] = $0 } END { for (i = 1; i <= n; i++) print buf[i] }'
}

module_loaded() {
	grep -q "^$1 " /proc/modules
}

require_root() {
	[ "$(id -u)" -eq 0 ] || skip "needs root"
}

# Tests about nsctp itself: skip where the SCTP in the guest is sctp.ko,
# or when there is no module to load.
require_nsctp() {
	require_root
	[ "$NSCTP_MODE" != intree ] || skip "nsctp-specific (in-tree sctp.ko mode)"
	[ -f "$NSCTP_KO" ] || skip "no $NSCTP_KO (run 'make modules')"
	! module_loaded sctp || skip "in-tree sctp.ko is loaded (it can never be unloaded)"
}

require_helper() {
	[ -x "$NSCTP_SOCK" ] || skip "no $NSCTP_SOCK (run 'make selftests')"
}

# modprobe the modules a .ko needs: its hard dependencies and its
# softdeps ("pre: a b post: c"), which insmod does not resolve.
load_deps() {
	_ld_deps=$(modinfo -F depends "$1" | tr ',' ' ')
	_ld_soft=$(modinfo -F softdep "$1" | tr '\n' ' ')
	for _ld_m in $_ld_deps $_ld_soft; do
		case $_ld_m in
		*:) continue ;;
		esac
		module_loaded "$_ld_m" && continue
		modprobe "$_ld_m" || { log "modprobe $_ld_m failed"; return 1; }
	done
}

nsctp_insmod() {
	load_deps "$NSCTP_KO" && insmod "$NSCTP_KO"
}

# rmmod nsctp. Socket teardown can finish a moment after close() (RCU),
# so allow a short bounded retry before calling it a failure.
nsctp_rmmod() {
	_rm_n=0
	while ! rmmod nsctp 2>/dev/null; do
		module_loaded nsctp || return 0
		_rm_n=$((_rm_n + 1))
		[ $_rm_n -lt 20 ] || { rmmod nsctp; return 1; }
		sleep 0.1
	done
}

nsctp_unload() {
	if module_loaded nsctp; then
		nsctp_rmmod
	fi
}

# Leave nsctp as run.sh loaded it: tests that unload it call this on exit.
nsctp_restore() {
	if [ "${NSCTP_LOADED_BY_RUNNER:-0}" = 1 ] && ! module_loaded nsctp; then
		nsctp_insmod || log "could not reload nsctp"
	fi
}

# Slab caches that belong to nsctp: its own (nsctp_*) and the sockets'
# (SCTP, SCTPv6; NSCTP, NSCTPv6 before they took the in-tree names).
nsctp_slabs() {
	grep -E '^(nsctp_|N?SCTP(v6)? )' /proc/slabinfo 2>/dev/null || true
}

# wait_for_line FILE TEXT SECS: poll until FILE has a line TEXT.
wait_for_line() {
	_wf_n=0
	while ! grep -qx "$2" "$1" 2>/dev/null; do
		_wf_n=$((_wf_n + 1))
		[ $_wf_n -le $(($3 * 10)) ] || return 1
		sleep 0.1
	done
}

# Stop a background helper started by a test, and reap it.
stop_pid() {
	kill "$1" 2>/dev/null || true
	wait "$1" 2>/dev/null || true
}
