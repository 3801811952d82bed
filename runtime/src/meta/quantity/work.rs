//! A count of the digit steps parsing takes, so tests can check that the
//! work stays linear in the input length (quantities arrive from servers and
//! custom resources, and their digits are not bounded).

#[cfg(test)]
thread_local! {
    static STEPS: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// Records `steps` units of work (a no-op outside tests).
#[inline]
pub(super) fn count(steps: usize) {
    #[cfg(test)]
    STEPS.with(|s| s.set(s.get() + steps as u64));
    #[cfg(not(test))]
    let _ = steps;
}

/// The steps counted on this thread since the last call.
#[cfg(test)]
pub(super) fn take() -> u64 {
    STEPS.with(|s| s.replace(0))
}
