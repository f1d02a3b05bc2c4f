import os
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import aiohttp
import pytest


class Upstream(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        body = b'{"rate": 1.1}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


_server = ThreadingHTTPServer(("127.0.0.1", 0), Upstream)
threading.Thread(target=_server.serve_forever, daemon=True).start()
os.environ["RATES_URL"] = f"http://127.0.0.1:{_server.server_address[1]}"


@pytest.fixture(scope="session")
def rates_session():
    return aiohttp.ClientSession(base_url=os.environ["RATES_URL"])
