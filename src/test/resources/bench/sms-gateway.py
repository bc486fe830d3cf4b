"""A local SMS gateway for OutboxBenchmark, in a process of its own as a provider's API would be: takes a
Twilio-style form post on /messages and answers 201 with a message id. Python's standard library only.
Usage: python3 sms-gateway.py PORT"""
import itertools
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ids = itertools.count(1)


class Gateway(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as the JDK client expects
    # Headers and body in one write, sent at once: apart, each answer would wait out a delayed ACK (40 ms).
    wbufsize = 65536
    disable_nagle_algorithm = True

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        answer = ('{"sid":"SM%d"}' % next(ids)).encode()
        self.send_response(201)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *args):
        pass


ThreadingHTTPServer.daemon_threads = True
ThreadingHTTPServer.request_queue_size = 128
ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Gateway).serve_forever()
