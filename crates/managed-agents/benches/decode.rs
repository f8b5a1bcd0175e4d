//! Decode throughput of the SSE stream: bytes → frames → typed `SessionEvent`.
//!
//! - `sse_1kib_events`: 10,000 events of about 1 KiB (agent messages and tool uses, as a real
//!   session sends them) in 16 KiB chunks, with a ping every ten events.
//! - `sse_4mib_event_1460b_chunks`: one 4 MiB `data:` line arriving in 1,460-byte chunks (one
//!   TCP segment each), the case that is quadratic in plain `eventsource-stream` 0.2.
//!
//! Run: `flock /tmp/agent-desk-build.lock cargo bench -p managed-agents --bench decode`
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs, reason = "benchmark")]

use std::hint::black_box;

use bytes::Bytes;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use futures_util::{StreamExt, stream};
use managed_agents::sse;
use managed_agents::types::SessionEvent;

#[path = "support/sample.rs"]
mod sample;

use sample::EVENTS;

fn chunks(input: &[u8], size: usize) -> Vec<Bytes> {
    input.chunks(size).map(Bytes::copy_from_slice).collect()
}

fn decode_all(rt: &tokio::runtime::Runtime, chunks: Vec<Bytes>, cap: usize) -> usize {
    rt.block_on(async move {
        let input = stream::iter(chunks.into_iter().map(Ok::<_, std::io::Error>));
        sse::decode(input, cap)
            .fold(0, |n, item| {
                let event: SessionEvent = item.unwrap();
                black_box(&event);
                async move { n + 1 }
            })
            .await
    })
}

fn bench(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_current_thread().build().unwrap();

    let body = sample::session_stream();
    let small = chunks(body.as_bytes(), 16 * 1024);
    assert_eq!(decode_all(&rt, small.clone(), 16 << 20), EVENTS);
    let mut g = c.benchmark_group("decode");
    g.throughput(Throughput::Elements(EVENTS as u64));
    g.bench_function("sse_1kib_events", |b| {
        b.iter(|| decode_all(&rt, small.clone(), 16 << 20));
    });
    g.finish();

    let big = sample::big_event_stream();
    let big = chunks(big.as_bytes(), 1460);
    assert_eq!(decode_all(&rt, big.clone(), 16 << 20), 1);
    let mut g = c.benchmark_group("decode");
    g.sample_size(20);
    g.throughput(Throughput::Bytes(4 << 20));
    g.bench_function("sse_4mib_event_1460b_chunks", |b| {
        b.iter(|| decode_all(&rt, big.clone(), 16 << 20));
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
