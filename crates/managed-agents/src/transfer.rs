//! Files streamed between the disk and the socket. An upload reads its file in chunks while the
//! request body is sent; a download writes the body's chunks as they arrive. Neither holds a
//! whole file in memory, and both report how many bytes have gone through.

use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

use futures_util::{StreamExt, TryStreamExt};
use reqwest::multipart;
use tokio::io::{AsyncWrite, AsyncWriteExt};
use tokio_util::io::ReaderStream;

use crate::error::Error;

/// Chunk size of a streamed upload.
const CHUNK: usize = 64 * 1024;

/// Called with the bytes sent or received so far (from 0; an upload that is retried starts
/// again from 0).
pub type Progress = Arc<dyn Fn(u64) + Send + Sync>;

/// A file on disk to upload as a multipart part. It is opened again on each attempt, so a
/// retried upload sends it whole again.
#[derive(Clone)]
pub struct UploadFile {
    /// The file to read.
    pub path: PathBuf,
    /// The name the API stores.
    pub filename: String,
    /// Its MIME type; an unparsable one is sent as none.
    pub mime_type: String,
    /// Told the bytes read into the request so far.
    pub progress: Option<Progress>,
}

impl fmt::Debug for UploadFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UploadFile")
            .field("path", &self.path)
            .field("filename", &self.filename)
            .field("mime_type", &self.mime_type)
            .finish_non_exhaustive()
    }
}

impl UploadFile {
    /// The file as a streamed multipart part with its exact length.
    pub(crate) fn part(&self) -> Result<multipart::Part, Error> {
        let part = self.stream_part()?;
        match part.mime_str(&self.mime_type) {
            Ok(part) => Ok(part),
            Err(_) => self.stream_part(),
        }
    }

    fn stream_part(&self) -> Result<multipart::Part, Error> {
        let file = std::fs::File::open(&self.path).map_err(Error::Io)?;
        let len = file.metadata().map_err(Error::Io)?.len();
        let progress = self.progress.clone();
        if let Some(report) = &progress {
            report(0);
        }
        let mut sent: u64 = 0;
        let chunks = ReaderStream::with_capacity(tokio::fs::File::from_std(file), CHUNK)
            .inspect_ok(move |chunk| {
                sent += chunk.len() as u64;
                if let Some(report) = &progress {
                    report(sent);
                }
            });
        Ok(multipart::Part::stream_with_length(reqwest::Body::wrap_stream(chunks), len)
            .file_name(self.filename.clone()))
    }
}

/// A [`Progress`] a request can carry (and print as a placeholder).
#[derive(Clone)]
pub(crate) struct Reporter(pub(crate) Progress);

impl fmt::Debug for Reporter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Reporter")
    }
}

/// Counts the bytes of in-memory parts as they are sent, all parts of one request together.
#[derive(Clone)]
pub(crate) struct Counter {
    sent: Arc<std::sync::atomic::AtomicU64>,
    report: Progress,
}

impl Counter {
    pub(crate) fn new(report: Progress) -> Self {
        Self { sent: Arc::default(), report }
    }

    /// `bytes` as a part sent in 64 KiB pieces, each counted as it goes.
    pub(crate) fn part(&self, bytes: &[u8]) -> multipart::Part {
        let whole = bytes::Bytes::copy_from_slice(bytes);
        let len = whole.len() as u64;
        let pieces: Vec<bytes::Bytes> = (0..whole.len())
            .step_by(CHUNK)
            .map(|at| whole.slice(at..(at + CHUNK).min(whole.len())))
            .collect();
        let counter = self.clone();
        let stream = futures_util::stream::iter(pieces).map(move |piece| {
            let sent =
                counter.sent.fetch_add(piece.len() as u64, std::sync::atomic::Ordering::Relaxed)
                    + piece.len() as u64;
            (counter.report)(sent);
            Ok::<_, std::io::Error>(piece)
        });
        multipart::Part::stream_with_length(reqwest::Body::wrap_stream(stream), len)
    }
}

/// Writes a response body to `out` chunk by chunk, reporting the bytes written so far;
/// returns their total. The caller decides what a half-written `out` becomes on error.
pub(crate) async fn write_body<W: AsyncWrite + Unpin>(
    response: reqwest::Response,
    out: &mut W,
    progress: Option<&(dyn Fn(u64) + Send + Sync)>,
) -> Result<u64, Error> {
    let mut received: u64 = 0;
    let mut body = response.bytes_stream();
    while let Some(chunk) = body.next().await {
        let chunk = chunk.map_err(Error::Transport)?;
        out.write_all(&chunk).await.map_err(Error::Io)?;
        received += chunk.len() as u64;
        if let Some(report) = progress {
            report(received);
        }
    }
    out.flush().await.map_err(Error::Io)?;
    Ok(received)
}
