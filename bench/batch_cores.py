#!/usr/bin/env python3
"""How many cores a `kysely batch` run wanted and got, from scheduler events.

usage: sh bench/batch_cores.sh [KYSELY] [DATA] [OUTDIR]   (runs this on the perf script output)
       perf script -i perf.data | python3 bench/batch_cores.py COMM

Reads `perf script` of sched:sched_switch, sched:sched_wakeup, sched:sched_wakeup_new
and sched:sched_process_exit recorded system wide (perf record -a) and follows the
tasks whose command name is COMM (the batch, its children and its helper: fork keeps
the name).  Prints the window from their first to their last event, the time with 0,
1 and 2 or more of them runnable, "wanted cores" (the mean of min(runnable, 2): about
what they would have used on two idle cores), the CPU time they got, and the time the
children and the helper (not the parent) spent off CPU by the state they left it in
(D: waiting for the disk or a lock, S: sleeping, R: preempted), with the kernel
functions they waited in when the events carry call chains (perf record -g).  On a
shared machine the CPU time got depends on the other load; the time wanted does much
less.
"""
import collections
import re
import sys

SKIP = set("""__schedule schedule io_schedule schedule_preempt_disabled schedule_timeout
rwsem_down_read_slowpath rwsem_down_write_slowpath down_read down_write __folio_lock
bit_wait_io __wait_on_bit out_of_line_wait_on_bit __wait_on_buffer folio_wait_bit_common
do_syscall_64 entry_SYSCALL_64_after_hwframe io_schedule_timeout
wait_for_completion_io_timeout __cond_resched preempt_schedule_common
exit_to_user_mode_loop irqentry_exit_to_user_mode asm_sysvec_apic_timer_interrupt""".split())

EV = re.compile(r'\s*(.+?)\s+(\d+)\s+\[(\d+)\]\s+([\d.]+):\s+sched:(\S+): (.*)')
SW = re.compile(r'prev_comm=(.+?) prev_pid=(\d+) .*prev_state=(\S+) ==> next_comm=(.+?) next_pid=(\d+)')
WK = re.compile(r'comm=(.+?) pid=(\d+)')
FRAME = re.compile(r'\s+[0-9a-f]+ (\S+?)(\+0x[0-9a-f]+)? \(')


def main():
    comm = sys.argv[1][:15]
    events = []
    for line in sys.stdin:
        m = EV.match(line)
        if m:
            events.append([float(m.group(4)), int(m.group(3)), m.group(5), m.group(6), []])
        elif events:
            f = FRAME.match(line)
            if f:
                events[-1][4].append(f.group(1))
    ours, runnable, oncpu = set(), set(), {}
    parent = first = last = t_prev = None
    hist = collections.Counter()
    got = 0.0
    off, off_state, off_where = {}, collections.Counter(), collections.Counter()

    def advance(t):
        nonlocal t_prev
        if t_prev is not None and first is not None:
            hist[min(len(runnable), 2)] += t - t_prev
        t_prev = t

    for t, cpu, ev, args, stack in events:
        if ev == 'sched_switch':
            m = SW.match(args)
            if not m:
                continue
            pc, pp, st, nc, np_ = m.group(1), int(m.group(2)), m.group(3), m.group(4), int(m.group(5))
            if pc == comm:
                ours.add(pp)
            if nc == comm:
                ours.add(np_)
            if pp in ours or np_ in ours:
                first = t if first is None else first
                last = t
                if parent is None:
                    parent = pp if pp in ours else np_
            advance(t)
            if pp in ours:
                if cpu in oncpu:
                    got += t - oncpu.pop(cpu)
                if not st.startswith('R'):
                    runnable.discard(pp)
                if pp != parent:
                    state = 'R' if st.startswith('R') else st
                    where = ' < '.join([f for f in stack if f not in SKIP][:3])
                    off[pp] = (t, state, where)
            if np_ in ours:
                oncpu[cpu] = t
                runnable.add(np_)
                if np_ in off:
                    t0, state, where = off.pop(np_)
                    off_state[state] += t - t0
                    if where:
                        off_where[state + ' ' + where] += t - t0
        elif ev in ('sched_wakeup', 'sched_wakeup_new', 'sched_process_exit'):
            m = WK.match(args)
            if not m:
                continue
            c, p = m.group(1), int(m.group(2))
            if ev == 'sched_wakeup_new' and c == comm:
                ours.add(p)
            if p not in ours:
                continue
            first = t if first is None else first
            last = t
            advance(t)
            if ev == 'sched_process_exit':
                runnable.discard(p)
            else:
                runnable.add(p)
    if first is None:
        sys.exit("batch_cores: no events of %s" % comm)
    w = last - first
    print("window %.0f ms; runnable 0: %.0f ms, 1: %.0f ms, 2+: %.0f ms; wanted %.2f cores; "
          "got %.0f ms CPU = %.2f cores"
          % (w * 1e3, hist[0] * 1e3, hist[1] * 1e3, hist[2] * 1e3,
             (hist[1] + 2 * hist[2]) / w if w else 0, got * 1e3, got / w if w else 0))
    print("children off CPU: " + ", ".join("%s %.0f ms" % (k, v * 1e3)
                                           for k, v in sorted(off_state.items())))
    for k, v in off_where.most_common(8):
        print("  %7.1f ms  %s" % (v * 1e3, k))


if __name__ == '__main__':
    main()
