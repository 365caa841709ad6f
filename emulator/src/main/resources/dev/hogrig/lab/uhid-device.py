#!/usr/bin/python3
# hogrig virtual lab: one HID device in the guest kernel through /dev/uhid, driven by
# dev.hogrig.lab.UhidDevice on the machine through files in the lab's shared output directory.
#
#   uhid-device.py BASE     reads   BASE.conf  (key=value lines, below)
#                           tails   BASE.in    ("input <hex>" | "destroy", one a line,
#                                               appended by the JVM on the machine)
#                           writes  BASE.log   (what the kernel asked, one event a line)
#                                   BASE.pid
#
# BASE.conf: name, phys, uniq (text); bus, vendor, product, version, country (integers);
# rdesc (hex); feature.<rnum> (hex: the answer to GET_REPORT of that feature report, report
# ID byte included when the descriptor numbers its reports); max_seconds.
#
# BASE.log lines: "<CLOCK_MONOTONIC seconds> <EVENT> [key=value ...]", EVENT one of
#   CREATED, START flags=, STOP, OPEN, CLOSE, OUTPUT rtype= data=,
#   GET_REPORT id= rnum= rtype= err= data=   (what we answered),
#   SET_REPORT id= rnum= rtype= data=        (answered err=0),
#   INPUT size=, EXIT why=, ERROR msg=
#
# Struct layouts from linux/uhid.h (all packed, little-endian on x86-64):
#   struct uhid_event { u32 type; union {...} }   sizeof = 4 + 4372 (create2 is the largest)
#   create2:  name[128] phys[64] uniq[64] u16 rd_size u16 bus u32 vendor u32 product
#             u32 version u32 country u8 rd_data[4096]
#   input2:   u16 size, u8 data[4096]
#   output:   u8 data[4096], u16 size, u8 rtype
#   get_report: u32 id, u8 rnum, u8 rtype       -> get_report_reply: u32 id, u16 err, u16 size, data
#   set_report: u32 id, u8 rnum, u8 rtype, u16 size, data -> set_report_reply: u32 id, u16 err
#   start:    u64 dev_flags
import os
import select
import struct
import sys
import time

DESTROY, START, STOP, OPEN, CLOSE, OUTPUT = 1, 2, 3, 4, 5, 6
GET_REPORT, GET_REPORT_REPLY, CREATE2, INPUT2, SET_REPORT, SET_REPORT_REPLY = 9, 10, 11, 12, 13, 14
EVENT_SIZE = 4 + 4372
RTYPES = {0: "feature", 1: "output", 2: "input"}
EIO = 5

base = sys.argv[1]
conf = {}
with open(base + ".conf", encoding="utf-8") as f:
    for line in f:
        line = line.rstrip("\n")
        if line and not line.startswith("#") and "=" in line:
            k, v = line.split("=", 1)
            conf[k] = v
log = open(base + ".log", "a", buffering=1, encoding="ascii")


def note(event, **kv):
    log.write("%.6f %s%s\n" % (time.monotonic(), event,
                                "".join(" %s=%s" % (k, v) for k, v in kv.items())))


with open(base + ".pid", "w") as f:
    f.write("%d\n" % os.getpid())

features = {}
for k, v in conf.items():
    if k.startswith("feature."):
        features[int(k[len("feature."):])] = bytes.fromhex(v)


def send(buf):
    os.write(fd, buf.ljust(EVENT_SIZE, b"\0"))


fd = os.open("/dev/uhid", os.O_RDWR | os.O_CLOEXEC)
rd = bytes.fromhex(conf["rdesc"])
create = struct.pack("<I128s64s64sHHIIII", CREATE2,
                     conf.get("name", "hogrig").encode()[:127],
                     conf.get("phys", "").encode()[:63], conf.get("uniq", "").encode()[:63],
                     len(rd), int(conf.get("bus", "5"), 0), int(conf.get("vendor", "0"), 0),
                     int(conf.get("product", "0"), 0), int(conf.get("version", "0"), 0),
                     int(conf.get("country", "0"), 0)) + rd
send(create)
note("CREATED", rd_size=len(rd))

cmd_fd = None
cmd_off = 0
pending = b""
deadline = time.monotonic() + float(conf.get("max_seconds", "600"))
why = "deadline"
poller = select.poll()
poller.register(fd, select.POLLIN)
running = True
while running and time.monotonic() < deadline:
    for _fd, _ev in poller.poll(20):
        ev = os.read(fd, EVENT_SIZE)
        (etype,) = struct.unpack_from("<I", ev, 0)
        if etype == START:
            (flags,) = struct.unpack_from("<Q", ev, 4)
            note("START", flags=flags)
        elif etype in (STOP, OPEN, CLOSE):
            note({STOP: "STOP", OPEN: "OPEN", CLOSE: "CLOSE"}[etype])
        elif etype == OUTPUT:
            size, rtype = struct.unpack_from("<HB", ev, 4 + 4096)
            note("OUTPUT", rtype=RTYPES.get(rtype, rtype), data=ev[4:4 + size].hex() or "-")
        elif etype == GET_REPORT:
            rid, rnum, rtype = struct.unpack_from("<IBB", ev, 4)
            data = features.get(rnum) if rtype == 0 else None
            err = 0 if data is not None else EIO
            data = data or b""
            send(struct.pack("<IIHH", GET_REPORT_REPLY, rid, err, len(data)) + data)
            note("GET_REPORT", id=rid, rnum=rnum, rtype=RTYPES.get(rtype, rtype), err=err,
                 data=data.hex() or "-")
        elif etype == SET_REPORT:
            rid, rnum, rtype, size = struct.unpack_from("<IBBH", ev, 4)
            data = ev[12:12 + size]
            send(struct.pack("<IIH", SET_REPORT_REPLY, rid, 0))
            if rtype == 0:
                features[rnum] = data  # a later GET_REPORT reads back what the host set
            note("SET_REPORT", id=rid, rnum=rnum, rtype=RTYPES.get(rtype, rtype),
                 data=data.hex() or "-")
        else:
            note("EVENT", type=etype)
    if cmd_fd is None:
        try:
            cmd_fd = os.open(base + ".in", os.O_RDONLY)
        except FileNotFoundError:
            continue
    chunk = os.pread(cmd_fd, 65536, cmd_off)
    cmd_off += len(chunk)
    pending += chunk
    while b"\n" in pending:
        line, pending = pending.split(b"\n", 1)
        words = line.decode("ascii", "replace").split()
        if not words:
            continue
        if words[0] == "input" and len(words) == 2:
            data = bytes.fromhex(words[1])
            send(struct.pack("<IH", INPUT2, len(data)) + data)
            note("INPUT", size=len(data))
        elif words[0] == "destroy":
            why = "destroy"
            running = False
            break
        else:
            note("ERROR", msg="unknown-command:" + words[0])
send(struct.pack("<I", DESTROY))
os.close(fd)
note("EXIT", why=why)
