//! Exact money: decimal parsing into integer minor units, FX conversion in
//! integers, and locale formatting.
//!
//! Nothing here touches floating point. A JSON number reaches us as its
//! decimal text (serde_json's `arbitrary_precision`), so `0.1` is exactly one
//! tenth and `12345678901234567.89` keeps its last digit.

use crate::codes;
use crate::vocab::Locale;

/// An ISO 4217 alpha-3 currency code known to jejak.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Currency {
    // Field order matters for the derived `Ord`: by code, as ISO lists them.
    code: [u8; 3],
    // Cached: the exponent is read on every amount comparison.
    exponent: u8,
}

/// As its code, e.g. `"IDR"`.
impl serde::Serialize for Currency {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl Currency {
    /// Looks up a currency code (upper case, as ISO 4217 writes it).
    ///
    /// ```
    /// use jejak::Currency;
    /// assert_eq!(Currency::parse("IDR").unwrap().exponent(), 2);
    /// assert_eq!(Currency::parse("JPY").unwrap().exponent(), 0);
    /// assert!(Currency::parse("idr").is_none());
    /// assert!(Currency::parse("ABC").is_none());
    /// ```
    pub fn parse(code: &str) -> Option<Currency> {
        let exponent = codes::currency_exponent(code)?;
        let b = code.as_bytes();
        Some(Currency { code: [b[0], b[1], b[2]], exponent })
    }

    /// The code, e.g. `"AUD"`.
    pub fn as_str(&self) -> &str {
        // The bytes came from a validated ASCII code.
        std::str::from_utf8(&self.code).unwrap_or("???")
    }

    /// The code's three ASCII bytes (as a history state keeps them).
    pub(crate) fn as_bytes(self) -> [u8; 3] {
        self.code
    }

    /// The ISO 4217 minor-unit exponent (2 for AUD, 0 for JPY, 3 for KWD).
    pub fn exponent(&self) -> u8 {
        self.exponent
    }
}

impl std::fmt::Display for Currency {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An ISO 3166-1 alpha-2 country code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Country([u8; 2]);

impl Country {
    /// Looks up an officially assigned alpha-2 code (upper case).
    ///
    /// ```
    /// use jejak::Country;
    /// assert_eq!(Country::parse("PH").unwrap().as_str(), "PH");
    /// assert!(Country::parse("XX").is_none());
    /// ```
    pub fn parse(code: &str) -> Option<Country> {
        if !codes::is_country(code) {
            return None;
        }
        let b = code.as_bytes();
        Some(Country([b[0], b[1]]))
    }

    /// The code, e.g. `"PH"`.
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or("??")
    }

    /// The code's two ASCII bytes (as a history state keeps them).
    pub(crate) fn as_bytes(self) -> [u8; 2] {
        self.0
    }

    /// The code from two bytes; `None` unless they are a code
    /// [`parse`](Country::parse) accepts.
    pub(crate) fn from_bytes(b: [u8; 2]) -> Option<Country> {
        std::str::from_utf8(&b).ok().and_then(Country::parse)
    }
}

impl std::fmt::Display for Country {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why a decimal did not parse; the caller turns it into a message.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum DecimalError {
    NotANumber,
    Negative,
    TooManyDecimals { allowed: u8 },
    TooLarge,
}

impl DecimalError {
    pub(crate) fn describe(&self, text: &str, currency: &str) -> String {
        let q = crate::error::quote(text);
        match self {
            DecimalError::NotANumber => format!("{q} is not a decimal number"),
            DecimalError::Negative => format!("{q} is negative; amounts are never negative"),
            DecimalError::TooManyDecimals { allowed } => {
                format!("{q} has more decimals than {currency} allows ({allowed})")
            }
            DecimalError::TooLarge => {
                format!("{q} is larger than the largest amount supported ({} minor units)", u64::MAX)
            }
        }
    }
}

/// A parsed non-negative decimal: `digits × 10^-scale`, with the digits kept
/// as text so that no precision is lost before we know the target exponent.
struct Decimal<'a> {
    int: &'a str,
    frac: &'a str,
    exp: i64,
}

fn split_decimal(text: &str) -> Result<Decimal<'_>, DecimalError> {
    let (negative, rest) = match text.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let (mantissa, exp) = match rest.split_once(['e', 'E']) {
        Some((mantissa, e)) => {
            let digits = e.strip_prefix(['+', '-']).unwrap_or(e);
            if digits.is_empty() || digits.len() > 6 || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return Err(DecimalError::NotANumber);
            }
            let exp: i64 = e.parse().map_err(|_| DecimalError::NotANumber)?;
            (mantissa, exp)
        }
        None => (rest, 0),
    };
    let (int, frac) = match mantissa.split_once('.') {
        Some((i, f)) => (i, f),
        None => (mantissa, ""),
    };
    if (int.is_empty() && frac.is_empty())
        || !int.bytes().all(|b| b.is_ascii_digit())
        || !frac.bytes().all(|b| b.is_ascii_digit())
        || (mantissa.contains('.') && (int.is_empty() || frac.is_empty()))
    {
        return Err(DecimalError::NotANumber);
    }
    let d = Decimal { int, frac, exp };
    if negative && !d.is_zero() {
        return Err(DecimalError::Negative);
    }
    Ok(d)
}

