//! Integration tests of the client: one binary, one module per concern. Everything talks to
//! loopback servers only (wiremock, or a scripted TCP server for cut connections).
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

#[macro_use]
mod endpoints;
mod edges;
mod endpoints_stores;
mod errors;
mod feed;
mod fixtures;
mod fuzz_corpus;
mod pagination;
mod requests;
mod retries;
mod scripted;
mod send;
mod sse;
mod support;
mod transfer;
mod types;
mod undecoded;
