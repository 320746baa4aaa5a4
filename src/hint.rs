//! Hints to the CPU: the crate's only `unsafe` code.

/// Ask the CPU to start loading both ends of `items[i]` into the cache
/// (nothing when `i` is out of range, or off x86-64).
///
/// Used where a loop touches items in an order the hardware cannot guess
/// (the end nodes of each leg, as the loader adds it and as roles count
/// it): prefetched a few legs ahead, the cache misses of several legs
/// overlap instead of queueing.
#[inline]
pub(crate) fn prefetch<T>(items: &[T], i: usize) {
    #[cfg(target_arch = "x86_64")]
    if let Some(item) = items.get(i) {
        use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
        let first = (item as *const T).cast::<i8>();
        let last = first.wrapping_add(std::mem::size_of::<T>().saturating_sub(1));
        // SAFETY: a prefetch is a hint; it reads nothing the program sees
        // and cannot fault, and both addresses lie inside `item` anyway.
        unsafe {
            _mm_prefetch::<_MM_HINT_T0>(first);
            _mm_prefetch::<_MM_HINT_T0>(last);
        }
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = (items, i);
}
