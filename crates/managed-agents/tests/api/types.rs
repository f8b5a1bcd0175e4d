//! Every sample event decodes to its typed variant and re-serializes to equal JSON; unknown
//! types and fields survive.

use managed_agents::types::{EVENT_TYPES, SessionEvent};
use serde_json::{Value, json};

use crate::support::sample_lines;

#[test]
fn every_sample_line_decodes_to_its_variant_and_round_trips() {
    let lines = sample_lines();
    assert_eq!(lines.len(), 44);
    let mut seen = std::collections::BTreeSet::new();
    for line in lines {
        let raw: Value = serde_json::from_str(line).unwrap();
        let event: SessionEvent = serde_json::from_str(line).unwrap();
        assert!(!matches!(event, SessionEvent::Unknown(_)), "{} decoded as Unknown", raw["type"]);
        assert_eq!(event.event_type(), raw["type"].as_str().unwrap());
        assert_eq!(serde_json::to_value(&event).unwrap(), raw, "round trip of {line}");
        seen.insert(event.event_type().to_owned());
    }
    // The samples cover exactly the 44 types this crate knows.
    let known: std::collections::BTreeSet<String> =
        EVENT_TYPES.iter().map(|s| (*s).to_owned()).collect();
    assert_eq!(seen, known);
}

#[test]
fn unknown_type_is_kept_raw() {
    let raw =
        json!({"type":"agent.telepathy","id":"e9","processed_at":"2026-01-01T00:00:00Z","x":[1,2]});
    let event: SessionEvent = serde_json::from_value(raw.clone()).unwrap();
    let SessionEvent::Unknown(kept) = &event else {
        panic!("expected Unknown, got {event:?}");
    };
    assert_eq!(kept, &raw);
    assert_eq!(event.event_type(), "agent.telepathy");
    assert_eq!(event.id(), Some("e9"));
    assert_eq!(serde_json::to_value(&event).unwrap(), raw);
}

#[test]
fn unknown_fields_survive_at_every_level() {
    let raw = json!({
        "type":"agent.message","id":"e1","processed_at":"2026-01-01T00:00:00Z",
        "new_top_level": {"a": 1},
        "content":[{"type":"text","text":"hi","citations_v2":[1]},{"type":"hologram","z":1}]
    });
    let event: SessionEvent = serde_json::from_value(raw.clone()).unwrap();
    assert!(matches!(event, SessionEvent::AgentMessage(_)));
    assert_eq!(serde_json::to_value(&event).unwrap(), raw);
}

#[test]
fn unknown_fields_in_nested_objects_survive() {
    for raw in [
        json!({"type":"session.status_idle","id":"e","processed_at":"t",
            "stop_reason":{"type":"end_turn","note":"new"},"stop_details":null}),
        json!({"type":"session.usage","id":"e","processed_at":"t",
            "usage":{"cache_creation":{"ephemeral_5m_input_tokens":1,"ephemeral_2h_input_tokens":2},
                     "list_cost":{"amount":"3","currency":"USD","precision":"cents"}},
            "budget":{"type":"limit","max_list_cost":{"amount":"9","currency":"USD"},"soft":true}}),
        json!({"type":"agent.tool_use","id":"e","processed_at":"t","name":"bash","input":{},
            "evaluation":{"type":"always_allow","since":"v2"}}),
    ] {
        let event: SessionEvent = serde_json::from_value(raw.clone()).unwrap();
        assert!(!matches!(event, SessionEvent::Unknown(_)), "{raw}");
        assert_eq!(serde_json::to_value(&event).unwrap(), raw);
    }
}

#[test]
fn open_enums_keep_unknown_values() {
    let raw = json!({
        "type":"agent.tool_use","id":"e1","processed_at":"2026-01-01T00:00:00Z",
        "name":"bash","input":{},"evaluated_permission":"maybe",
        "evaluation":{"type":"auto","evaluated_permission":{"type":"ask","reason_code":"novel_code"}}
    });
    let event: SessionEvent = serde_json::from_value(raw.clone()).unwrap();
    let SessionEvent::AgentToolUse(e) = &event else { panic!("{event:?}") };
    assert_eq!(e.evaluated_permission.as_ref().unwrap().as_str(), "maybe");
    assert_eq!(serde_json::to_value(&event).unwrap(), raw);

    let idle = json!({"type":"session.status_idle","id":"e2","processed_at":"2026-01-01T00:00:00Z",
        "stop_reason":{"type":"nap_time","minutes":5}});
    let event: SessionEvent = serde_json::from_value(idle.clone()).unwrap();
    assert!(matches!(event, SessionEvent::SessionStatusIdle(_)));
    assert_eq!(serde_json::to_value(&event).unwrap(), idle);
}

#[test]
fn three_state_budget_in_session_updated() {
    let absent = json!({"type":"session.updated","id":"e","processed_at":"t"});
    let null = json!({"type":"session.updated","id":"e","processed_at":"t","budget":null});
    let set = json!({"type":"session.updated","id":"e","processed_at":"t",
        "budget":{"type":"limit","max_list_cost":{"amount":"2500","currency":"USD"}}});
    for raw in [absent, null, set] {
        let event: SessionEvent = serde_json::from_value(raw.clone()).unwrap();
        assert_eq!(serde_json::to_value(&event).unwrap(), raw);
    }
    let null: SessionEvent = serde_json::from_value(
        json!({"type":"session.updated","id":"e","processed_at":"t","budget":null}),
    )
    .unwrap();
    let SessionEvent::SessionUpdated(u) = null else { panic!() };
    assert_eq!(u.budget, Some(None));
}

#[test]
fn previews_have_no_id() {
    let lines = sample_lines();
    let start: SessionEvent = serde_json::from_str(lines[5]).unwrap();
    assert!(start.is_preview());
    assert_eq!(start.id(), None);
    assert_eq!(start.processed_at(), None);
}
