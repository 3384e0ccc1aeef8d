"""Django's PostgreSQL backend, with a persistent connection's health told by its socket.

With CONN_HEALTH_CHECKS, Django asks a reused connection `SELECT 1` before a request's
first query, so that one the server ended (a restart, a failover, a terminated backend)
is replaced rather than failing the request. That is a round trip a request: on a cache
miss, a tenth of an edition page's time. A server ending a connection writes to it
first (its last error message, then end of file), and an idle connection otherwise
has nothing to read: a poll of the socket tells the two apart without a round trip.
Only when something waits to be read is the connection asked with Django's own check.
"""

import select

from django.db.backends.postgresql import base


class DatabaseWrapper(base.DatabaseWrapper):
    def is_usable(self):
        connection = self.connection
        if connection is None or connection.closed:
            return False
        try:
            poller = select.poll()
            poller.register(connection.fileno(), select.POLLIN)
            waiting = poller.poll(0)
        except (OSError, ValueError, AttributeError):
            # No socket to poll (closed under us), or no poll() on this system.
            waiting = True
        if waiting:
            # The server's last words, end of file, or a notice: let the round trip tell.
            return super().is_usable()
        return True
