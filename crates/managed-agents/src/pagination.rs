//! Cursor pagination: [`Page`] for a UI that asks for one page at a time, and
//! [`Page::into_stream`] for code that wants every item.

use std::collections::VecDeque;

use futures_util::Stream;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;
use serde_json::value::RawValue;

use crate::client::Client;
use crate::config::Beta;
use crate::error::Error;
use crate::query::Query;

/// One page of a list: `{data, next_page, prev_page?}`. Pass `next_page` back as the `page`
/// field of the same query to get the following page.
///
/// An item that does not decode as `T` does not fail the page: it lands in
/// [`undecoded`](Self::undecoded), raw, and the other items still load. The API is in beta and
/// its schema bounds little, so one odd object must not hide a whole list.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Page<T> {
    /// The items that decoded, in the API's order.
    pub data: Vec<T>,
    /// The items that did not decode, each with its place in the page and why.
    pub undecoded: Vec<Undecoded>,
    /// Opaque cursor of the next page; `None` (or empty) on the last page.
    #[serde(default)]
    pub next_page: Option<String>,
    /// Opaque cursor of the previous page (session lists only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prev_page: Option<String>,
    /// How to fetch the following page; set by the handle that fetched this one.
    #[serde(skip)]
    pub(crate) next: Option<PageRequest>,
}

/// An item of a page that did not decode as its type, kept as the API sent it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Undecoded {
    /// Its position in the page's `data` as sent (0-based).
    pub index: u32,
    /// Why it did not decode: serde's message, with the line and column inside the item.
    pub error: String,
    /// The item, verbatim.
    pub raw: Value,
}

impl<'de, T: DeserializeOwned> Deserialize<'de> for Page<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // Each item is first kept as its raw text (cheap: a borrowed slice is only validated),
        // then decoded on its own, so one failure is contained to its item.
        #[derive(Deserialize)]
        struct Wire {
            data: Vec<Box<RawValue>>,
            #[serde(default)]
            next_page: Option<String>,
            #[serde(default)]
            prev_page: Option<String>,
            #[serde(default)]
            undecoded: Vec<Undecoded>,
        }
        let wire = Wire::deserialize(d)?;
        let mut data = Vec::with_capacity(wire.data.len());
        let mut undecoded = wire.undecoded;
        for (index, item) in wire.data.iter().enumerate() {
            match serde_json::from_str::<T>(item.get()) {
                Ok(value) => data.push(value),
                Err(e) => undecoded.push(Undecoded {
                    index: u32::try_from(index).unwrap_or(u32::MAX),
                    error: e.to_string(),
                    // Valid JSON by construction (RawValue checked it).
                    raw: serde_json::from_str(item.get()).unwrap_or(Value::Null),
                }),
            }
        }
        Ok(Page {
            data,
            undecoded,
            next_page: wire.next_page,
            prev_page: wire.prev_page,
            next: None,
        })
    }
}

/// The request that fetched a page, minus its cursor.
#[derive(Debug, Clone)]
pub(crate) struct PageRequest {
    pub(crate) path: String,
    pub(crate) query: Query,
    pub(crate) beta: Beta,
}

impl PageRequest {
    /// Fetches the first page of `query` (which may already carry a `page` cursor).
    pub(crate) async fn first<T: DeserializeOwned>(
        client: &Client,
        path: String,
        query: Query,
        beta: Beta,
    ) -> Result<Page<T>, Error> {
        Self { path, query, beta }.fetch(client, None).await
    }

    pub(crate) async fn fetch<T: DeserializeOwned>(
        &self,
        client: &Client,
        cursor: Option<&str>,
    ) -> Result<Page<T>, Error> {
        let mut query = self.query.clone();
        if let Some(c) = cursor {
            query.set("page", c);
        }
        let mut page: Page<T> = client.get(self.path.clone(), query, self.beta).await?;
        page.next = Some(self.clone());
        Ok(page)
    }
}

impl<T> Page<T> {
    /// Whether another page follows (the SDK keeps going while `next_page` is non-empty, even
    /// after an empty page).
    pub fn has_next(&self) -> bool {
        self.next_page.as_deref().is_some_and(|c| !c.is_empty())
    }
}

impl<T: DeserializeOwned + Send + 'static> Page<T> {
    /// Every item of this page and of all pages after it, fetched lazily as the stream is
    /// polled. Dropping the stream stops fetching. Items that did not decode are left out: code
    /// that must show them reads the pages one at a time.
    pub fn into_stream(self, client: &Client) -> impl Stream<Item = Result<T, Error>> + Send + '_ {
        struct State<T> {
            items: VecDeque<T>,
            cursor: Option<String>,
            request: Option<PageRequest>,
        }
        let cursor = self.next_page.clone().filter(|c| !c.is_empty());
        let state = State { items: self.data.into(), cursor, request: self.next };
        futures_util::stream::unfold(Some(state), move |state| async move {
            let mut state = state?;
            loop {
                if let Some(item) = state.items.pop_front() {
                    return Some((Ok(item), Some(state)));
                }
                let cursor = state.cursor.take()?;
                let request = state.request.clone()?;
                match request.fetch::<T>(client, Some(&cursor)).await {
                    Ok(page) => {
                        // A server that hands back the same cursor would loop forever.
                        state.cursor = page.next_page.filter(|c| !c.is_empty() && *c != cursor);
                        state.items = page.data.into();
                    }
                    Err(e) => return Some((Err(e), None)),
                }
            }
        })
    }
}