impl Decimal<'_> {
    fn is_zero(&self) -> bool {
        self.int.bytes().chain(self.frac.bytes()).all(|b| b == b'0')
    }

    /// The value times `10^shift` as an integer, if that is a whole number
    /// that fits in a u128; `Err(true)` if it is not whole, `Err(false)` if it
    /// does not fit.
    fn scaled(&self, shift: i64) -> Result<u128, bool> {
        // All significant digits, and the power of ten they are multiplied by.
        let digits = self.int.bytes().chain(self.frac.bytes());
        let mut power = self.exp + shift - self.frac.len() as i64;
        let mut value: u128 = 0;
        let mut pending: Vec<u8> = Vec::new();
        for b in digits {
            pending.push(b - b'0');
        }
        // Drop trailing zeros first: they only raise the power.
        while pending.len() > 1 && pending.last() == Some(&0) {
            pending.pop();
            power += 1;
        }
        if pending.iter().all(|&d| d == 0) {
            return Ok(0);
        }
        if power < 0 {
            return Err(true);
        }
        for d in pending {
            value = value.checked_mul(10).and_then(|v| v.checked_add(u128::from(d))).ok_or(false)?;
        }
        for _ in 0..power {
            value = value.checked_mul(10).ok_or(false)?;
        }
        Ok(value)
    }
}

/// Parses a major-unit decimal into minor units of a currency with the given
/// exponent. Trailing zeros past the exponent are fine (`"50.000"` AUD is
/// 5000 cents); a non-zero digit past it is an error.
pub(crate) fn parse_minor(text: &str, exponent: u8) -> Result<u64, DecimalError> {
    let d = split_decimal(text)?;
    match d.scaled(i64::from(exponent)) {
        Ok(v) => u64::try_from(v).map_err(|_| DecimalError::TooLarge),
        Err(true) => Err(DecimalError::TooManyDecimals { allowed: exponent }),
        Err(false) => Err(DecimalError::TooLarge),
    }
}

/// A positive rate with at most 18 significant digits: `mantissa × 10^-scale`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Rate {
    mantissa: u128,
    scale: u32,
}

impl Rate {
    #[cfg(feature = "tools")]
    pub(crate) fn parse(text: &str) -> Option<Rate> {
        let d = split_decimal(text).ok()?;
        if d.is_zero() {
            return None;
        }
        // Find the smallest scale that makes the value whole.
        for scale in 0..=36u32 {
            if let Ok(m) = d.scaled(i64::from(scale)) {
                if m >= 1_000_000_000_000_000_000 {
                    return None;
                }
                return Some(Rate { mantissa: m, scale });
            }
        }
        None
    }

    /// The mantissa and scale, as an image stores them.
    pub(crate) fn parts(self) -> (u128, u32) {
        (self.mantissa, self.scale)
    }

    /// A rate from [`parts`](Rate::parts): `None` unless it is one that
    /// [`parse`](Rate::parse) makes (positive, at most 18 digits, the
    /// smallest scale).
    pub(crate) fn from_parts(mantissa: u128, scale: u32) -> Option<Rate> {
        let smallest = scale == 0 || mantissa % 10 != 0;
        (mantissa > 0 && mantissa < 1_000_000_000_000_000_000 && scale <= 36 && smallest)
            .then_some(Rate { mantissa, scale })
    }

    pub(crate) fn is_one(&self) -> bool {
        self.scale == 0 && self.mantissa == 1
    }
}

fn pow10(n: u32) -> Option<u128> {
    10u128.checked_pow(n)
}

/// Converts `minor` units of a currency (exponent `exp_from`, rate
/// `rate_from` to the base) into minor units of another currency, rounding
/// half up. `None` when an intermediate product does not fit in 128 bits.
pub(crate) fn convert(minor: u64, exp_from: u8, rate_from: Rate, exp_to: u8, rate_to: Rate) -> Option<u128> {
    // value_to = minor × m_from × 10^(s_to + e_to) / (m_to × 10^(s_from + e_from))
    let mut num = u128::from(minor).checked_mul(rate_from.mantissa)?;
    let mut den = rate_to.mantissa;
    let up = i64::from(rate_to.scale) + i64::from(exp_to);
    let down = i64::from(rate_from.scale) + i64::from(exp_from);
    let p = up - down;
    if p >= 0 {
        num = num.checked_mul(pow10(u32::try_from(p).ok()?)?)?;
    } else {
        den = den.checked_mul(pow10(u32::try_from(-p).ok()?)?)?;
    }
    if den == 0 {
        return None;
    }
    Some(num / den + u128::from(num % den >= den - den / 2))
}

