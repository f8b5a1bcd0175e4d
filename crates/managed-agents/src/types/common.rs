//! Shapes shared by several resources: money, metadata, content blocks, deletion receipts.

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

/// Fields the API sent that this version of the crate does not know. They are kept so that a
/// value re-serializes without loss (the API is in beta and grows every month).
pub type Extra = serde_json::Map<String, Value>;

/// Free-form key/value metadata (at most 16 pairs, keys ≤ 64 chars, values ≤ 512 chars).
pub type Metadata = BTreeMap<String, String>;

/// A metadata patch for updates: a string value upserts the key, `None` (JSON `null`) deletes it,
/// a key left out is kept.
pub type MetadataPatch = BTreeMap<String, Option<String>>;

/// Deserializes a present field (value or `null`) as `Some(..)`, so that together with
/// `#[serde(default)]` an `Option<Option<T>>` tells apart absent (`None`), `null` (`Some(None)`)
/// and a value (`Some(Some(v))`). Serde alone folds absent and `null` together.
pub(crate) fn some<'de, T, D>(d: D) -> Result<Option<T>, D::Error>
where
    T: Deserialize<'de>,
    D: Deserializer<'de>,
{
    T::deserialize(d).map(Some)
}

/// An amount of money: `amount` is an integer **string in minor units** (cents for USD). Never a
/// float, so that sums stay exact.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Money {
    /// Integer amount in minor units, as a decimal string (e.g. `"137"` = $1.37).
    pub amount: String,
    /// ISO 4217 currency code, e.g. `"USD"`.
    pub currency: String,
    /// Fields this crate does not know.
    #[serde(flatten)]
    pub extra: Extra,
}

/// What a `DELETE` returns: the id and `type` `"<resource>_deleted"`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Deleted {
    /// The id of the deleted object.
    pub id: String,
    /// `"<resource>_deleted"`, e.g. `"session_deleted"` (optional for files).
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Fields this crate does not know.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A content block in messages and tool results. Which blocks an event allows is listed in the
/// API reference §4.2; this one enum covers them all.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ContentBlock {
    /// Plain text.
    Text {
        /// The text.
        text: String,
        /// Fields this crate does not know.
        #[serde(flatten)]
        extra: Extra,
    },
    /// An image.
    Image {
        /// Where the image comes from.
        source: MediaSource,
        /// Fields this crate does not know.
        #[serde(flatten)]
        extra: Extra,
    },
    /// A document (PDF, plain text, …).
    Document {
        /// Where the document comes from.
        source: MediaSource,
        /// Optional title.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        title: Option<String>,
        /// Optional context about the document.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        context: Option<String>,
        /// Fields this crate does not know.
        #[serde(flatten)]
        extra: Extra,
    },
    /// A web search result (tool results only).
    SearchResult {
        /// The URL of the result.
        source: String,
        /// Title of the result.
        title: String,
        /// Text blocks of the result.
        content: Vec<ContentBlock>,
        /// Citation settings, kept as sent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        citations: Option<Value>,
        /// Fields this crate does not know.
        #[serde(flatten)]
        extra: Extra,
    },
    /// Content withheld by policy.
    Redacted {
        /// Fields this crate does not know.
        #[serde(flatten)]
        extra: Extra,
    },
    /// A block type this crate does not know, kept as raw JSON.
    #[serde(untagged)]
    Unknown(Value),
}

impl ContentBlock {
    /// A text block, the common case when sending a message.
    pub fn text(text: impl Into<String>) -> Self {
        Self::Text { text: text.into(), extra: Extra::new() }
    }
}

/// The source of an image or document block.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum MediaSource {
    /// Inline base64 data.
    Base64 {
        /// MIME type, e.g. `image/png`.
        media_type: String,
        /// Base64 data.
        data: String,
        /// Fields this crate does not know.
        #[serde(flatten)]
        extra: Extra,
    },
    /// Inline plain text (documents only).
    Text {
        /// Always `text/plain`.
        media_type: String,
        /// The text.
        data: String,
        /// Fields this crate does not know.
        #[serde(flatten)]
        extra: Extra,
    },
    /// A URL the server fetches.
    Url {
        /// The URL.
        url: String,
        /// Fields this crate does not know.
        #[serde(flatten)]
        extra: Extra,
    },
    /// A file uploaded with the Files API.
    File {
        /// The file id (`file_…`).
        file_id: String,
        /// Fields this crate does not know.
        #[serde(flatten)]
        extra: Extra,
    },
    /// A source type this crate does not know, kept as raw JSON.
    #[serde(untagged)]
    Unknown(Value),
}
