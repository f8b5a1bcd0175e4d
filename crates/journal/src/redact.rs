//! Secrets found in text before it leaves the machine in an export: API keys, bearer tokens,
//! GitHub, AWS, Slack and Google key shapes, and `Authorization` header values, each replaced
//! with `[redacted]` and counted by kind so the save dialog can say what it found.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;

/// What replaces a secret.
pub const REDACTED: &str = "[redacted]";

/// A kind of secret: its name for a person, and its shape. The group named `secret` is what is
/// replaced (the whole match when there is none).
struct Kind {
    name: &'static str,
    pattern: Regex,
}

fn kind(name: &'static str, pattern: &str) -> Kind {
    // The patterns are constants: a typo is a bug that every test run would show at once.
    #[allow(clippy::expect_used, reason = "constant patterns, covered by the tests")]
    let pattern = Regex::new(pattern).expect("a valid pattern");
    Kind { name, pattern }
}

static KINDS: LazyLock<Vec<Kind>> = LazyLock::new(|| {
    vec![
        kind("Anthropic API key", r"\bsk-ant-[A-Za-z0-9_-]{20,}"),
        kind("GitHub token", r"\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{60,})"),
        kind("AWS access key", r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b"),
        kind("Slack token", r"\bxox[abprs]-[A-Za-z0-9-]{10,}"),
        kind("Google API key", r"\bAIza[0-9A-Za-z_-]{35}\b"),
        kind(
            "Authorization header",
            r#"(?im)(?:^[ \t]*authorization[ \t]*:[ \t]*|"authorization"[ \t]*:[ \t]*")(?P<secret>[^"\r\n]+)"#,
        ),
        kind("Bearer token", r"(?i)\bbearer[ \t]+(?P<secret>[A-Za-z0-9._~+/-]{16,}=*)"),
    ]
});

/// How many secrets of each kind were found, by kind name.
pub type Found = BTreeMap<&'static str, usize>;

/// `text` with every secret replaced by [`REDACTED`], and what was found.
pub fn redact(text: &str) -> (String, Found) {
    let mut found = Found::new();
    let mut out = text.to_owned();
    for kind in KINDS.iter() {
        let mut count = 0;
        let replaced = kind.pattern.replace_all(&out, |caps: &regex::Captures<'_>| {
            let whole = caps.get(0).map_or("", |m| m.as_str());
            match caps.name("secret") {
                // A value an earlier kind already redacted is not counted twice.
                Some(secret) if secret.as_str().trim() == REDACTED => whole.to_owned(),
                Some(secret) => {
                    count += 1;
                    let start = secret.start() - caps.get(0).map_or(0, |m| m.start());
                    format!("{}{REDACTED}", &whole[..start])
                }
                None => {
                    count += 1;
                    REDACTED.to_owned()
                }
            }
        });
        out = replaced.into_owned();
        if count > 0 {
            *found.entry(kind.name).or_default() += count;
        }
    }
    (out, found)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn redacted(text: &str) -> String {
        redact(text).0
    }

    #[test]
    fn each_kind_is_found_and_counted() {
        let key = format!("sk-ant-api03-{}", "a1B2".repeat(10));
        let (text, found) = redact(&format!("export ANTHROPIC_API_KEY={key}\nagain: {key}"));
        assert_eq!(text, "export ANTHROPIC_API_KEY=[redacted]\nagain: [redacted]");
        assert_eq!(found["Anthropic API key"], 2);
        assert_eq!(redacted(&format!("token ghp_{}", "x".repeat(36))), "token [redacted]");
        assert_eq!(redacted("aws AKIAIOSFODNN7EXAMPLE done"), "aws [redacted] done");
        assert_eq!(redacted("slack xoxb-1234567890-abcdef"), "slack [redacted]");
        assert_eq!(redacted(&format!("k=AIza{}", "B".repeat(35))), "k=[redacted]");
        assert_eq!(
            redacted("curl -H 'x: y'\nAuthorization: Basic dXNlcjpwYXNz"),
            "curl -H 'x: y'\nAuthorization: [redacted]"
        );
        assert_eq!(
            redacted(r#"{"headers":{"Authorization":"Token abc123"}}"#),
            r#"{"headers":{"Authorization":"[redacted]"}}"#
        );
        assert_eq!(
            redacted("use Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig_value"),
            "use Bearer [redacted]"
        );
    }

    #[test]
    fn a_key_inside_a_header_counts_as_a_key_and_as_the_header() {
        let key = format!("sk-ant-{}", "z".repeat(30));
        let (text, found) = redact(&format!("Authorization: Bearer {key}"));
        assert_eq!(text, "Authorization: [redacted]");
        assert_eq!(found.values().sum::<usize>(), 2, "{found:?}");
    }

    #[test]
    fn near_misses_are_left_alone() {
        for text in [
            "sk-ant-short",
            "the bearer of bad news",
            "Bearer token goes here",
            "AKIA1234",
            "ghp_tooShort",
            "an authorization step is required",
            "xoxb-",
            "AIzaShort",
            "disk-ant-api-key-docs",
        ] {
            assert_eq!(redacted(text), text, "{text:?} must not be redacted");
            assert!(redact(text).1.is_empty());
        }
    }
}
