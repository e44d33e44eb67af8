//! Partial matching of a step's output against its `expect` value.

use serde_json::Value;

/// `None` when `got` matches `want`: objects by the keys `want` gives, arrays element-wise
/// with equal length, everything else by equality. Otherwise the first difference.
pub(super) fn mismatch(got: &Value, want: &Value, path: &str) -> Option<String> {
    match (got, want) {
        (Value::Object(g), Value::Object(w)) => w.iter().find_map(|(k, wv)| match g.get(k) {
            None => Some(format!("{path}.{k}: missing")),
            Some(gv) => mismatch(gv, wv, &format!("{path}.{k}")),
        }),
        (Value::Array(g), Value::Array(w)) => {
            if g.len() != w.len() {
                return Some(format!("{path}: {} items, expected {}", g.len(), w.len()));
            }
            g.iter()
                .zip(w)
                .enumerate()
                .find_map(|(i, (gv, wv))| mismatch(gv, wv, &format!("{path}[{i}]")))
        }
        _ if got == want => None,
        _ => Some(format!("{path}: got {got}, expected {want}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn partial_objects_exact_arrays() {
        let got = json!([{"ok": true, "fee": 5, "events": []}]);
        assert_eq!(mismatch(&got, &json!([{"ok": true}]), "$"), None);
        assert!(mismatch(&got, &json!([{"ok": false}]), "$").is_some());
        assert!(mismatch(&got, &json!([]), "$").is_some());
        assert!(mismatch(&got, &json!([{"error": "X"}]), "$")
            .unwrap()
            .contains("missing"));
    }
}
