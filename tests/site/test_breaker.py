"""b2m_site/breaker.py: the circuit breaker and the once-per-interval log throttle."""

import pytest

from b2m_site.breaker import CircuitBreaker, Throttle


class Clock:
    def __init__(self):
        self.now = 100.0

    def __call__(self):
        return self.now


def test_the_breaker_opens_after_threshold_failures_in_a_row_and_refuses_at_once():
    clock = Clock()
    breaker = CircuitBreaker(threshold=3, reset_seconds=5, clock=clock)
    assert [breaker.failure() for _ in range(3)] == [False, False, True]
    assert breaker.state == "open"
    assert breaker.allow() is False


def test_a_success_resets_the_count_of_failures():
    breaker = CircuitBreaker(threshold=2, reset_seconds=5, clock=Clock())
    breaker.failure()
    breaker.success()
    assert breaker.failure() is False
    assert breaker.state == "closed"


def test_after_the_reset_time_one_trial_call_goes_ahead_and_decides():
    clock = Clock()
    breaker = CircuitBreaker(threshold=1, reset_seconds=5, clock=clock)
    breaker.failure()
    clock.now += 5
    assert breaker.state == "half-open"
    assert breaker.allow() is True
    assert breaker.allow() is False  # only one trial at a time
    breaker.failure()  # the trial failed: open for another 5 s
    assert breaker.state == "open"
    clock.now += 5
    assert breaker.allow() is True
    breaker.success()
    assert breaker.state == "closed" and breaker.allow() is True


@pytest.mark.parametrize("threshold, reset", [(0, 5), (1, 0)])
def test_the_breaker_refuses_settings_that_make_no_sense(threshold, reset):
    with pytest.raises(ValueError):
        CircuitBreaker(threshold=threshold, reset_seconds=reset)


def test_the_throttle_says_yes_once_per_interval_and_counts_the_rest():
    clock = Clock()
    throttle = Throttle(60, clock=clock)
    assert [throttle.ready() for _ in range(4)] == [True, False, False, False]
    assert throttle.take_suppressed() == 3
    clock.now += 60
    assert throttle.ready() is True
    assert throttle.take_suppressed() == 0
