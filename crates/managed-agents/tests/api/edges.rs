//! Every wire type decodes, as its own type, with every number at the edges of its schema. The
//! API's schema bounds no integer, so counts, sizes, versions and iterations must take anything
//! up to `u64::MAX`; floats anything a JSON number can hold. A known event that falls back to
//! `Unknown` here would lose its usage and cost (the reason for this test).

use managed_agents::types::*;
use proptest::prelude::*;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

use crate::fixtures;
use crate::support::sample_lines;

const INT_EDGES: [u64; 9] = [
    0,
    1,
    u32::MAX as u64,
    u32::MAX as u64 + 1,
    1 << 53,
    (1 << 53) + 1,
    i64::MAX as u64,
    i64::MAX as u64 + 1,
    u64::MAX,
];
const FLOAT_EDGES: [f64; 6] = [0.0, 5e-324, 1e-9, 0.1, 1e15, f64::MAX];

/// Decodes `text` as `T` and re-encodes it, or says why it could not.
type Check = fn(&str) -> Result<Value, String>;

fn check<T: DeserializeOwned + Serialize>(text: &str) -> Result<Value, String> {
    let value: T = serde_json::from_str(text).map_err(|e| e.to_string())?;
    serde_json::to_value(value).map_err(|e| e.to_string())
}

fn check_event(text: &str) -> Result<Value, String> {
    match serde_json::from_str::<SessionEvent>(text).map_err(|e| e.to_string())? {
        SessionEvent::Unknown(_) => Err("a known event fell back to Unknown".into()),
        event => serde_json::to_value(event).map_err(|e| e.to_string()),
    }
}

/// One value of every wire type the API sends, with every number field the type has.
fn wire_values() -> Vec<(String, Value, Check)> {
    let mut session = fixtures::session();
    session["usage"] = json!({
        "input_tokens": 1, "output_tokens": 2, "cache_read_input_tokens": 3,
        "cache_creation": {"ephemeral_5m_input_tokens": 4, "ephemeral_1h_input_tokens": 5},
        "server_tool_use": {"web_search_requests": 6, "web_fetch_requests": 7},
        "active_seconds": 8.5, "list_cost": {"amount": "9", "currency": "USD"}
    });
    let mut values: Vec<(String, Value, Check)> = vec![
        ("agent".into(), fixtures::agent(), check::<Agent>),
        ("environment".into(), fixtures::environment(), check::<Environment>),
        ("session".into(), session, check::<Session>),
        ("session resource".into(), fixtures::resource(), check::<SessionResource>),
        ("thread".into(), fixtures::thread(), check::<SessionThread>),
        ("vault".into(), fixtures::vault(), check::<Vault>),
        ("credential".into(), fixtures::credential(), check::<Credential>),
        ("validation".into(), fixtures::validation(), check::<CredentialValidation>),
        ("memory store".into(), fixtures::memory_store(), check::<MemoryStore>),
        ("memory".into(), fixtures::memory(), check::<Memory>),
        ("memory version".into(), fixtures::memory_version(), check::<MemoryVersion>),
        ("file".into(), fixtures::file(), check::<FileMetadata>),
        ("skill".into(), fixtures::skill(), check::<Skill>),
        ("skill version".into(), fixtures::skill_version(), check::<SkillVersion>),
    ];
    for line in sample_lines() {
        let event: Value = serde_json::from_str(line).unwrap();
        values.push((event["type"].as_str().unwrap().to_owned(), event, check_event));
    }
    values
}

/// JSON pointers of every number in `value`, each with whether it is an integer.
fn numbers(value: &Value, at: String, out: &mut Vec<(String, bool)>) {
    match value {
        Value::Object(map) => map.iter().for_each(|(k, v)| numbers(v, format!("{at}/{k}"), out)),
        Value::Array(items) => {
            items.iter().enumerate().for_each(|(i, v)| numbers(v, format!("{at}/{i}"), out));
        }
        Value::Number(n) => out.push((at, !n.is_f64())),
        _ => {}
    }
}

fn edge(integer: bool, pick: usize) -> Value {
    if integer {
        json!(INT_EDGES[pick % INT_EDGES.len()])
    } else {
        json!(FLOAT_EDGES[pick % FLOAT_EDGES.len()])
    }
}

/// Numbers compare by value: a float field sent as `2` comes back as `2.0`.
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            x == y
                || (x.as_f64().is_some() && x.as_f64() == y.as_f64() && (x.is_f64() || y.is_f64()))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(v, w)| same(v, w))
        }
        _ => a == b,
    }
}

fn decodes_unchanged(name: &str, value: &Value, check: Check) -> Result<(), String> {
    let back = check(&value.to_string()).map_err(|e| format!("{name}: {e}\n{value}"))?;
    if same(&back, value) {
        Ok(())
    } else {
        Err(format!("{name} changed on the way through:\n sent {value}\n  got {back}"))
    }
}

#[test]
fn every_number_of_every_wire_type_takes_each_edge_on_its_own() {
    let mut fields = 0;
    for (name, value, check) in wire_values() {
        let mut at = Vec::new();
        numbers(&value, String::new(), &mut at);
        for (pointer, integer) in at {
            fields += 1;
            let edges = if integer { INT_EDGES.len() } else { FLOAT_EDGES.len() };
            for pick in 0..edges {
                let mut v = value.clone();
                *v.pointer_mut(&pointer).unwrap() = edge(integer, pick);
                if let Err(e) = decodes_unchanged(&format!("{name} {pointer}"), &v, check) {
                    panic!("{e}");
                }
            }
        }
    }
    // The values above carry the token counts, sizes, versions, iterations and indexes.
    assert!(fields >= 30, "only {fields} number fields were tried");
}

proptest! {
    /// Every number of a value set to an edge at once, in random combinations.
    #[test]
    fn every_wire_type_takes_edges_in_any_combination(
        which in 0usize..64,
        picks in proptest::collection::vec(0usize..64, 16),
    ) {
        let values = wire_values();
        let (name, value, check) = &values[which % values.len()];
        let mut at = Vec::new();
        numbers(value, String::new(), &mut at);
        let mut v = value.clone();
        for (i, (pointer, integer)) in at.iter().enumerate() {
            *v.pointer_mut(pointer).unwrap() = edge(*integer, picks[i % picks.len()]);
        }
        prop_assert!(decodes_unchanged(name, &v, *check).is_ok(), "{:?}", decodes_unchanged(name, &v, *check));
    }
}
