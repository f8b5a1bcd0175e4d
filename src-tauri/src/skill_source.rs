//! A skill to upload, read from a folder or a `.zip` and checked before anything is sent:
//! one top-level folder with `SKILL.md` at its root, whose front matter has a valid `name` and
//! `description`, within the upload limit. Names and limits follow Anthropic's Agent Skills
//! documentation: a name of at most 64 lowercase letters, digits and hyphens, without the
//! reserved words "anthropic" and "claude"; a description of at most 1024 characters; neither
//! with XML tags; at most 8 MB in all.

use std::io::Read;
use std::path::{Component, Path};

use managed_agents::types::FileUpload;
use serde::Serialize;

/// The Skills API's documented limit for one upload, all files together.
pub const MAX_SKILL_BYTES: u64 = 8 * 1024 * 1024;
const NAME_MAX: usize = 64;
const DESCRIPTION_MAX: usize = 1024;

/// What the person chose, as the form shows it before uploading.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct SkillCheck {
    /// The folder or archive chosen.
    pub path: String,
    /// The top-level folder the files go under.
    pub root: String,
    pub files: u32,
    pub total_bytes: u64,
    /// From `SKILL.md`'s front matter, when it could be read.
    pub name: Option<String>,
    pub description: Option<String>,
    /// Why it cannot be uploaded; empty when it can.
    pub problems: Vec<String>,
}

/// A file of a skill: its path under the skill's root, and its bytes.
type Entry = (String, Vec<u8>);

/// A skill read whole: its files named `root/relative/path`, ready for `files[]`.
pub struct SkillSource {
    pub check: SkillCheck,
    pub files: Vec<FileUpload>,
}

/// Reads a folder (hidden files and folders left out) or a `.zip`, and checks it.
pub fn read(path: &Path) -> Result<SkillSource, String> {
    let meta =
        std::fs::metadata(path).map_err(|e| format!("{} cannot be read: {e}", path.display()))?;
    let mut unread = 0;
    let (root, entries) = if meta.is_dir() {
        let mut entries = Vec::new();
        walk(path, "", &mut entries, &mut unread)?;
        (file_name(path), entries)
    } else if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("zip")) {
        read_zip(path)?
    } else {
        return Err("Choose a skill's folder or a .zip of it.".to_owned());
    };
    Ok(check(path, root, entries, unread))
}

fn file_name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "skill".into())
}

/// Files under `dir`, as (path relative to the skill's root, bytes). Once past the size limit
/// it stops reading and only adds up the sizes in `unread`: the check then reports the size,
/// and nothing that large is held.
fn walk(dir: &Path, prefix: &str, out: &mut Vec<Entry>, unread: &mut u64) -> Result<(), String> {
    let mut children: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| format!("{} cannot be read: {e}", dir.display()))?
        .filter_map(Result::ok)
        .collect();
    children.sort_by_key(|c| c.file_name());
    for child in children {
        let name = child.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        let relative = if prefix.is_empty() { name } else { format!("{prefix}/{name}") };
        let path = child.path();
        if path.is_dir() {
            walk(&path, &relative, out, unread)?;
        } else if total(out) + *unread <= MAX_SKILL_BYTES {
            let bytes = std::fs::read(&path)
                .map_err(|e| format!("{} cannot be read: {e}", path.display()))?;
            out.push((relative, bytes));
        } else {
            *unread += child.metadata().map(|m| m.len()).unwrap_or(0);
        }
    }
    Ok(())
}

fn total(entries: &[Entry]) -> u64 {
    entries.iter().map(|(_, b)| b.len() as u64).sum()
}

