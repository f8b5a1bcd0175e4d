//! List prices from the documented price table (behaviour doc §25), in units of 10⁻⁸ USD per
//! token so that every rate, including $0.025/MTok-style cache reads, is an exact integer.

use serde_json::Value;

/// Per-token rates in 10⁻⁸ USD: input, output, 5-minute cache write, 1-hour cache write, cache read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rates {
    pub input: u64,
    pub output: u64,
    pub write_5m: u64,
    pub write_1h: u64,
    pub read: u64,
}

const fn rates(input: u64, output: u64, read: u64) -> Rates {
    // Cache writes are 1.25× (5 min) and 2× (1 h) the input rate for every listed model.
    Rates { input, output, write_5m: input * 5 / 4, write_1h: input * 2, read }
}

/// One web search: $10 per 1,000.
pub const WEB_SEARCH: u64 = 1_000_000;

/// Session runtime: $0.08 per hour while `running`, as 10⁻⁸ USD per microsecond × 3.6e9.
pub fn runtime_cost(active_micros: i64) -> u64 {
    let micros = u64::try_from(active_micros).unwrap_or(0);
    // 0.08 USD = 8_000_000 units per 3_600_000_000 µs.
    micros.saturating_mul(8_000_000) / 3_600_000_000
}

/// Rates for a model config (`{id, speed?, inference_geo?}`), or `None` if the model has no list
/// price (unknown ids are billed as Sonnet 4.x so the demo meter still moves).
pub fn rates_for(model: &Value) -> Rates {
    let id = model.get("id").and_then(Value::as_str).unwrap_or_default();
    let fast = model.get("speed").and_then(Value::as_str) == Some("fast");
    let mut r = if id.contains("opus") {
        if fast && (id.contains("opus-4-8") || id.contains("opus-5")) {
            rates(1000, 5000, 100)
        } else {
            rates(500, 2500, 50)
        }
    } else if id.contains("sonnet-5") {
        rates(200, 1000, 20)
    } else if id.contains("haiku") {
        rates(100, 500, 10)
    } else if id.contains("fable-5-1") || id.contains("mythos-5-1") {
        rates(1000, 5000, 25)
    } else if id.contains("fable") || id.contains("mythos") {
        rates(1000, 5000, 100)
    } else {
        rates(300, 1500, 30)
    };
    if model.get("inference_geo").and_then(Value::as_str) == Some("us") {
        for rate in [&mut r.input, &mut r.output, &mut r.write_5m, &mut r.write_1h, &mut r.read] {
            *rate = *rate * 11 / 10;
        }
    }
    r
}

/// Cost of one model request in 10⁻⁸ USD.
pub fn request_cost(r: Rates, input: u64, output: u64, write_5m: u64, read: u64) -> u64 {
    input * r.input + output * r.output + write_5m * r.write_5m + read * r.read
}

/// Whole cents, rounded, as the API's `Money.amount` string.
pub fn cents(units: u64) -> String {
    ((units + 500_000) / 1_000_000).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn documented_worked_example() {
        // 1 h on Opus 5 with 50k input and 15k output = $0.25 + $0.375 + $0.08 = $0.705.
        let r = rates_for(&json!({"id": "claude-opus-5"}));
        let total = request_cost(r, 50_000, 15_000, 0, 0) + runtime_cost(3_600_000_000);
        assert_eq!(total, 70_500_000);
        assert_eq!(cents(total), "71");
        // With 40k of the input as cache reads: $0.525.
        let cached = request_cost(r, 10_000, 15_000, 0, 40_000) + runtime_cost(3_600_000_000);
        assert_eq!(cached, 52_500_000);
    }

    #[test]
    fn us_geo_costs_ten_percent_more() {
        let base = rates_for(&json!({"id": "claude-sonnet-4-6"}));
        let us = rates_for(&json!({"id": "claude-sonnet-4-6", "inference_geo": "us"}));
        assert_eq!(us.input, base.input * 11 / 10);
        assert_eq!(rates_for(&json!({"id": "claude-haiku-4-5"})).output, 500);
    }
}
