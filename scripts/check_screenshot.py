#!/usr/bin/env python3
"""check_screenshot.py PNG: fails unless PNG is a real, non-blank screenshot.

Parses the PNG with the standard library only (zlib + struct; 8-bit greyscale, RGB or RGBA, not interlaced)
and requires enough non-white pixels and enough distinct colours. Exit 0: looks like a page; 1: blank or
nearly so; 2: not a PNG it can read.
"""
import struct
import sys
import zlib

MIN_NON_WHITE = 0.02      # share of sampled pixels that are not (near) white
MIN_COLOURS = 24          # distinct colours among sampled pixels (quantised to 5 bits a channel)


def read_png(path):
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    pos, idat, header = 8, [], None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
        pos += 12 + length
    if header is None:
        raise ValueError("no IHDR")
    width, height, depth, colour, _, _, interlace = header
    channels = {0: 1, 2: 3, 4: 2, 6: 4}.get(colour)
    if depth != 8 or channels is None or interlace != 0:
        raise ValueError(f"unsupported PNG: depth {depth}, colour type {colour}, interlace {interlace}")
    raw = zlib.decompress(b"".join(idat))
    stride = width * channels
    rows, prev, pos = [], bytearray(stride), 0
    for _ in range(height):
        kind, line = raw[pos], bytearray(raw[pos + 1:pos + 1 + stride])
        pos += 1 + stride
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b = prev[i]
            c = prev[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + a) & 255
            elif kind == 2:
                line[i] = (line[i] + b) & 255
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return width, height, channels, rows


def main():
    if len(sys.argv) != 2:
        print("usage: check_screenshot.py PNG", file=sys.stderr)
        return 2
    try:
        width, height, channels, rows = read_png(sys.argv[1])
    except (OSError, ValueError, zlib.error, struct.error, IndexError) as e:
        print(f"{sys.argv[1]}: cannot read: {e}", file=sys.stderr)
        return 2
    step = max(1, min(width, height) // 300)
    sampled = non_white = 0
    colours = set()
    for y in range(0, height, step):
        row = rows[y]
        for x in range(0, width, step):
            px = row[x * channels:(x + 1) * channels]
            rgb = (px[0], px[0], px[0]) if channels < 3 else tuple(px[:3])
            sampled += 1
            if min(rgb) < 235:
                non_white += 1
            colours.add(tuple(v >> 3 for v in rgb))
    share = non_white / sampled
    verdict = share >= MIN_NON_WHITE and len(colours) >= MIN_COLOURS
    print(f"{sys.argv[1]}: {width}x{height}, {share:.1%} non-white, {len(colours)} colours: "
          + ("ok" if verdict else "BLANK or nearly blank"))
    return 0 if verdict else 1


if __name__ == "__main__":
    sys.exit(main())
