//! What a session cost at list price: the server's `usage.list_cost` when it sends one, else an
//! estimate from the documented price table (behaviour doc §25 and "(b) Prices and limits a
//! client could show").
//!
//! Amounts are whole numbers of [`UNITS_PER_DOLLAR`]ths of a US dollar (10⁻⁸ USD), so that every
//! rate of the table, down to a $0.25/MTok cache read, is an exact integer per token and sums
//! never round. A cent is [`UNITS_PER_CENT`] units.
//!
//! The estimate is `Σ tokens × model rate` (cache writes at 1.25× for 5 minutes and 2× for an
//! hour, cache reads at 0.1×, or 0.025× on Fable and Mythos 5.1; the fast-mode rates when the
//! model's `speed` is `"fast"`; ×1.1 when `inference_geo` is `"us"`) + web searches at $10 per
//! 1,000 + runtime at $0.08 per hour of `active_seconds`. Like the server's figure it is a list
//! price: negotiated discounts are not in it.

use crate::types::{ModelConfig, Money, SessionUsage};

/// Units in one US dollar.
pub const UNITS_PER_DOLLAR: u64 = 100_000_000;
/// Units in one US cent (the unit of `list_cost`).
pub const UNITS_PER_CENT: u64 = 1_000_000;
/// One web search: $10 per 1,000, a cent each.
pub const WEB_SEARCH: u64 = UNITS_PER_CENT;
/// Session runtime: $0.08 per hour of `active_seconds`.
pub const RUNTIME_PER_HOUR: u64 = 8 * UNITS_PER_CENT;

/// Per-token rates of a model, in units (10⁻⁸ USD) per token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rates {
    /// Input tokens.
    pub input: u64,
    /// Output tokens.
    pub output: u64,
    /// Tokens written to the cache with a 5-minute lifetime.
    pub write_5m: u64,
    /// Tokens written to the cache with a 1-hour lifetime.
    pub write_1h: u64,
    /// Tokens read from the cache.
    pub read: u64,
}

/// Rates from the table's dollars per million tokens, given in units per token: $5/MTok is
/// 500 units per token. Cache writes are 1.25× (5 minutes) and 2× (1 hour) the input rate for
/// every listed model.
const fn table(input: u64, output: u64, read: u64) -> Rates {
    Rates { input, output, write_5m: input * 5 / 4, write_1h: input * 2, read }
}

/// The price table, per model family, newest names first where one is a prefix of another.
/// Model ids look like `claude-opus-4-6` or `claude-sonnet-4-5-20250929`.
const FAMILIES: &[(&str, Rates)] = &[
    ("opus-4-5", table(500, 2500, 50)),
    ("opus-4-6", table(500, 2500, 50)),
    ("opus-4-7", table(500, 2500, 50)),
    ("opus-4-8", table(500, 2500, 50)),
    ("opus-5", table(500, 2500, 50)),
    ("sonnet-4-5", table(300, 1500, 30)),
    ("sonnet-4-6", table(300, 1500, 30)),
    ("sonnet-5", table(200, 1000, 20)),
    ("haiku-4-5", table(100, 500, 10)),
    ("fable-5-1", table(1000, 5000, 25)),
    ("mythos-5-1", table(1000, 5000, 25)),
    ("fable-5", table(1000, 5000, 100)),
    ("mythos-5", table(1000, 5000, 100)),
];

/// Fast mode of Opus 4.8 and Opus 5: $10 / $50.
const FAST: Rates = table(1000, 5000, 100);

/// The list rates of `model`, or `None` for a model the table does not list (its tokens then
/// have no known price).
pub fn rates(model: &ModelConfig) -> Option<Rates> {
    let id = model.id.strip_prefix("claude-").unwrap_or(&model.id);
    // A family matches the whole id or the id followed by a dated suffix, so that
    // `fable-5-1` is not taken for `fable-5` nor `opus-4-50` for `opus-4-5`.
    let (family, mut rates) = FAMILIES.iter().copied().find(|(family, _)| {
        id.strip_prefix(family).is_some_and(|rest| {
            rest.is_empty()
                || rest
                    .strip_prefix('-')
                    .is_some_and(|date| date.len() >= 8 && date.bytes().all(|b| b.is_ascii_digit()))
        })
    })?;
    if model.speed.as_deref() == Some("fast") && matches!(family, "opus-4-8" | "opus-5") {
        rates = FAST;
    }
    if matches!(&model.inference_geo, Some(Some(geo)) if geo == "us") {
        for rate in [
            &mut rates.input,
            &mut rates.output,
            &mut rates.write_5m,
            &mut rates.write_1h,
            &mut rates.read,
        ] {
            *rate = *rate * 11 / 10;
        }
    }
    Some(rates)
}

