//! Screener options: the builder, and the options object with its JSON
//! (camelCase) names that the JavaScript binding and the CLI pass.

use super::{Offsets, Screener, VerdictForm, DEFAULT_MAX_BATCH, MAX_BATCH, MAX_LIMIT};
use crate::error::{quote, Error, ErrorKind};
use crate::json::{self, Value};
use crate::pack::{Pack, PackLimits};
use crate::transaction::ParseLimits;
use crate::vocab::Locale;

/// A whole-number option from 1 to `max`; the error names the value, the
/// unit and the range.
fn whole(value: &Value, path: &str, max: usize, unit: &str) -> Result<usize, Error> {
    value.as_u64().and_then(|v| usize::try_from(v).ok()).filter(|&v| (1..=max).contains(&v)).ok_or_else(|| {
        let v = value.to_json();
        let message = if max == usize::MAX {
            format!("{v} is not a whole number of at least 1")
        } else {
            format!("{v} is not a whole number of {unit} from 1 to {max}")
        };
        Error::option(path, message)
    })
}

/// The `locale` option (`"en"` or `"id"`), here and in the JavaScript
/// `explain`'s options.
pub(crate) fn locale_option(value: &Value, path: &str) -> Result<Locale, Error> {
    let s = value.as_str().ok_or_else(|| Error::option(path, "expected \"en\" or \"id\""))?;
    Locale::parse(s)
        .ok_or_else(|| Error::option(path, format!("{} is not a locale; expected \"en\" or \"id\"", quote(s))))
}

/// Writes the options table once and expands it twice: the names, which
/// the error for an unknown option lists in every build, and (in tests only)
/// the whole table, from which `src/contracts.rs` writes the TypeScript
/// `ScreenerOptions`. A test checks that [`ScreenerBuilder::options`]
/// accepts every name.
macro_rules! options {
    ($($name:literal: $ts:literal, $js:ident, $doc:literal;)*) => {
        /// The options' JSON names.
        pub(crate) const OPTION_NAMES: &[&str] = &[$($name),*];

        /// `(name, TypeScript type, accepted from JavaScript, doc)`.
        #[cfg(test)]
        pub(crate) const OPTIONS: &[(&str, &str, bool, &str)] = &[$(($name, $ts, $js, $doc)),*];
    };
}

options! {
    "locale": "'en' | 'id'", true, "Language of titles and explanations (default `en`).";
    "verdict": "'full' | 'compact'", true, "What `screen` and `screenMany` return: the full verdict (default) or the compact one, which `explain` turns into the full one.";
    "offsets": "'utf8' | 'utf16'", false, "Unit of evidence offsets (always UTF-16 code units in JavaScript).";
    "maxMemoBytes": "number", true, "Largest memo in UTF-8 bytes (default 4096).";
    "maxTextBytes": "number", true, "Largest id, merchant name or descriptor in UTF-8 bytes (default 1024).";
    "maxBatch": "number", true, "Most transactions one `screenMany` call takes (default 10,000; at most 1,000,000).";
    "maxPackBytes": "number", true, "Largest pack JSON in bytes (default 16 MiB).";
    "maxPackIndicators": "number", true, "Most indicators in a pack (default 10,000).";
    "maxPackTerms": "number", true, "Most terms and allow phrases in a pack (default 1,000,000).";
    "maxConditionDepth": "number", true, "Deepest condition nesting in a pack (default 32).";
    "historyKey": "string", true, "A host secret (16 to 1024 bytes of UTF-8) that keys the hashes of account ids in history states, so a leaked state cannot be reversed by trying ids. Without it a public, documented key is used. Keep it as long as the states: a state is refused under another key.";
}

/// The shortest and longest `historyKey`, in bytes.
const MIN_HISTORY_KEY: usize = 16;
const MAX_HISTORY_KEY: usize = 1024;

/// Options for a [`Screener`]. Setters take and return `&mut self`, so one
/// builder can build many screeners.
#[derive(Clone, Debug)]
pub struct ScreenerBuilder {
    pack: Option<Pack>,
    locale: Locale,
    verdict: VerdictForm,
    offsets: Offsets,
    max_memo_bytes: usize,
    max_text_bytes: usize,
    max_batch: usize,
    pack_limits: PackLimits,
    history_key: Option<Vec<u8>>,
}

impl Default for ScreenerBuilder {
    fn default() -> Self {
        let p = ParseLimits::default();
        ScreenerBuilder {
            pack: None,
            locale: Locale::En,
            verdict: VerdictForm::Full,
            offsets: Offsets::Utf8,
            max_memo_bytes: p.max_memo_bytes,
            max_text_bytes: p.max_text_bytes,
            max_batch: DEFAULT_MAX_BATCH,
            pack_limits: PackLimits::default(),
            history_key: None,
        }
    }
}

