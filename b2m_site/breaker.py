"""A small circuit breaker, and a log line at most once per interval. No Django here.

A breaker sits in front of something that may fail or hang (the cache). After
`threshold` failures in a row it opens: calls are refused at once, without
trying, for `reset_seconds`. Then one call at a time may try again (half-open);
a success closes the breaker, a failure opens it for another `reset_seconds`.
So a dead or paused server costs each request nothing while the breaker is
open, and one short timeout every `reset_seconds` while it is down.
"""

import threading
import time

CLOSED = "closed"
OPEN = "open"
HALF_OPEN = "half-open"


class CircuitBreaker:
    def __init__(self, threshold=3, reset_seconds=5.0, clock=time.monotonic):
        if threshold < 1:
            raise ValueError("threshold must be at least 1")
        if reset_seconds <= 0:
            raise ValueError("reset_seconds must be more than 0")
        self.threshold = threshold
        self.reset_seconds = reset_seconds
        self._clock = clock
        self._lock = threading.Lock()
        self._failures = 0
        self._opened_at = None
        self._trial_running = False

    @property
    def state(self):
        with self._lock:
            return self._state()

    def _state(self):
        if self._opened_at is None:
            return CLOSED
        if self._clock() - self._opened_at >= self.reset_seconds:
            return HALF_OPEN
        return OPEN

    def allow(self):
        """True when a call may go ahead now (closed, or the one trial of half-open)."""
        with self._lock:
            state = self._state()
            if state == CLOSED:
                return True
            if state == HALF_OPEN and not self._trial_running:
                self._trial_running = True
                return True
            return False

    def success(self):
        with self._lock:
            self._failures = 0
            self._opened_at = None
            self._trial_running = False

    def failure(self):
        """Count a failure; True when this one opened (or re-opened) the breaker."""
        with self._lock:
            self._trial_running = False
            self._failures += 1
            if self._opened_at is not None or self._failures >= self.threshold:
                self._opened_at = self._clock()
                return True
            return False


class Throttle:
    """`ready()` is True at most once per `interval` seconds (for log lines)."""

    def __init__(self, interval=60.0, clock=time.monotonic):
        self.interval = interval
        self._clock = clock
        self._lock = threading.Lock()
        self._last = None
        self.suppressed = 0

    def ready(self):
        with self._lock:
            now = self._clock()
            if self._last is None or now - self._last >= self.interval:
                self._last = now
                return True
            self.suppressed += 1
            return False

    def take_suppressed(self):
        with self._lock:
            count, self.suppressed = self.suppressed, 0
            return count