/// Where a [`Cost`] comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CostSource {
    /// The server's `usage.list_cost`.
    ListCost,
    /// The price table, every part of the usage priced.
    PriceTable,
    /// The price table, but the model is not in it: only runtime and web searches are counted,
    /// so the figure is too low.
    PriceTableWithoutTokens,
}

/// A session's list cost so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cost {
    /// In units of 10⁻⁸ USD.
    pub units: u64,
    /// Where it comes from.
    pub source: CostSource,
}

impl Cost {
    /// Whole cents, rounded half up.
    pub fn cents(&self) -> u64 {
        self.units.saturating_add(UNITS_PER_CENT / 2) / UNITS_PER_CENT
    }
}

/// The session's list cost: `usage.list_cost` when the server sends one in US cents, else the
/// estimate of [`estimate`].
pub fn session_cost(usage: &SessionUsage, model: &ModelConfig) -> Cost {
    match usage.list_cost.as_ref().and_then(cents_of) {
        Some(cents) => {
            Cost { units: cents.saturating_mul(UNITS_PER_CENT), source: CostSource::ListCost }
        }
        None => estimate(usage, model),
    }
}

/// Whole US cents of a `Money`, or `None` for another currency or an amount that is not a
/// whole number.
fn cents_of(money: &Money) -> Option<u64> {
    (money.currency == "USD").then(|| money.amount.parse::<u64>().ok()).flatten()
}

