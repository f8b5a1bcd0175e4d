//! A session's status as badges and notifications need it, derived from its events.

use managed_agents::ConnectionState;
use managed_agents::types::{Budget, Money, SessionEvent, StopReason};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum LiveStatus {
    Running,
    Idle,
    /// Waiting for tool confirmations or custom tool results.
    RequiresAction,
    /// Recovering from an error.
    Rescheduling,
    Terminated,
    Deleted,
    /// Archived (here or elsewhere): its history stays, it takes no new events.
    Archived,
}

impl LiveStatus {
    /// Deleted or archived: the session is gone from the live list and nothing more happens.
    pub fn is_final(self) -> bool {
        matches!(self, Self::Deleted | Self::Archived)
    }
}

/// Broadcast app-wide when a session's status changes (from the open session's relay or the
/// monitor of every session).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type, tauri_specta::Event)]
#[serde(rename_all = "camelCase")]
#[tauri_specta(event_name = "session://status")]
pub struct SessionStatusChanged {
    pub session_id: String,
    pub status: LiveStatus,
    /// How many tool calls wait for an answer (with `requiresAction`).
    pub pending: u32,
    /// The `stop_reason.type` of an idle session (`end_turn`, `retries_exhausted`, …).
    pub stop_reason: Option<String>,
    /// The app cannot reach the API for this session now; `status` is the last one known.
    pub reconnecting: bool,
    /// Its list cost is at 80 % of its budget or more (the server stops it at 100 %).
    pub budget_near: bool,
}

/// Whether `spent` is at 80 % of `budget` or more. Amounts are integers of minor units; a
/// malformed one or another currency says nothing.
pub fn near_budget(spent: Option<&Money>, budget: Option<&Budget>) -> bool {
    let (Some(spent), Some(budget)) = (spent, budget) else { return false };
    let max = &budget.max_list_cost;
    let (Ok(used), Ok(cap)) = (spent.amount.parse::<u128>(), max.amount.parse::<u128>()) else {
        return false;
    };
    spent.currency == max.currency && cap > 0 && used * 10 >= cap * 8
}

/// Follows one watch's events. While the history is replayed nothing is reported; once live,
/// the latest status is reported once, then every change.
pub struct StatusTracker {
    session_id: String,
    live: bool,
    latest: Option<SessionStatusChanged>,
    reported: Option<SessionStatusChanged>,
    /// The budget and the cost, from `session.usage` and `session.updated`.
    budget: Option<Budget>,
    spent: Option<Money>,
}

impl StatusTracker {
    pub fn new(session_id: String) -> Self {
        Self { session_id, live: false, latest: None, reported: None, budget: None, spent: None }
    }

    /// Follows the cost against the budget; a crossing of 80 % either way is a change.
    fn see_cost(&mut self, event: &SessionEvent) -> Option<SessionStatusChanged> {
        match event {
            SessionEvent::SessionUsage(usage) => {
                self.spent.clone_from(&usage.usage.list_cost);
                if let Some(budget) = &usage.budget {
                    self.budget.clone_from(budget);
                }
            }
            SessionEvent::SessionUpdated(updated) => match &updated.budget {
                Some(budget) => self.budget.clone_from(budget),
                None => return None,
            },
            _ => return None,
        }
        let near = near_budget(self.spent.as_ref(), self.budget.as_ref());
        let latest = self.latest.as_mut()?;
        latest.budget_near = near;
        self.report()
    }

    pub fn see(&mut self, event: &SessionEvent) -> Option<SessionStatusChanged> {
        let (status, pending, stop_reason) = match event {
            SessionEvent::SessionStatusRunning(_) => (LiveStatus::Running, 0, None),
            SessionEvent::SessionStatusIdle(idle) => match &idle.stop_reason {
                StopReason::RequiresAction { event_ids, .. } => (
                    LiveStatus::RequiresAction,
                    u32::try_from(event_ids.len()).unwrap_or(u32::MAX),
                    Some("requires_action".to_owned()),
                ),
                other => (LiveStatus::Idle, 0, Some(stop_reason_type(other))),
            },
            SessionEvent::SessionStatusRescheduled(_) => (LiveStatus::Rescheduling, 0, None),
            SessionEvent::SessionStatusTerminated(_) => (LiveStatus::Terminated, 0, None),
            SessionEvent::SessionDeleted(_) => (LiveStatus::Deleted, 0, None),
            _ => return self.see_cost(event),
        };
        let session_id = self.session_id.clone();
        self.latest = Some(SessionStatusChanged {
            session_id,
            status,
            pending,
            stop_reason,
            reconnecting: false,
            budget_near: near_budget(self.spent.as_ref(), self.budget.as_ref()),
        });
        self.report()
    }