/// Minor units as a plain major-unit decimal (`5000`, 2 → `50.00`).
pub(crate) fn plain(minor: u128, exponent: u8) -> String {
    let (mut int, frac) = int_and_fraction(minor, exponent);
    if !frac.is_empty() {
        int.push('.');
        int.push_str(&frac);
    }
    int
}

/// The integer and fraction digits of minor units: (5000, 2) gives ("50",
/// "00"), (5, 2) gives ("0", "05"), (7, 0) gives ("7", "").
fn int_and_fraction(minor: u128, exponent: u8) -> (String, String) {
    let exp = usize::from(exponent);
    let mut digits = String::new();
    crate::write::write_u128(&mut digits, minor);
    while digits.len() <= exp {
        digits.insert(0, '0');
    }
    let frac = digits.split_off(digits.len() - exp);
    (digits, frac)
}

/// Formats minor units as a major-unit decimal with the locale's separators:
/// `750,000.00` (en) or `750.000,00` (id).
pub(crate) fn format_minor(minor: u128, exponent: u8, locale: Locale) -> String {
    let (group, point) = match locale {
        Locale::En => (',', '.'),
        Locale::Id => ('.', ','),
    };
    let (int, frac) = int_and_fraction(minor, exponent);
    let mut out = String::with_capacity(int.len() + int.len() / 3 + frac.len() + 1);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(group);
        }
        out.push(c);
    }
    if !frac.is_empty() {
        out.push(point);
        out.push_str(&frac);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_exactly() {
        assert_eq!(parse_minor("50", 2), Ok(5000));
        assert_eq!(parse_minor("0.01", 2), Ok(1));
        assert_eq!(parse_minor("0.1", 2), Ok(10));
        assert_eq!(parse_minor("50.000", 2), Ok(5000));
        assert_eq!(parse_minor("1e3", 2), Ok(100_000));
        assert_eq!(parse_minor("1.5E1", 0), Ok(15));
        assert_eq!(parse_minor("-0", 2), Ok(0));
        assert_eq!(parse_minor("250000", 0), Ok(250_000));
        assert_eq!(parse_minor("184467440737095516.15", 2), Ok(u64::MAX));
    }

    #[test]
    fn rejects() {
        assert_eq!(parse_minor("abc", 2), Err(DecimalError::NotANumber));
        assert_eq!(parse_minor("NaN", 2), Err(DecimalError::NotANumber));
        assert_eq!(parse_minor("Infinity", 2), Err(DecimalError::NotANumber));
        assert_eq!(parse_minor("", 2), Err(DecimalError::NotANumber));
        assert_eq!(parse_minor(".5", 2), Err(DecimalError::NotANumber));
        assert_eq!(parse_minor("5.", 2), Err(DecimalError::NotANumber));
        assert_eq!(parse_minor(" 5", 2), Err(DecimalError::NotANumber));
        assert_eq!(parse_minor("1e", 2), Err(DecimalError::NotANumber));
        assert_eq!(parse_minor("-5", 2), Err(DecimalError::Negative));
        assert_eq!(parse_minor("0.001", 2), Err(DecimalError::TooManyDecimals { allowed: 2 }));
        assert_eq!(parse_minor("1.5", 0), Err(DecimalError::TooManyDecimals { allowed: 0 }));
        assert_eq!(parse_minor("184467440737095516.16", 2), Err(DecimalError::TooLarge));
        assert_eq!(parse_minor("1e999999", 2), Err(DecimalError::TooLarge));
    }

    #[test]
    fn converts_with_rounding() {
        let usd = Rate::parse("1").unwrap();
        let idr = Rate::parse("0.0000628").unwrap();
        let aud = Rate::parse("0.65").unwrap();
        // 750,000.00 IDR in USD cents: 750000 × 0.0000628 = 47.10
        assert_eq!(convert(75_000_000, 2, idr, 2, usd), Some(4710));
        // 500 AUD in IDR minor units: 500 × 0.65 / 0.0000628 = 5,175,159.235... IDR
        assert_eq!(convert(50_000, 2, aud, 2, idr), Some(517_515_924));
        assert_eq!(convert(1, 2, usd, 2, usd), Some(1));
    }

    #[test]
    fn formats_for_locale() {
        assert_eq!(format_minor(75_000_000, 2, Locale::En), "750,000.00");
        assert_eq!(format_minor(75_000_000, 2, Locale::Id), "750.000,00");
        assert_eq!(format_minor(5, 2, Locale::En), "0.05");
        assert_eq!(format_minor(1234, 0, Locale::En), "1,234");
        assert_eq!(format_minor(123, 3, Locale::En), "0.123");
    }
}