/// The list cost of `usage` from the price table.
pub fn estimate(usage: &SessionUsage, model: &ModelConfig) -> Cost {
    let runtime = usage.active_seconds.filter(|s| s.is_finite() && *s > 0.0).unwrap_or(0.0);
    // f64 is exact to the unit for any runtime below a few thousand years.
    let runtime = (runtime * RUNTIME_PER_HOUR as f64 / 3600.0).round() as u64;
    let searches = usage
        .server_tool_use
        .as_ref()
        .and_then(|s| s.web_search_requests)
        .unwrap_or(0)
        .saturating_mul(WEB_SEARCH);
    let fixed = runtime.saturating_add(searches);
    let Some(rates) = rates(model) else {
        return Cost { units: fixed, source: CostSource::PriceTableWithoutTokens };
    };
    let creation = usage.cache_creation.as_ref();
    let parts = [
        (usage.input_tokens, rates.input),
        (usage.output_tokens, rates.output),
        (usage.cache_read_input_tokens, rates.read),
        (creation.and_then(|c| c.ephemeral_5m_input_tokens), rates.write_5m),
        (creation.and_then(|c| c.ephemeral_1h_input_tokens), rates.write_1h),
    ];
    let tokens = parts.iter().fold(0u64, |sum, (count, rate)| {
        sum.saturating_add(count.unwrap_or(0).saturating_mul(*rate))
    });
    Cost { units: fixed.saturating_add(tokens), source: CostSource::PriceTable }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::{CacheCreation, ServerToolUse};

    fn model(id: &str) -> ModelConfig {
        ModelConfig {
            id: id.into(),
            effort: None,
            inference_geo: None,
            speed: None,
            extra: Default::default(),
        }
    }

    fn usage(input: u64, output: u64, cache_read: u64, hours: f64) -> SessionUsage {
        SessionUsage {
            input_tokens: Some(input),
            output_tokens: Some(output),
            cache_read_input_tokens: Some(cache_read),
            active_seconds: Some(hours * 3600.0),
            ..SessionUsage::default()
        }
    }

    /// The behaviour doc's worked example, by hand: one hour on Opus 5 with 50k input and 15k
    /// output tokens is 50,000 × $5/M + 15,000 × $25/M + 1 h × $0.08 = $0.25 + $0.375 + $0.08 =
    /// $0.705. With 40k of the input read from the cache instead, the input is 10,000 × $5/M +
    /// 40,000 × $0.50/M = $0.05 + $0.02, so $0.07 + $0.375 + $0.08 = $0.525.
    #[test]
    fn the_documented_transcript_costs_what_the_hand_computation_says() {
        let opus = model("claude-opus-5");
        let plain = session_cost(&usage(50_000, 15_000, 0, 1.0), &opus);
        assert_eq!(plain, Cost { units: 70_500_000, source: CostSource::PriceTable });
        assert_eq!(plain.units, 705 * UNITS_PER_DOLLAR / 1000, "$0.705");
        let cached = session_cost(&usage(10_000, 15_000, 40_000, 1.0), &opus);
        assert_eq!(cached.units, 525 * UNITS_PER_DOLLAR / 1000, "$0.525");
        assert_eq!(cached.source, CostSource::PriceTable);
        // Whole cents, rounded half up, as the server's figure would be.
        assert_eq!(plain.cents(), 71);
        assert_eq!(cached.cents(), 53);
    }

    #[test]
    fn the_servers_list_cost_wins_when_it_is_sent() {
        let opus = model("claude-opus-5");
        let mut sent = usage(50_000, 15_000, 0, 1.0);
        sent.list_cost =
            Some(Money { amount: "70".into(), currency: "USD".into(), extra: Default::default() });
        assert_eq!(
            session_cost(&sent, &opus),
            Cost { units: 70 * UNITS_PER_CENT, source: CostSource::ListCost }
        );
        // A figure that is not whole US cents says nothing: the table prices the usage.
        for (amount, currency) in [("70.5", "USD"), ("70", "EUR"), ("", "USD")] {
            sent.list_cost = Some(Money {
                amount: amount.into(),
                currency: currency.into(),
                extra: Default::default(),
            });
            assert_eq!(session_cost(&sent, &opus).units, 70_500_000, "{amount} {currency}");
        }
    }

    #[test]
    fn cache_writes_web_searches_fast_mode_and_the_us_region_are_priced() {
        let sonnet = model("claude-sonnet-4-6");
        let writes = SessionUsage {
            cache_creation: Some(CacheCreation {
                ephemeral_5m_input_tokens: Some(1_000_000),
                ephemeral_1h_input_tokens: Some(1_000_000),
                extra: Default::default(),
            }),
            server_tool_use: Some(ServerToolUse {
                web_search_requests: Some(3),
                web_fetch_requests: Some(9),
                extra: Default::default(),
            }),
            ..SessionUsage::default()
        };
        // $3.75 + $6 for the writes, 3 × $0.01 for the searches; fetches are free.
        assert_eq!(estimate(&writes, &sonnet).units, 978 * UNITS_PER_CENT);

        let mut fast = model("claude-opus-4-8");
        fast.speed = Some("fast".into());
        assert_eq!(rates(&fast).map(|r| (r.input, r.output)), Some((1000, 5000)));
        let mut us = model("claude-haiku-4-5");
        us.inference_geo = Some(Some("us".into()));
        assert_eq!(rates(&us).map(|r| (r.input, r.output)), Some((110, 550)));
        assert_eq!(rates(&model("claude-fable-5-1")).map(|r| r.read), Some(25));
        assert_eq!(rates(&model("claude-fable-5")).map(|r| r.read), Some(100));
        assert_eq!(rates(&model("claude-sonnet-4-5-20250929")).map(|r| r.input), Some(300));
    }

    #[test]
    fn a_model_without_a_list_price_counts_runtime_and_searches_only() {
        let cost = estimate(&usage(1_000_000, 1_000_000, 0, 0.5), &model("claude-opus-4-1"));
        assert_eq!(
            cost,
            Cost { units: 4 * UNITS_PER_CENT, source: CostSource::PriceTableWithoutTokens }
        );
        assert_eq!(rates(&model("claude-opus-4-50")), None);
    }
}