    pub fn connection(&mut self, state: &ConnectionState) -> Option<SessionStatusChanged> {
        if *state == ConnectionState::Connected {
            self.live = true;
        }
        self.report()
    }

    fn report(&mut self) -> Option<SessionStatusChanged> {
        if !self.live || self.latest == self.reported {
            return None;
        }
        self.reported.clone_from(&self.latest);
        self.latest.clone()
    }
}

fn stop_reason_type(reason: &StopReason) -> String {
    serde_json::to_value(reason)
        .ok()
        .and_then(|v| v.get("type").and_then(|t| t.as_str()).map(str::to_owned))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn event(value: serde_json::Value) -> SessionEvent {
        serde_json::from_value(value).unwrap()
    }

    fn idle(reason: serde_json::Value) -> SessionEvent {
        event(
            json!({ "type": "session.status_idle", "id": "e", "processed_at": "t", "stop_reason": reason }),
        )
    }

    #[test]
    fn crossing_80_percent_of_the_budget_is_reported_once_each_way() {
        let usage = |cents: &str, budget: Option<&str>| {
            let mut value = json!({ "type": "session.usage", "id": "u", "processed_at": "t",
                "usage": { "list_cost": { "amount": cents, "currency": "USD" } } });
            if let Some(max) = budget {
                value["budget"] = json!({ "type": "limit", "max_list_cost": { "amount": max, "currency": "USD" } });
            }
            event(value)
        };
        let mut tracker = StatusTracker::new("sesn_1".into());
        tracker.see(&event(
            json!({ "type": "session.status_running", "id": "a", "processed_at": "t" }),
        ));
        tracker.connection(&ConnectionState::Connected).unwrap();
        assert_eq!(tracker.see(&usage("700", Some("1000"))), None, "70 %: nothing yet");
        assert!(tracker.see(&usage("800", None)).unwrap().budget_near, "80 %, budget kept");
        assert_eq!(tracker.see(&usage("900", None)), None, "still near: no news");
        // Raised: no longer near.
        let raised = event(json!({ "type": "session.updated", "id": "b", "processed_at": "t",
            "budget": { "type": "limit", "max_list_cost": { "amount": "5000", "currency": "USD" } } }));
        assert!(!tracker.see(&raised).unwrap().budget_near);
        // Another currency or a malformed amount says nothing.
        assert!(!near_budget(
            Some(&serde_json::from_value(json!({ "amount": "900", "currency": "EUR" })).unwrap()),
            Some(&serde_json::from_value(json!({ "type": "limit", "max_list_cost": { "amount": "1000", "currency": "USD" } })).unwrap()),
        ));
    }

    #[test]
    fn history_is_summed_up_once_then_each_change_is_reported() {
        let mut tracker = StatusTracker::new("sesn_1".into());
        let running =
            event(json!({ "type": "session.status_running", "id": "a", "processed_at": "t" }));
        // Replayed history: nothing yet.
        assert_eq!(tracker.see(&running), None);
        assert_eq!(tracker.see(&idle(json!({ "type": "end_turn" }))), None);
        let caught_up = tracker.connection(&ConnectionState::Connected).unwrap();
        assert_eq!(
            (caught_up.status, caught_up.stop_reason.as_deref()),
            (LiveStatus::Idle, Some("end_turn"))
        );
        // A reconnect that changes nothing reports nothing.
        assert_eq!(tracker.connection(&ConnectionState::Connected), None);
        assert_eq!(tracker.see(&running).unwrap().status, LiveStatus::Running);
        let waiting = tracker
            .see(&idle(json!({ "type": "requires_action", "event_ids": ["x", "y"] })))
            .unwrap();
        assert_eq!((waiting.status, waiting.pending), (LiveStatus::RequiresAction, 2));
        assert_eq!(
            tracker.see(&idle(json!({ "type": "requires_action", "event_ids": ["x", "y"] }))),
            None
        );
        let one_left =
            tracker.see(&idle(json!({ "type": "requires_action", "event_ids": ["y"] }))).unwrap();
        assert_eq!(one_left.pending, 1);
    }
}