/// The entries of a `.zip`: under its one top-level folder, or at its root (the folder is then
/// named after the archive). Entries that would leave the folder are refused.
fn read_zip(path: &Path) -> Result<(String, Vec<Entry>), String> {
    let unreadable =
        |e: &dyn std::fmt::Display| format!("{} is not a readable .zip: {e}", path.display());
    let file = std::fs::File::open(path).map_err(|e| unreadable(&e))?;
    let mut archive = zip::ZipArchive::new(file).map_err(|e| unreadable(&e))?;
    let mut entries = Vec::new();
    let mut read = 0u64;
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).map_err(|e| unreadable(&e))?;
        if entry.is_dir() {
            continue;
        }
        let Some(name) = entry.enclosed_name() else {
            return Err(format!(
                "{} has an entry outside its folder: {}",
                path.display(),
                entry.name()
            ));
        };
        if name
            .components()
            .any(|c| matches!(c, Component::Normal(n) if n.to_string_lossy().starts_with('.')))
        {
            continue;
        }
        let name = name.to_string_lossy().replace('\\', "/");
        // Read no more than the limit allows: a zip bomb stops here.
        let mut bytes = Vec::new();
        (&mut entry)
            .take(MAX_SKILL_BYTES + 1 - read.min(MAX_SKILL_BYTES))
            .read_to_end(&mut bytes)
            .map_err(|e| unreadable(&e))?;
        read += bytes.len() as u64;
        entries.push((name, bytes));
        if read > MAX_SKILL_BYTES {
            break;
        }
    }
    let tops: std::collections::BTreeSet<&str> =
        entries.iter().map(|(n, _)| n.split('/').next().unwrap_or_default()).collect();
    let nested = tops.len() == 1 && entries.iter().all(|(n, _)| n.contains('/'));
    if nested {
        let root = tops.into_iter().next().unwrap_or_default().to_owned();
        let entries = entries
            .into_iter()
            .map(|(n, b)| (n.split_once('/').map(|(_, rest)| rest.to_owned()).unwrap_or(n), b))
            .collect();
        Ok((root, entries))
    } else {
        let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        Ok((stem, entries))
    }
}

fn check(path: &Path, root: String, entries: Vec<Entry>, unread: u64) -> SkillSource {
    let mut problems = Vec::new();
    let total_bytes = total(&entries) + unread;
    if total_bytes > MAX_SKILL_BYTES {
        problems.push(format!(
            "It is {:.1} MB; a skill upload is at most 8 MB in all.",
            total_bytes as f64 / (1024.0 * 1024.0)
        ));
    }
    let (mut name, mut description) = (None, None);
    match entries.iter().find(|(p, _)| p == "SKILL.md") {
        None => problems.push(format!("There is no SKILL.md at the root of {root}/.")),
        Some((_, bytes)) => match front_matter(&String::from_utf8_lossy(bytes)) {
            Err(problem) => problems.push(problem),
            Ok(matter) => {
                problems.extend(name_problem(&matter.name));
                problems.extend(description_problem(&matter.description));
                name = Some(matter.name);
                description = Some(matter.description);
            }
        },
    }
    let files = entries
        .into_iter()
        .map(|(relative, bytes)| FileUpload {
            mime_type: mime_guess::from_path(&relative)
                .first_or_octet_stream()
                .essence_str()
                .to_owned(),
            filename: format!("{root}/{relative}"),
            bytes,
        })
        .collect::<Vec<_>>();
    let check = SkillCheck {
        path: path.display().to_string(),
        root,
        files: u32::try_from(files.len()).unwrap_or(u32::MAX),
        total_bytes,
        name,
        description,
        problems,
    };
    SkillSource { check, files }
}

#[derive(Debug, PartialEq, Eq)]
pub struct FrontMatter {
    pub name: String,
    pub description: String,
}

