//! Checks that a pack's digest does not depend on serde_json features
//! elsewhere in the dependency tree (here: `preserve_order`, which turns
//! serde_json's `Map` from a `BTreeMap` into an `IndexMap`).

#[cfg(test)]
mod tests {
    /// SHA-256 of the canonical bytes of `tests/data/packs/mini.json`,
    /// pinned: the canonical form (`docs/PACKS.md`, "Digest") must not move.
    const MINI_DIGEST: &str = "68e697cce36ce18c8cc775c2cfe9c25ed0f04e20a8e1a8af11aca7d136319063";

    const MINI: &str = include_str!("../../data/packs/mini.json");

    /// The same JSON with every object's keys in reverse order.
    fn reversed(value: &serde_json::Value) -> serde_json::Value {
        match value {
            serde_json::Value::Object(map) => {
                let mut out = serde_json::Map::new();
                for (k, v) in map.iter().rev() {
                    out.insert(k.clone(), reversed(v));
                }
                serde_json::Value::Object(out)
            }
            serde_json::Value::Array(items) => serde_json::Value::Array(items.iter().map(reversed).collect()),
            other => other.clone(),
        }
    }

    #[test]
    fn preserve_order_is_on_in_this_tree() {
        let v: serde_json::Value = serde_json::from_str(r#"{"b":1,"a":2}"#).unwrap();
        let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["b", "a"], "serde_json's preserve_order should be enabled here");
    }

    #[test]
    fn digest_is_the_same_with_preserve_order() {
        let pack = jejak::Pack::from_json(MINI).unwrap();
        assert_eq!(pack.digest(), MINI_DIGEST);
        // Written back by serde_json in document order, and in reverse key
        // order: other texts, one pack, one digest.
        let value: serde_json::Value = serde_json::from_str(MINI).unwrap();
        for text in [serde_json::to_string(&value).unwrap(), serde_json::to_string_pretty(&reversed(&value)).unwrap()] {
            assert_ne!(text, MINI);
            assert_eq!(jejak::Pack::from_json(&text).unwrap().digest(), MINI_DIGEST);
        }
        let default = jejak::Pack::default_pack();
        let again = jejak::Pack::from_json(&serde_json::to_string(&reversed(
            &serde_json::from_str::<serde_json::Value>(jejak::Pack::default_pack_json()).unwrap(),
        ))
        .unwrap())
        .unwrap();
        assert_eq!(again.digest(), default.digest());
    }
}