impl ScreenerBuilder {
    /// A builder with the defaults: default pack, English, UTF-8 offsets,
    /// 4096-byte memos, 1024-byte other text fields.
    pub fn new() -> ScreenerBuilder {
        ScreenerBuilder::default()
    }

    /// The pack to screen against (default: [`Pack::default_pack`]).
    pub fn pack(&mut self, pack: Pack) -> &mut ScreenerBuilder {
        self.pack = Some(pack);
        self
    }

    /// Loads a pack from JSON text with this builder's pack limits
    /// ([`ScreenerBuilder::pack_limits`]) and uses it.
    #[cfg(feature = "tools")]
    pub fn pack_json(&mut self, json: &str) -> Result<&mut ScreenerBuilder, Error> {
        self.pack = Some(Pack::from_json_with_limits(json, self.pack_limits)?);
        Ok(self)
    }

    /// Loads a signed pack (`npx jejak sign`) checked against `trust`, with
    /// this builder's pack limits, and uses it (see [`crate::signed`]).
    pub fn signed_pack(&mut self, bytes: &[u8], trust: &crate::signed::Trust) -> Result<&mut ScreenerBuilder, Error> {
        self.pack = Some(Pack::from_signed_with_limits(bytes, trust, self.pack_limits)?);
        Ok(self)
    }

    /// The limits [`ScreenerBuilder::pack_json`] loads packs with.
    pub fn pack_limits(&mut self, limits: PackLimits) -> &mut ScreenerBuilder {
        self.pack_limits = limits;
        self
    }

    /// The language of titles and explanations.
    pub fn locale(&mut self, locale: Locale) -> &mut ScreenerBuilder {
        self.locale = locale;
        self
    }

    /// The form of verdict [`Screener::screen_to_json`] writes (and the
    /// JavaScript `screen` returns); default [`VerdictForm::Full`].
    pub fn verdict(&mut self, form: VerdictForm) -> &mut ScreenerBuilder {
        self.verdict = form;
        self
    }

    /// The unit of evidence offsets.
    pub fn offsets(&mut self, offsets: Offsets) -> &mut ScreenerBuilder {
        self.offsets = offsets;
        self
    }

    /// The largest memo accepted, in UTF-8 bytes (default 4096). A longer
    /// memo is a `limit_exceeded` error.
    pub fn max_memo_bytes(&mut self, bytes: usize) -> &mut ScreenerBuilder {
        self.max_memo_bytes = bytes;
        self
    }

    /// The largest id, merchant name or descriptor accepted, in UTF-8 bytes
    /// (default 1024).
    pub fn max_text_bytes(&mut self, bytes: usize) -> &mut ScreenerBuilder {
        self.max_text_bytes = bytes;
        self
    }

    /// The most transactions one batch call takes (default 10,000; at most
    /// 1,000,000). The JavaScript `screenMany` enforces it, since it builds
    /// all results at once; [`Screener::screen_many`] leaves batching to its
    /// Rust caller.
    pub fn max_batch(&mut self, rows: usize) -> &mut ScreenerBuilder {
        self.max_batch = rows;
        self
    }

    /// The secret that keys the hashes of account ids in history states
    /// (16 to 1024 bytes; see [`State`](crate::State)). Without one, a
    /// public documented key is used, and a leaked state's ids can be found
    /// by hashing candidates.
    pub fn history_key(&mut self, key: &[u8]) -> &mut ScreenerBuilder {
        self.history_key = Some(key.to_vec());
        self
    }

    /// Applies options given as a JSON object with camelCase keys:
    /// `locale` (`"en"`, `"id"`), `verdict` (`"full"`, `"compact"`),
    /// `offsets` (`"utf8"`, `"utf16"`),
    /// `maxMemoBytes`, `maxTextBytes`, `maxBatch`, `historyKey` (a string), and the pack limits `maxPackBytes`,
    /// `maxPackIndicators`, `maxPackTerms`, `maxConditionDepth` (used by
    /// [`ScreenerBuilder::pack_json`]). Unknown keys and bad values are
    /// `invalid_option` errors with the key's path; `null` sets nothing.
    ///
    /// ```
    /// use jejak::{Locale, Screener};
    ///
    /// let screener = Screener::builder().options_json(r#"{"locale": "id", "maxMemoBytes": 512}"#)?.build()?;
    /// assert_eq!(screener.locale(), Locale::Id);
    /// assert_eq!(screener.max_memo_bytes(), 512);
    /// # Ok::<(), jejak::Error>(())
    /// ```
    pub fn options_json(&mut self, json: &str) -> Result<&mut ScreenerBuilder, Error> {
        let value = json::parse(json, ErrorKind::InvalidOption, json::Surrogates::Reject)?;
        self.options(&value)
    }