/// `name` and `description` of the YAML front matter at the top of `SKILL.md`: plain, quoted,
/// or folded/literal block values (`>` / `|`), which is what skills use.
pub fn front_matter(text: &str) -> Result<FrontMatter, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.lines();
    if lines.next().map(str::trim_end) != Some("---") {
        return Err(
            "SKILL.md must start with front matter: a line ---, name: and description:, then ---."
                .into(),
        );
    }
    let block: Vec<&str> = lines.by_ref().take_while(|l| l.trim_end() != "---").collect();
    let mut fields = std::collections::HashMap::new();
    let mut i = 0;
    while i < block.len() {
        let line = block[i];
        i += 1;
        if line.starts_with([' ', '\t'])
            || line.trim().is_empty()
            || line.trim_start().starts_with('#')
        {
            continue;
        }
        let Some((key, value)) = line.split_once(':') else { continue };
        let value = value.trim();
        let value = if value.starts_with('>') || value.starts_with('|') {
            let folded = value.starts_with('>');
            let mut parts = Vec::new();
            while i < block.len()
                && (block[i].starts_with([' ', '\t']) || block[i].trim().is_empty())
            {
                parts.push(block[i].trim());
                i += 1;
            }
            parts.join(if folded { " " } else { "\n" }).trim().to_owned()
        } else {
            unquote(value)
        };
        fields.insert(key.trim().to_owned(), value);
    }
    let field = |key: &str| fields.get(key).cloned().unwrap_or_default();
    Ok(FrontMatter { name: field("name"), description: field("description") })
}

fn unquote(value: &str) -> String {
    for quote in ['"', '\''] {
        if let Some(inner) = value.strip_prefix(quote).and_then(|v| v.strip_suffix(quote)) {
            return inner.to_owned();
        }
    }
    value.to_owned()
}

fn has_xml_tag(text: &str) -> bool {
    let mut rest = text;
    while let Some(open) = rest.find('<') {
        let after = &rest[open + 1..];
        if after.starts_with(|c: char| c.is_ascii_alphabetic() || c == '/') && after.contains('>') {
            return true;
        }
        rest = after;
    }
    false
}

/// Why `name` cannot be a skill's name, if it cannot.
pub fn name_problem(name: &str) -> Option<String> {
    let problem = if name.is_empty() {
        "SKILL.md's front matter has no name."
    } else if name.chars().count() > NAME_MAX {
        "The name in SKILL.md is longer than 64 characters."
    } else if !name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-') {
        "The name in SKILL.md may hold only lowercase letters, digits and hyphens."
    } else if name.starts_with('-') || name.ends_with('-') || name.contains("--") {
        "The name in SKILL.md cannot start or end with a hyphen, or hold two in a row."
    } else if name.contains("anthropic") || name.contains("claude") {
        "The name in SKILL.md cannot contain the reserved words \"anthropic\" or \"claude\"."
    } else {
        return None;
    };
    Some(problem.to_owned())
}

