"""Runs a command on a real pseudo-terminal and reads what an operator would see.

The command's output is fed to a terminal emulator model (pyte) of the given size; questions are
answered when the cursor's line matches, and the terminal is resized (the kernel sends SIGWINCH)
when the output first shows a given text. Prints one JSON object: the exit code, the final
screen, and every line that scrolled off it, in order.

usage: screen.py COLS ROWS SPEC_JSON -- COMMAND...
SPEC_JSON: {"answers": [[regex, text], ...], "resize": [[text, cols, rows], ...], "timeout": s}
"""
import fcntl
import json
import os
import pty
import re
import select
import struct
import sys
import termios
import time

import pyte


def set_size(fd, cols, rows):
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))


def text_of(line, cols):
    return "".join(line[x].data for x in range(cols)).rstrip()


def main():
    cols, rows, spec = int(sys.argv[1]), int(sys.argv[2]), json.loads(sys.argv[3])
    command = sys.argv[sys.argv.index("--") + 1:]
    answers = [(re.compile(r), t) for r, t in spec.get("answers", [])]
    resizes = list(spec.get("resize", []))
    deadline = time.time() + spec.get("timeout", 120)

    pid, fd = pty.fork()
    if pid == 0:
        set_size(0, cols, rows)
        os.environ["TERM"] = "xterm"
        os.environ.pop("COLUMNS", None)
        os.environ.pop("NO_COLOR", None)
        os.execvp(command[0], command)

    screen = pyte.HistoryScreen(cols, rows, history=100000, ratio=0.5)
    stream = pyte.ByteStream(screen)
    seen = ""
    asked = []
    while time.time() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                data = os.read(fd, 65536)
            except OSError:
                break
            if not data:
                break
            stream.feed(data)
            seen += data.decode("utf-8", "replace")
        if resizes and resizes[0][0] in seen:
            _, cols, rows = resizes.pop(0)
            screen.resize(rows, cols)
            set_size(fd, cols, rows)
            # let the engine redraw for the new size before it is answered
            time.sleep(0.5)
            continue
        if answers:
            line = text_of(screen.buffer[screen.cursor.y], screen.columns)
            regex, text = answers[0]
            if regex.search(line):
                asked.append(line)
                answers.pop(0)
                os.write(fd, (text + "\n").encode())
    else:
        os.kill(pid, 9)
    _, status = os.waitpid(pid, 0)
    history = [text_of(l, screen.columns) for l in screen.history.top]
    display = [l.rstrip() for l in screen.display]
    print(json.dumps({
        "exit": os.waitstatus_to_exitcode(status),
        "history": history,
        "screen": display,
        "asked": asked,
        "unanswered": [r.pattern for r, _ in answers],
        "columns": screen.columns,
    }))


main()