    pub(crate) fn options(&mut self, options: &Value) -> Result<&mut ScreenerBuilder, Error> {
        let map = match options {
            Value::Null => return Ok(self),
            Value::Object(m) => m,
            other => return Err(Error::option("", format!("expected an options object, found {}", other.type_name()))),
        };
        for (key, value) in map.iter() {
            let path = crate::error::join("", key);
            match key {
                "locale" => self.locale = locale_option(value, &path)?,
                "verdict" => {
                    self.verdict = match value.as_str() {
                        Some("full") => VerdictForm::Full,
                        Some("compact") => VerdictForm::Compact,
                        _ => return Err(Error::option(&path, "expected \"full\" or \"compact\"")),
                    }
                }
                "offsets" => {
                    self.offsets = match value.as_str() {
                        Some("utf8") => Offsets::Utf8,
                        Some("utf16") => Offsets::Utf16,
                        _ => return Err(Error::option(&path, "expected \"utf8\" or \"utf16\"")),
                    }
                }
                "maxMemoBytes" | "maxTextBytes" => {
                    let n = whole(value, &path, MAX_LIMIT, "bytes")?;
                    if key == "maxMemoBytes" {
                        self.max_memo_bytes = n;
                    } else {
                        self.max_text_bytes = n;
                    }
                }
                "maxBatch" => self.max_batch = whole(value, &path, MAX_BATCH, "transactions")?,
                "historyKey" => {
                    let key = value.as_str().ok_or_else(|| Error::option(&path, "expected a string"))?;
                    self.history_key = Some(key.as_bytes().to_vec());
                }
                "maxPackBytes" | "maxPackIndicators" | "maxPackTerms" | "maxConditionDepth" => {
                    let n = whole(value, &path, usize::MAX, "")?;
                    let l = self.pack_limits;
                    self.pack_limits = match key {
                        "maxPackBytes" => l.max_bytes(n),
                        "maxPackIndicators" => l.max_indicators(n),
                        "maxPackTerms" => l.max_terms(n),
                        _ => l.max_depth(n),
                    };
                }
                _ => {
                    return Err(Error::option(
                        &path,
                        format!("unknown option {}; known: {}", quote(key), OPTION_NAMES.join(", ")),
                    ))
                }
            }
        }
        Ok(self)
    }

    /// The pack limits [`ScreenerBuilder::pack_json`] applies.
    pub fn get_pack_limits(&self) -> PackLimits {
        self.pack_limits
    }

    /// Builds the screener, checking the limits.
    pub fn build(&self) -> Result<Screener, Error> {
        for (name, v) in [("maxMemoBytes", self.max_memo_bytes), ("maxTextBytes", self.max_text_bytes)] {
            if v == 0 || v > MAX_LIMIT {
                return Err(Error::option(
                    format!("/{name}"),
                    format!("{v} is not a whole number of bytes from 1 to {MAX_LIMIT}"),
                ));
            }
        }
        if self.max_batch == 0 || self.max_batch > MAX_BATCH {
            let v = self.max_batch;
            return Err(Error::option(
                "/maxBatch",
                format!("{v} is not a whole number of transactions from 1 to {MAX_BATCH}"),
            ));
        }
        if let Some(k) = &self.history_key {
            if k.len() < MIN_HISTORY_KEY || k.len() > MAX_HISTORY_KEY {
                return Err(Error::option(
                    "/historyKey",
                    format!(
                        "the key is {} bytes; a history key has {MIN_HISTORY_KEY} to {MAX_HISTORY_KEY} bytes",
                        k.len()
                    ),
                ));
            }
        }
        Ok(Screener {
            pack: match &self.pack {
                Some(pack) => pack.clone(),
                None => Pack::try_default()?,
            },
            hasher: crate::history::Hasher::new(self.history_key.as_deref().unwrap_or(crate::history::DEFAULT_KEY)),
            locale: self.locale,
            verdict: self.verdict,
            offsets: self.offsets,
            limits: ParseLimits { max_memo_bytes: self.max_memo_bytes, max_text_bytes: self.max_text_bytes },
            max_batch: self.max_batch,
            pack_limits: self.pack_limits,
        })
    }
}
