//! Query strings exactly as the API writes them: `types[]=a&types[]=b`, `created_at[gte]=…`.
//!
//! `reqwest`'s `.query()` goes through `serde_urlencoded`, which has no notion of arrays and
//! would encode the brackets of our keys as `%5B%5D`. Keys here are our own constants, so they
//! are written literally; only values are percent-encoded.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

/// Everything except RFC 3986 unreserved characters is encoded in values.
const VALUE: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// Percent-encodes a value (or a path segment): only unreserved characters stay as they are.
pub(crate) fn encode_value(v: &str) -> String {
    utf8_percent_encode(v, VALUE).to_string()
}

/// Ordered key/value pairs of a query string.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Query(Vec<(&'static str, String)>);

impl Query {
    pub(crate) fn new() -> Self {
        Self::default()
    }

    /// Adds `key=value`.
    pub(crate) fn push(&mut self, key: &'static str, value: impl ToString) -> &mut Self {
        self.0.push((key, value.to_string()));
        self
    }

    /// Adds `key=value` if the value is present.
    pub(crate) fn opt<T: ToString>(&mut self, key: &'static str, value: Option<T>) -> &mut Self {
        if let Some(v) = value {
            self.push(key, v);
        }
        self
    }

    /// Adds `key[]=v` once per item (`key` already ends in `[]`).
    pub(crate) fn list<T: std::fmt::Display>(
        &mut self,
        key: &'static str,
        values: &[T],
    ) -> &mut Self {
        for v in values {
            self.push(key, v);
        }
        self
    }

    /// Replaces every `key=…` with one `key=value`.
    pub(crate) fn set(&mut self, key: &'static str, value: impl ToString) -> &mut Self {
        self.0.retain(|(k, _)| *k != key);
        self.push(key, value)
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The encoded query string, without the leading `?`.
    pub(crate) fn encode(&self) -> String {
        let mut out = String::new();
        for (i, (k, v)) in self.0.iter().enumerate() {
            if i > 0 {
                out.push('&');
            }
            out.push_str(k);
            out.push('=');
            out.extend(utf8_percent_encode(v, VALUE));
        }
        out
    }
}

/// Implemented by every `List…Query` so a handle can turn it into a query string.
pub(crate) trait ToQuery {
    fn to_query(&self) -> Query;
}

/// A `created_at` range filter: `created_at[gt]`, `[gte]`, `[lt]`, `[lte]` (RFC 3339 values).
/// On session events the API compares it with `processed_at`.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CreatedAtRange {
    /// Strictly after.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gt: Option<String>,
    /// At or after.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gte: Option<String>,
    /// Strictly before.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lt: Option<String>,
    /// At or before.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lte: Option<String>,
}

impl CreatedAtRange {
    pub(crate) fn write(&self, q: &mut Query) {
        q.opt("created_at[gt]", self.gt.as_deref());
        q.opt("created_at[gte]", self.gte.as_deref());
        q.opt("created_at[lt]", self.lt.as_deref());
        q.opt("created_at[lte]", self.lte.as_deref());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brackets_stay_literal_and_values_are_encoded() {
        let mut q = Query::new();
        q.list("types[]", &["user.message", "agent.message"])
            .push("created_at[gte]", "2026-05-01T00:00:00+00:00");
        assert_eq!(
            q.encode(),
            "types[]=user.message&types[]=agent.message&created_at[gte]=2026-05-01T00%3A00%3A00%2B00%3A00"
        );
    }
}
