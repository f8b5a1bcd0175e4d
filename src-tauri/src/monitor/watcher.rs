//! One session watched for its status: the loss-free feed without deltas, reduced to status
//! changes and connection changes. Dropping a [`Watcher`] stops its task and its connection.

use futures_util::StreamExt;
use managed_agents::{Client, ConnectionState, FeedConfig, FeedItem};
use tokio::sync::mpsc::UnboundedSender;

use crate::relay::{SessionStatusChanged, StatusTracker};

/// What a watcher tells the monitor.
#[derive(Debug)]
pub(super) enum Report {
    /// The session's status changed (the first one sums up its history).
    Status(SessionStatusChanged),
    /// Its connection dropped (`true`) or is live again (`false`).
    Connection { session_id: String, reconnecting: bool },
    /// The feed ended for good (deleted, not found, key refused).
    Ended { session_id: String },
}

pub(super) struct Watcher {
    task: tokio::task::AbortHandle,
}

impl Drop for Watcher {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl Watcher {
    pub(super) fn start(
        client: &Client,
        session_id: &str,
        reports: UnboundedSender<Report>,
    ) -> Self {
        // No deltas: a badge needs statuses, not the text as it is typed.
        let mut feed = client.feed(session_id, FeedConfig::default());
        let session_id = session_id.to_owned();
        let task = tokio::spawn(async move {
            let mut tracker = StatusTracker::new(session_id.clone());
            let mut reconnecting = false;
            while let Some(item) = feed.next().await {
                let report = match item {
                    FeedItem::Event(event) => tracker.see(&event).map(Report::Status),
                    FeedItem::State(state) => {
                        let change = tracker.connection(&state);
                        let now = matches!(state, ConnectionState::Reconnecting { .. });
                        if now != reconnecting {
                            reconnecting = now;
                            let id = session_id.clone();
                            let _ =
                                reports.send(Report::Connection { session_id: id, reconnecting });
                        }
                        change.map(Report::Status)
                    }
                    FeedItem::Error(_) => None,
                };
                if let Some(report) = report
                    && reports.send(report).is_err()
                {
                    return;
                }
            }
            let _ = reports.send(Report::Ended { session_id });
        });
        Self { task: task.abort_handle() }
    }
}
