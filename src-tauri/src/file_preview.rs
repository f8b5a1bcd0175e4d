//! What a file's preview may show. The content is untrusted (an agent may have written it), so
//! an image is shown only when its first bytes say it is PNG, JPEG, GIF or WebP — never SVG,
//! which can carry script — and anything else is shown as plain text or not at all.

use base64::Engine;
use serde::Serialize;

/// Text previews read files up to this size and show the first [`TEXT_SHOWN`] bytes.
pub const TEXT_PREVIEW_MAX: u64 = 1024 * 1024;
const TEXT_SHOWN: usize = 256 * 1024;
/// Images are previewed up to this size.
pub const IMAGE_PREVIEW_MAX: u64 = 10 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum FilePreview {
    /// UTF-8 text, shown as is (never rendered as markup).
    #[serde(rename_all = "camelCase")]
    Text { text: String, truncated: bool },
    /// An image of a sniffed type, base64.
    #[serde(rename_all = "camelCase")]
    Image { mime_type: String, base64: String },
    /// Why there is no preview.
    Unavailable { reason: String },
}

/// The preview a file of `size` bytes and declared `mime_type` would get if it is too large to
/// fetch for one; `None` if it may be fetched.
pub fn too_large(size: u64, mime_type: &str) -> Option<FilePreview> {
    let limit = if mime_type.starts_with("image/") { IMAGE_PREVIEW_MAX } else { TEXT_PREVIEW_MAX };
    (size > limit).then(|| FilePreview::Unavailable {
        reason: format!(
            "It is too large to preview here ({} MiB at most); download it instead.",
            limit / (1024 * 1024)
        ),
    })
}

fn sniff_image(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        Some("image/gif")
    } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some("image/webp")
    } else {
        None
    }
}

/// The preview of `bytes`.
pub fn classify(bytes: &[u8]) -> FilePreview {
    if let Some(mime_type) = sniff_image(bytes) {
        let base64 = base64::engine::general_purpose::STANDARD.encode(bytes);
        return FilePreview::Image { mime_type: mime_type.to_owned(), base64 };
    }
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return FilePreview::Unavailable {
            reason: "It is a binary file; download it to open it.".to_owned(),
        };
    }
    let shown = &bytes[..bytes.len().min(TEXT_SHOWN)];
    // A cut in the middle of a character is not an error: `utf8_chunks` keeps what is valid.
    let valid_up_to = match std::str::from_utf8(shown) {
        Ok(_) => shown.len(),
        Err(e) if e.error_len().is_none() => e.valid_up_to(),
        Err(_) => {
            return FilePreview::Unavailable {
                reason: "It is not UTF-8 text; download it to open it.".to_owned(),
            };
        }
    };
    let text = String::from_utf8_lossy(&shown[..valid_up_to]).into_owned();
    FilePreview::Text { text, truncated: shown.len() < bytes.len() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn images_are_told_by_their_bytes_not_their_name() {
        let png = include_bytes!("../../crates/simulator/assets/coverage.png");
        assert!(
            matches!(classify(png), FilePreview::Image { ref mime_type, .. } if mime_type == "image/png")
        );
        assert!(matches!(classify(b"GIF89a...."), FilePreview::Image { .. }));
        let svg = b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>";
        assert!(matches!(classify(svg), FilePreview::Text { .. }), "SVG is shown as text");
    }

    #[test]
    fn text_is_shown_and_binary_is_not() {
        assert_eq!(
            classify("2 tests passed ✓".as_bytes()),
            FilePreview::Text { text: "2 tests passed ✓".into(), truncated: false }
        );
        assert!(matches!(classify(b"\x7fELF\x00\x01"), FilePreview::Unavailable { .. }));
        assert!(matches!(classify(b"\xff\xfe\x41"), FilePreview::Unavailable { .. }));
    }

    #[test]
    fn long_text_is_cut_on_a_character_boundary() {
        let mut long = "é".repeat(TEXT_SHOWN);
        long.push('x');
        match classify(long.as_bytes()) {
            FilePreview::Text { text, truncated } => {
                assert!(truncated);
                assert!(text.len() <= TEXT_SHOWN && text.chars().all(|c| c == 'é'));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn large_files_are_not_fetched() {
        assert!(too_large(2 * 1024 * 1024, "text/plain").is_some());
        assert!(too_large(2 * 1024 * 1024, "image/png").is_none());
        assert!(too_large(11 * 1024 * 1024, "image/png").is_some());
    }
}
