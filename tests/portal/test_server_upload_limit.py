"""Against gunicorn with the project's config: a 40 MB upload is refused as soon as it starts."""

import socket
import time
import urllib.parse

from tests.portal.test_server import server  # noqa: F401  (the gunicorn fixture)

FORTY_MB = 40 * 1024 * 1024


def test_a_40_mb_post_is_answered_413_before_it_is_sent(server):  # noqa: F811
    address = urllib.parse.urlsplit(server)
    started = time.monotonic()
    with socket.create_connection((address.hostname, address.port), timeout=5) as sock:
        sock.sendall(
            b"POST /quan-tri/login/ HTTP/1.1\r\n"
            b"Host: 127.0.0.1\r\n"
            b"Content-Type: multipart/form-data; boundary=abc\r\n"
            + f"Content-Length: {FORTY_MB}\r\n\r\n".encode()
            + b"--abc\r\n"
            + b"x" * 65536
        )
        answer = b""
        while chunk := sock.recv(65536):  # the server closes the connection after its answer
            answer += chunk
    elapsed = time.monotonic() - started
    assert answer.startswith(b"HTTP/1.1 413 "), answer[:200]
    assert "Tệp gửi lên quá lớn" in answer.decode()
    assert elapsed < 2, f"answered after {elapsed:.2f} s"
    print(f"413 after {elapsed * 1000:.0f} ms, 64 KB of 40 MB sent")
