//! Connecting to a remote MCP server that requires OAuth, the way the MCP authorization
//! specification (revision 2025-06-18) describes it for a client with no client id of its own:
//!
//! 1. **Discovery**: an unauthenticated request to the server answers 401 with
//!    `WWW-Authenticate: Bearer resource_metadata="…"`; that protected-resource metadata
//!    (RFC 9728) names the authorization server, whose own metadata (RFC 8414, then OpenID
//!    Connect discovery) gives its endpoints. Without the header, the well-known URI of the
//!    server's origin is tried.
//! 2. **Dynamic client registration** (RFC 7591) of a public client (`token_endpoint_auth_method`
//!    `none`) whose redirect URI is a loopback address on a random port (RFC 8252 §7.3).
//! 3. **Authorization code with PKCE S256** (RFC 7636) and the `resource` parameter (RFC 8707),
//!    in the system browser; the redirect comes back to the loopback listener, whose `state` must
//!    match.
//! 4. **Token exchange**: the code, the verifier and the resource for an access token and,
//!    usually, a refresh token.
//!
//! What comes out is everything an `mcp_oauth` vault credential holds. Tokens are secrets: the
//! types that carry them print `<redacted>` in `Debug`.

mod discovery;
mod flow;
mod loopback;
mod pkce;

pub use discovery::{AuthServerMetadata, Discovery, discover};
pub use flow::{Connection, connect};
pub use loopback::Loopback;
pub use pkce::Pkce;

/// Why a connection could not be made, in words a person can act on.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("The MCP server could not be reached: {0}")]
    Unreachable(String),
    #[error(
        "The MCP server did not ask for OAuth (it answered {0} without a token): it may need a bearer token instead, or none"
    )]
    NoOAuth(u16),
    #[error("The MCP server's OAuth discovery failed: {0}")]
    Discovery(String),
    #[error(
        "The authorization server does not allow dynamic client registration, so the app cannot sign in on its own: {0}"
    )]
    Registration(String),
    #[error("The authorization server refused: {0}")]
    Refused(String),
    #[error("No answer came back from the browser within {0} minutes; nothing was stored")]
    TimedOut(u64),
    #[error("The token exchange failed: {0}")]
    Token(String),
    #[error("The loopback listener for the browser's answer could not start: {0}")]
    Listener(String),
    #[error("The system browser could not be opened: {0}")]
    Browser(String),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Tokens and codes travel only over TLS, except to this machine (a local server, the Demo's
/// simulator): the specification requires HTTPS for every authorization server endpoint.
pub(crate) fn secure_enough(url: &url::Url) -> Result<()> {
    let loopback = matches!(url.host_str(), Some("127.0.0.1" | "localhost" | "[::1]"));
    match url.scheme() {
        "https" => Ok(()),
        "http" if loopback => Ok(()),
        _ => Err(Error::Discovery(format!(
            "{url} is not an https address; tokens are sent only over https"
        ))),
    }
}

/// The HTTP client for the flow: a user agent, and timeouts so a silent server fails the
/// flow instead of hanging it. It never carries the API key: these are other servers.
pub fn http_client() -> Result<reqwest::Client> {
    reqwest::Client::builder()
        .user_agent(concat!("agent-desk-mcp-oauth/", env!("CARGO_PKG_VERSION")))
        .connect_timeout(std::time::Duration::from_secs(10))
        .timeout(std::time::Duration::from_secs(30))
        .build()
        .map_err(|e| Error::Unreachable(e.to_string()))
}
