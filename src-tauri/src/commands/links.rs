//! Opening a link from agent output in the system browser. The web view shows the full URL and
//! asks first; this side checks it again, since the web view renders untrusted text.

use tauri::State;
use url::Url;

use crate::desktop::Desktop;
use crate::error::IpcError;

/// The longest link opened: anything longer is more likely a payload than an address.
const MAX_LINK_CHARS: usize = 4096;

/// Opens an `http` or `https` URL in the default browser. Anything else (`javascript:`,
/// `file:`, custom schemes that start other programs) is refused.
#[tauri::command]
#[specta::specta]
pub fn link_open(desktop: State<'_, Desktop>, url: String) -> Result<(), IpcError> {
    let url = checked_link(&url)?;
    desktop.open_link(url.as_str()).map_err(IpcError::internal)
}

pub fn checked_link(text: &str) -> Result<Url, IpcError> {
    if text.len() > MAX_LINK_CHARS {
        return Err(IpcError::invalid_input("This link is too long to open."));
    }
    let url = Url::parse(text.trim())
        .map_err(|error| IpcError::invalid_input(format!("Not a valid link: {error}.")))?;
    match url.scheme() {
        // Both always have a host once parsed: the URL standard requires one for them.
        "http" | "https" => Ok(url),
        other => Err(IpcError::invalid_input(format!(
            "Only web links (http and https) are opened; this one is `{other}:`."
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_links_pass_and_are_normalised() {
        let url = checked_link(" https://example.com/a b?q=1 ").unwrap();
        assert_eq!(url.as_str(), "https://example.com/a%20b?q=1");
        assert!(checked_link("http://localhost:8080/").is_ok());
    }

    #[test]
    fn other_schemes_are_refused() {
        for link in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            "file:///etc/passwd",
            "data:text/html,<script>alert(1)</script>",
            "vscode://open?x",
            "mailto:a@example.com",
            "not a link",
        ] {
            let error = checked_link(link).unwrap_err();
            assert_eq!(error.code, crate::error::ErrorCode::InvalidInput, "{link}");
        }
        assert!(checked_link(&format!("https://example.com/{}", "a".repeat(5000))).is_err());
    }
}
