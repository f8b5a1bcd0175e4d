//! Cursor pagination: [`Page`] for a UI that asks for one page at a time, and
//! [`Page::into_stream`] for code that wants every item.

use std::collections::VecDeque;

use futures_util::Stream;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::client::Client;
use crate::config::Beta;
use crate::error::Error;
use crate::query::Query;

/// One page of a list: `{data, next_page, prev_page?}`. Pass `next_page` back as the `page`
/// field of the same query to get the following page.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Page<T> {
    /// The items.
    pub data: Vec<T>,
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
    /// polled. Dropping the stream stops fetching.
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
