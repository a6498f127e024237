"""A server on a loopback port that accepts connections and never answers: a mail server or an
API that has stalled. It counts the connections it accepted."""

import socket
import threading


class StalledServer:
    def __init__(self):
        self.connections = []
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self._thread = threading.Thread(target=self._accept, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._listener.close()
        for connection in self.connections:
            connection.close()

    def _accept(self):
        while True:
            try:
                connection, _ = self._listener.accept()
            except OSError:  # closed
                return
            self.connections.append(connection)  # held open, never read, never answered


def in_background(function):
    """Start `function` in a thread now; the returned callable waits for it at most `seconds`
    and gives (finished, its result or exception). A call that would hang fails its test after
    `seconds` instead of hanging the suite."""
    outcome = {}

    def call():
        try:
            outcome["result"] = function()
        except Exception as error:
            outcome["result"] = error

    thread = threading.Thread(target=call, daemon=True)
    thread.start()

    def wait(seconds):
        thread.join(seconds)
        return not thread.is_alive(), outcome.get("result")

    return wait
