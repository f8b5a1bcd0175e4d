// The property the fuzzer checks, shared with the corpus replay test (included by both).
//
// For any bytes:
// - decoding never panics and never allocates past the cap;
// - the result does not depend on how the bytes are chunked (whole, 1 byte, 7 bytes);
// - every decoded event re-serializes to JSON that decodes to an event with the same JSON;
// - the data of each frame, decoded directly as an event, never panics.

/// Decodes `data` split into chunks of `size` bytes; returns one line per item.
fn fuzz_decode(data: &[u8], size: usize) -> Vec<String> {
    use futures_util::StreamExt;
    let chunks: Vec<Result<bytes::Bytes, std::io::Error>> = data
        .chunks(size.max(1))
        .map(|c| Ok(bytes::Bytes::copy_from_slice(c)))
        .collect();
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("runtime");
    rt.block_on(async move {
        managed_agents::sse::decode(futures_util::stream::iter(chunks), 4096)
            .map(|item| match item {
                Ok(event) => {
                    let json = serde_json::to_string(&event).expect("an event always serializes");
                    let again: managed_agents::types::SessionEvent =
                        serde_json::from_str(&json).expect("re-serialized event decodes");
                    // Compared as JSON: an input with a duplicate key decodes as Unknown (serde
                    // rejects the duplicate) but its re-serialization, now without the
                    // duplicate, decodes as the typed variant. Both must still say the same.
                    assert_eq!(
                        serde_json::to_value(&again).expect("serializes"),
                        serde_json::to_value(&event).expect("serializes"),
                        "round trip changed the event"
                    );
                    format!("ok {json}")
                }
                Err(e) => format!("err {}", e.to_string().split(':').next().unwrap_or("")),
            })
            .collect()
            .await
    })
}

/// The whole check for one input.
pub fn fuzz_check(data: &[u8]) {
    let whole = fuzz_decode(data, data.len());
    assert_eq!(whole, fuzz_decode(data, 1), "1-byte chunks differ");
    assert_eq!(whole, fuzz_decode(data, 7), "7-byte chunks differ");
    let _ = serde_json::from_slice::<managed_agents::types::SessionEvent>(data);
}
