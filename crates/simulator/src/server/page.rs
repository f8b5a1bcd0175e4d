//! Query parameters (bracketed keys, repeated arrays) and opaque cursor pagination.

use serde_json::{Value, json};

use crate::error::{ApiError, ApiResult};

/// Raw query pairs. The API repeats keys for arrays (`types[]=a&types[]=b`) and uses bracketed
/// keys for ranges (`created_at[gte]=…`), which a typed struct cannot express.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(transparent)]
pub struct Params(pub Vec<(String, String)>);

impl Params {
    pub fn get(&self, key: &str) -> Option<&str> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }

    /// All values of an array parameter, with or without the `[]` suffix.
    pub fn all(&self, key: &str) -> Vec<String> {
        let bracketed = format!("{key}[]");
        self.0
            .iter()
            .filter(|(k, _)| *k == key || *k == bracketed)
            .map(|(_, v)| v.clone())
            .collect()
    }

    pub fn flag(&self, key: &str) -> bool {
        matches!(self.get(key), Some("true" | "1"))
    }

    /// `limit`, checked against the endpoint's range.
    pub fn limit(&self, default: usize, max: usize) -> ApiResult<usize> {
        match self.get("limit") {
            None => Ok(default),
            Some(raw) => match raw.parse::<usize>() {
                Ok(n) if (1..=max).contains(&n) => Ok(n),
                _ => {
                    Err(ApiError::invalid(format!("limit: must be an integer between 1 and {max}")))
                }
            },
        }
    }

    /// A `created_at[op]` bound in µs.
    pub fn time_bound(&self, op: &str) -> ApiResult<Option<i64>> {
        let key = format!("created_at[{op}]");
        match self.get(&key) {
            None => Ok(None),
            Some(raw) => crate::ids::parse_micros(raw)
                .map(Some)
                .ok_or_else(|| ApiError::invalid(format!("{key}: invalid timestamp '{raw}'"))),
        }
    }

    /// True if `micros` passes every `created_at[…]` bound given.
    pub fn time_filter(&self) -> ApiResult<impl Fn(i64) -> bool + use<>> {
        let (gt, gte, lt, lte) = (
            self.time_bound("gt")?,
            self.time_bound("gte")?,
            self.time_bound("lt")?,
            self.time_bound("lte")?,
        );
        Ok(move |t: i64| {
            gt.is_none_or(|b| t > b)
                && gte.is_none_or(|b| t >= b)
                && lt.is_none_or(|b| t < b)
                && lte.is_none_or(|b| t <= b)
        })
    }
}

fn encode(tag: &str, offset: usize) -> String {
    let raw = format!("{tag}:{offset}");
    let hex: String = raw.bytes().map(|b| format!("{b:02x}")).collect();
    format!("page_{hex}")
}

fn decode(cursor: &str) -> Option<(String, usize)> {
    let hex = cursor.strip_prefix("page_")?;
    let bytes: Option<Vec<u8>> = (0..hex.len())
        .step_by(2)
        .map(|i| hex.get(i..i + 2).and_then(|h| u8::from_str_radix(h, 16).ok()))
        .collect();
    let text = String::from_utf8(bytes?).ok()?;
    let (tag, offset) = text.rsplit_once(':')?;
    Some((tag.to_owned(), offset.parse().ok()?))
}

/// One page of `items` (already filtered and ordered). `tag` names the order, so a cursor reused
/// with a different order is refused. `prev` adds `prev_page` (only `GET /v1/sessions` has it).
pub fn paginate(
    items: Vec<Value>,
    params: &Params,
    tag: &str,
    default: usize,
    max: usize,
    prev: bool,
) -> ApiResult<Value> {
    let limit = params.limit(default, max)?;
    let offset = match params.get("page").filter(|p| !p.is_empty()) {
        None => 0,
        Some(cursor) => match decode(cursor) {
            Some((t, offset)) if t == tag => offset,
            Some(_) => {
                return Err(ApiError::invalid("page: cursor was made with different parameters"));
            }
            None => return Err(ApiError::invalid("page: invalid cursor")),
        },
    };
    let total = items.len();
    let data: Vec<Value> = items.into_iter().skip(offset).take(limit).collect();
    let end = offset + data.len();
    let next = (end < total).then(|| encode(tag, end));
    let mut page = json!({"data": data, "next_page": next});
    if prev {
        page["prev_page"] = json!((offset > 0).then(|| encode(tag, offset.saturating_sub(limit))));
    }
    Ok(page)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursor_round_trip_and_order_mismatch() {
        let items: Vec<Value> = (0..5).map(|i| json!(i)).collect();
        let params = Params(vec![("limit".into(), "2".into())]);
        let first = paginate(items.clone(), &params, "asc", 20, 100, false).unwrap();
        assert_eq!(first["data"], json!([0, 1]));
        let cursor = first["next_page"].as_str().unwrap().to_owned();
        let second = Params(vec![("limit".into(), "2".into()), ("page".into(), cursor.clone())]);
        assert_eq!(
            paginate(items.clone(), &second, "asc", 20, 100, false).unwrap()["data"],
            json!([2, 3])
        );
        assert!(paginate(items, &second, "desc", 20, 100, false).is_err());
    }
}
