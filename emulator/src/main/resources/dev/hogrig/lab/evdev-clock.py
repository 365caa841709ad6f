#!/usr/bin/python3
# hogrig virtual lab: records one evdev node with absolute timestamps and answers clock pings,
# driven by dev.hogrig.lab.TimedEventRecorder on the machine through files in the lab's shared
# output directory (9p, no guest cache: each read/write goes to the machine's file at once).
#
#   evdev-clock.py NODE CLOCK BASE MAX_SECONDS
#     NODE   /dev/input/eventN
#     CLOCK  realtime | monotonic: set with EVIOCSCLOCKID before the first read
#     writes BASE.ev    one line per event: "<sec>.<usec> <type> <code> <value>" (decimal),
#                       written (unbuffered os.write) after each read(), so every SYN_REPORT
#                       the kernel had queued is in the file when the write returns
#     tails  BASE.req   "fast" | "slow" | "ping N" | "quit", one a line, appended by the JVM
#     writes BASE.resp  "ready <clock>" once the node is open and its clock set,
#                       "pong N <sec>.<nsec>" (clock_gettime(CLOCK) right after the ping was read),
#                       "error <why>" and exit on failure
#
# evemu-record subtracts its first event's time, so its times cannot be compared with another
# clock; the event times here are the kernel's own (evdev stamps each event when it passes the
# input core's evdev handler, linux/drivers/input/evdev.c evdev_events()).
#
# struct input_event on x86-64 (linux/input.h), 24 bytes, native byte order:
#   +0  s64 tv_sec   +8  s64 tv_usec   +16 u16 type   +18 u16 code   +20 s32 value
# EVIOCSCLOCKID = _IOW('E', 0xa0, int) = (1 << 30) | (4 << 16) | (0x45 << 8) | 0xa0 = 0x400445a0.
#
# Threads: one reads the evdev node (blocking read, no file I/O in between), one writes what it
# read to BASE.ev, one serves BASE.req. A write to the 9p share is a synchronous round trip to
# qemu on the machine, which took 200 ms under load (machine load 11 on 2 cores): a single loop
# that wrote between reads let 43 frames pile up in the kernel's evdev client buffer, which then
# overflowed (SYN_DROPPED). Blocking calls release python's GIL, so the reader runs whenever the
# kernel has events. The request file is read every 20 ms while "slow" (the default; each read is
# a 9p round trip) and every 0.2 ms while "fast" (only during a clock measurement, when the round
# trip must be short). The JVM runs this script under SCHED_FIFO (see TimedEventRecorder.start),
# so no thread may spin: each one always blocks.
import fcntl
import os
import select
import struct
import sys
import threading
import time

EVENT = struct.Struct("@qqHHi")
EVIOCSCLOCKID = 0x400445A0
CLOCKS = {"realtime": time.CLOCK_REALTIME, "monotonic": time.CLOCK_MONOTONIC}

node, clock_name, base, max_seconds = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
resp = os.open(base + ".resp", os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)


def answer(line):
    os.write(resp, (line + "\n").encode("ascii"))


try:
    clock = CLOCKS[clock_name]
    ev = os.open(node, os.O_RDONLY)
    fcntl.ioctl(ev, EVIOCSCLOCKID, struct.pack("@i", clock))
except (KeyError, OSError) as e:
    answer("error %s: %s" % (node, e))
    sys.exit(1)

out = os.open(base + ".ev", os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
req = os.open(base + ".req", os.O_RDONLY | os.O_CREAT, 0o644)
queue = []
queued = threading.Condition()


def read_events():
    while True:
        try:
            data = os.read(ev, EVENT.size * 512)
        except OSError as e:  # ENODEV: the device went away
            answer("error read %s: %s" % (node, e))
            return
        with queued:
            queue.append(data)
            queued.notify()


def write_events():
    while True:
        with queued:
            while not queue:
                queued.wait()
            chunks = queue[:]
            del queue[:]
        lines = []
        for data in chunks:
            for i in range(0, len(data) - EVENT.size + 1, EVENT.size):
                sec, usec, etype, code, value = EVENT.unpack_from(data, i)
                lines.append("%d.%06d %d %d %d\n" % (sec, usec, etype, code, value))
        if lines:
            os.write(out, "".join(lines).encode("ascii"))


threading.Thread(target=read_events, daemon=True).start()
threading.Thread(target=write_events, daemon=True).start()
answer("ready %s %d" % (clock_name, os.getpid()))

fast = False
pending = b""
end = time.monotonic() + max_seconds
while time.monotonic() < end:
    time.sleep(0.0002 if fast else 0.02)
    chunk = os.read(req, 4096)
    if not chunk:
        continue
    pending += chunk
    while b"\n" in pending:
        line, pending = pending.split(b"\n", 1)
        words = line.decode("ascii", "replace").split()
        if not words:
            continue
        if words[0] == "ping" and len(words) == 2:
            t = time.clock_gettime_ns(clock)
            answer("pong %s %d.%09d" % (words[1], t // 1000000000, t % 1000000000))
        elif words[0] == "fast":
            fast = True
        elif words[0] == "slow":
            fast = False
        elif words[0] == "quit":
            os._exit(0)
answer("error ended after %s s" % max_seconds)
os._exit(0)
