"""A tiny in-process Redis stand-in (RESP3 handshake, PING/INCR/INCRBY/GET)."""

import socketserver
import threading


class Handler(socketserver.StreamRequestHandler):
    def read_command(self):
        line = self.rfile.readline()
        if not line:
            return None
        count = int(line[1:])
        parts = []
        for _ in range(count):
            size = int(self.rfile.readline()[1:])
            parts.append(self.rfile.read(size + 2)[:-2].decode())
        return parts

    def handle(self):
        store = self.server.store
        while (cmd := self.read_command()) is not None:
            name = cmd[0].upper()
            if name == "HELLO":
                self.wfile.write(b"%2\r\n+server\r\n+redis\r\n+proto\r\n:3\r\n")
            elif name == "PING":
                self.wfile.write(b"+PONG\r\n")
            elif name in ("INCR", "INCRBY"):
                step = int(cmd[2]) if len(cmd) > 2 else 1
                store[cmd[1]] = int(store.get(cmd[1], 0)) + step
                self.wfile.write(b":%d\r\n" % store[cmd[1]])
            elif name == "GET":
                value = store.get(cmd[1])
                if value is None:
                    self.wfile.write(b"$-1\r\n")
                else:
                    data = str(value).encode()
                    self.wfile.write(b"$%d\r\n%s\r\n" % (len(data), data))
            else:
                self.wfile.write(b"+OK\r\n")


def start():
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    server.store = {}
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server.server_address[1]
