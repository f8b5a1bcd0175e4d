//! Server-assigned identifiers and timestamps.
//!
//! Ids carry the real prefixes (`agent_`, `sesn_`, …) followed by a creation counter and a random
//! tail. The counter comes first and uses an alphabet in ASCII order, so sorting ids sorts them by
//! creation: the stores can then be plain `BTreeMap`s and lists need no extra index.

use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

const ALPHABET: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

static COUNTER: AtomicU64 = AtomicU64::new(0);
static RNG: AtomicU64 = AtomicU64::new(0);
static LAST_MICROS: Mutex<i64> = Mutex::new(0);

/// Seeds the counter so ids made after a restart sort after the ones restored from a snapshot.
pub(crate) fn seed_counter(at_least: u64) {
    COUNTER.fetch_max(at_least, Ordering::SeqCst);
}

/// The current counter, saved in snapshots so a restart keeps ids growing.
pub(crate) fn counter() -> u64 {
    COUNTER.load(Ordering::SeqCst)
}

fn next_random() -> u64 {
    // splitmix64 over a shared state seeded from the clock: ids need to be unlikely to collide
    // across restarts, not unpredictable, so no crypto RNG dependency.
    let mut seed = RNG.load(Ordering::Relaxed);
    if seed == 0 {
        seed = now_micros().unsigned_abs() | 1;
    }
    let next = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
    RNG.store(next, Ordering::Relaxed);
    let mut z = next;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

fn base62(mut n: u64, width: usize, out: &mut String) {
    let mut digits = vec![b'0'; width];
    for slot in digits.iter_mut().rev() {
        *slot = ALPHABET[(n % 62) as usize];
        n /= 62;
    }
    out.extend(digits.iter().map(|&b| b as char));
}

/// A new id such as `sesn_011CZ0000001x8Kq2...`: prefix, creation counter, random tail.
pub fn new_id(prefix: &str) -> String {
    let n = COUNTER.fetch_add(1, Ordering::SeqCst) + 1;
    let mut id = String::with_capacity(prefix.len() + 26);
    id.push_str(prefix);
    id.push_str("_011C");
    base62(n, 10, &mut id);
    base62(next_random(), 11, &mut id);
    id
}

/// A request id for the `request-id` header and error bodies.
pub fn request_id() -> String {
    let mut id = String::from("req_011C");
    base62(next_random(), 11, &mut id);
    base62(next_random(), 11, &mut id);
    id
}

/// Microseconds since the Unix epoch, strictly increasing across calls in this process.
///
/// Events are ordered and filtered by `processed_at`; making every stamp unique keeps
/// `created_at[gt]` filters and ascending lists exact even when many events share a millisecond.
pub fn now_micros() -> i64 {
    let wall = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_micros()).unwrap_or(i64::MAX))
        .unwrap_or(0);
    let mut last = LAST_MICROS.lock().unwrap_or_else(|e| e.into_inner());
    let next = wall.max(*last + 1);
    *last = next;
    next
}

/// RFC 3339 with microseconds and `Z`, the form the API uses for timestamps.
pub fn rfc3339(micros: i64) -> String {
    let nanos = i128::from(micros) * 1000;
    OffsetDateTime::from_unix_timestamp_nanos(nanos)
        .ok()
        .and_then(|t| t.format(&Rfc3339).ok())
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".to_owned())
}

/// Parses an RFC 3339 / ISO 8601 timestamp (as sent in `created_at[gte]=…`) into microseconds.
pub fn parse_micros(text: &str) -> Option<i64> {
    let t = OffsetDateTime::parse(text, &Rfc3339).ok()?;
    i64::try_from(t.unix_timestamp_nanos() / 1000).ok()
}

/// The current time as an RFC 3339 string.
pub fn now() -> String {
    rfc3339(now_micros())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_sort_by_creation_and_keep_prefix() {
        let a = new_id("sesn");
        let b = new_id("sesn");
        assert!(a.starts_with("sesn_011C"));
        assert!(a < b, "{a} should sort before {b}");
    }

    #[test]
    fn timestamps_round_trip_and_increase() {
        let a = now_micros();
        let b = now_micros();
        assert!(b > a);
        assert_eq!(parse_micros(&rfc3339(a)), Some(a));
        assert!(parse_micros("2026-05-01T00:00:00+00:00").is_some());
        assert!(parse_micros("yesterday").is_none());
    }
}
