//! Integration tests of the client: one binary, one module per concern. Everything talks to
//! loopback servers only (wiremock, or a scripted TCP server for cut connections).

mod support;
mod types;