/// Why `description` cannot be a skill's description, if it cannot.
pub fn description_problem(description: &str) -> Option<String> {
    let problem = if description.trim().is_empty() {
        "SKILL.md's front matter has no description: say what the skill does and when to use it."
    } else if description.chars().count() > DESCRIPTION_MAX {
        "The description in SKILL.md is longer than 1024 characters."
    } else if has_xml_tag(description) {
        "The description in SKILL.md cannot contain XML tags."
    } else {
        return None;
    };
    Some(problem.to_owned())
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    const GOOD: &str = "---\nname: release-notes\ndescription: Writes release notes from merged pull requests. Use when asked for a changelog.\n---\n# Release notes\n";

    fn folder(files: &[(&str, &[u8])]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (path, bytes) in files {
            let path = dir.path().join("release-notes").join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, bytes).unwrap();
        }
        dir
    }

    #[test]
    fn a_folder_is_read_under_its_name_without_hidden_files() {
        let dir = folder(&[
            ("SKILL.md", GOOD.as_bytes()),
            ("scripts/collect.py", b"print(1)"),
            (".git/HEAD", b"ref"),
        ]);
        let source = read(&dir.path().join("release-notes")).unwrap();
        assert_eq!(source.check.problems, Vec::<String>::new());
        assert_eq!(source.check.name.as_deref(), Some("release-notes"));
        let names: Vec<&str> = source.files.iter().map(|f| f.filename.as_str()).collect();
        assert_eq!(names, ["release-notes/SKILL.md", "release-notes/scripts/collect.py"]);
    }

    #[test]
    fn a_folder_without_skill_md_or_with_bad_front_matter_says_why() {
        let dir = folder(&[("README.md", b"# no skill")]);
        let source = read(&dir.path().join("release-notes")).unwrap();
        assert_eq!(source.check.problems, ["There is no SKILL.md at the root of release-notes/."]);
        let dir =
            folder(&[("SKILL.md", b"---\nname: Release Notes\ndescription: <b>x</b>\n---\n")]);
        let problems = read(&dir.path().join("release-notes")).unwrap().check.problems;
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems[0].contains("lowercase") && problems[1].contains("XML"), "{problems:?}");
    }

    #[test]
    fn front_matter_takes_quotes_and_folded_blocks() {
        let text = "---\nname: \"pdf-forms\"\ndescription: >\n  Fills PDF forms.\n  Use for any PDF.\nlicense: MIT\n---\nbody";
        assert_eq!(
            front_matter(text).unwrap(),
            FrontMatter {
                name: "pdf-forms".into(),
                description: "Fills PDF forms. Use for any PDF.".into()
            }
        );
        assert!(front_matter("# no front matter").is_err());
    }

    #[test]
    fn names_follow_the_documented_rules() {
        assert_eq!(name_problem("release-notes"), None);
        assert!(name_problem("claude-helper").unwrap().contains("reserved"));
        assert!(name_problem("-x").is_some() && name_problem("a--b").is_some());
        assert!(name_problem(&"a".repeat(65)).is_some());
        assert!(description_problem(&"d".repeat(1025)).is_some());
        assert!(
            description_problem("Use when x < y and y > z.").is_none(),
            "a comparison is no tag"
        );
    }

    fn zip_of(entries: &[(&str, &[u8])]) -> tempfile::NamedTempFile {
        let file = tempfile::Builder::new().suffix(".zip").tempfile().unwrap();
        let mut writer = zip::ZipWriter::new(file.reopen().unwrap());
        for (name, bytes) in entries {
            writer.start_file(*name, zip::write::SimpleFileOptions::default()).unwrap();
            writer.write_all(bytes).unwrap();
        }
        writer.finish().unwrap();
        file
    }

    #[test]
    fn a_zip_with_one_folder_keeps_its_name_and_one_without_takes_the_archives() {
        let nested = zip_of(&[("notes/SKILL.md", GOOD.as_bytes()), ("notes/a.txt", b"a")]);
        let source = read(nested.path()).unwrap();
        assert_eq!(source.check.root, "notes");
        assert_eq!(source.files[0].filename, "notes/SKILL.md");
        assert!(source.check.problems.is_empty(), "{:?}", source.check.problems);

        let flat = zip_of(&[("SKILL.md", GOOD.as_bytes())]);
        let source = read(flat.path()).unwrap();
        let stem = flat.path().file_stem().unwrap().to_string_lossy().into_owned();
        assert_eq!(source.files[0].filename, format!("{stem}/SKILL.md"));
    }

    #[test]
    fn a_zip_past_the_limit_is_refused_without_reading_it_all() {
        let big = vec![b'x'; (MAX_SKILL_BYTES + 1024) as usize];
        let archive = zip_of(&[("s/SKILL.md", GOOD.as_bytes()), ("s/big.txt", &big)]);
        let source = read(archive.path()).unwrap();
        assert!(
            source.check.problems.iter().any(|p| p.contains("at most 8 MB")),
            "{:?}",
            source.check.problems
        );
        assert!(source.check.total_bytes <= MAX_SKILL_BYTES + 1);
    }
}
