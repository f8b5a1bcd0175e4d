//! Replays the fuzz corpus through the fuzzer's own check (the suite runs the corpus, not the
//! fuzzer). Add a file to `fuzz/corpus/sse_decode/` to pin a case.

include!("../../fuzz/check.rs");

#[test]
fn fuzz_corpus_replays_clean() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus/sse_decode");
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let data = std::fs::read(&path).unwrap();
        let result = std::panic::catch_unwind(|| fuzz_check(&data));
        assert!(result.is_ok(), "{} fails the fuzz check", path.display());
        n += 1;
    }
    assert!(n >= 20, "corpus has only {n} files");
}
