//! ISO code tables: currency minor units (ISO 4217) and country codes
//! (ISO 3166-1 alpha-2), looked up by binary search in sorted static arrays so
//! the wasm module carries no hash map and builds nothing at start-up.
//!
//! Provenance (generated once, then kept by hand; refresh when ISO amends):
//! - Currencies: the ISO 4217 "list one" XML published 2026-01-01, as shipped in
//!   the PyPI package `iso4217` 1.16.20260101 (`iso4217/table.xml`), whose code
//!   set matches `pycountry` 26.2.16 exactly. Codes whose minor unit is "N.A."
//!   (XAU XAG XPD XPT XDR XSU XUA XBA XBB XBC XBD XTS XXX) are left out, so they
//!   answer None like unknown codes. Withdrawn codes (HRK, SLL, ZWL, ANG, CUC,
//!   ...) are not in list one and are not here.
//! - Countries: `pycountry` 26.2.16 (Debian iso-codes), the 249 officially
//!   assigned codes; user-assigned codes such as XK (Kosovo) are not official.
//!
//! The arrays were written by this script:
//!
//! ```text
//! import xml.etree.ElementTree as ET, pycountry
//! t = ET.parse("iso4217/table.xml").getroot()
//! units = {e.findtext("Ccy"): e.findtext("CcyMnrUnts") for e in t.iter("CcyNtry")}
//! units.pop(None, None)  # Antarctica and the like have no currency
//! assert set(units) == {c.alpha_3 for c in pycountry.currencies}
//! for code, unit in sorted(units.items()):
//!     if unit != "N.A.":
//!         print(f'(*b"{code}", {unit}),')
//! for code in sorted(c.alpha_2 for c in pycountry.countries):
//!     print(f'*b"{code}",')
//! ```

/// Active ISO 4217 alpha-3 codes that have a minor unit, sorted, with the
/// number of decimal places of that minor unit. Byte arrays instead of `&str`
/// keep an entry at four bytes.
static CURRENCIES: [([u8; 3], u8); 165] = [
    (*b"AED", 2),
    (*b"AFN", 2),
    (*b"ALL", 2),
    (*b"AMD", 2),
    (*b"AOA", 2),
    (*b"ARS", 2),
    (*b"AUD", 2),
    (*b"AWG", 2),
    (*b"AZN", 2),
    (*b"BAM", 2),
    (*b"BBD", 2),
    (*b"BDT", 2),
    (*b"BHD", 3),
    (*b"BIF", 0),
    (*b"BMD", 2),
    (*b"BND", 2),
    (*b"BOB", 2),
    (*b"BOV", 2),
    (*b"BRL", 2),
    (*b"BSD", 2),
    (*b"BTN", 2),
    (*b"BWP", 2),
    (*b"BYN", 2),
    (*b"BZD", 2),
    (*b"CAD", 2),
    (*b"CDF", 2),
    (*b"CHE", 2),
    (*b"CHF", 2),
    (*b"CHW", 2),
    (*b"CLF", 4),
    (*b"CLP", 0),
    (*b"CNY", 2),
    (*b"COP", 2),
    (*b"COU", 2),
    (*b"CRC", 2),
    (*b"CUP", 2),
    (*b"CVE", 2),
    (*b"CZK", 2),
    (*b"DJF", 0),
    (*b"DKK", 2),
    (*b"DOP", 2),
    (*b"DZD", 2),
    (*b"EGP", 2),
    (*b"ERN", 2),
    (*b"ETB", 2),
    (*b"EUR", 2),
    (*b"FJD", 2),
    (*b"FKP", 2),
    (*b"GBP", 2),
    (*b"GEL", 2),
    (*b"GHS", 2),
    (*b"GIP", 2),
    (*b"GMD", 2),
    (*b"GNF", 0),
    (*b"GTQ", 2),
    (*b"GYD", 2),
    (*b"HKD", 2),
    (*b"HNL", 2),
    (*b"HTG", 2),
    (*b"HUF", 2),
    (*b"IDR", 2),
    (*b"ILS", 2),
    (*b"INR", 2),
    (*b"IQD", 3),
    (*b"IRR", 2),
    (*b"ISK", 0),
    (*b"JMD", 2),
    (*b"JOD", 3),
    (*b"JPY", 0),
    (*b"KES", 2),
    (*b"KGS", 2),
    (*b"KHR", 2),
    (*b"KMF", 0),
    (*b"KPW", 2),
    (*b"KRW", 0),
    (*b"KWD", 3),
    (*b"KYD", 2),
    (*b"KZT", 2),
    (*b"LAK", 2),
    (*b"LBP", 2),
    (*b"LKR", 2),
    (*b"LRD", 2),
    (*b"LSL", 2),
    (*b"LYD", 3),
    (*b"MAD", 2),
    (*b"MDL", 2),
    (*b"MGA", 2),
    (*b"MKD", 2),
    (*b"MMK", 2),
    (*b"MNT", 2),
    (*b"MOP", 2),
    (*b"MRU", 2),
    (*b"MUR", 2),
    (*b"MVR", 2),
    (*b"MWK", 2),
    (*b"MXN", 2),
    (*b"MXV", 2),
    (*b"MYR", 2),
    (*b"MZN", 2),
    (*b"NAD", 2),
    (*b"NGN", 2),
    (*b"NIO", 2),
    (*b"NOK", 2),
    (*b"NPR", 2),
    (*b"NZD", 2),
    (*b"OMR", 3),
    (*b"PAB", 2),
    (*b"PEN", 2),
    (*b"PGK", 2),
    (*b"PHP", 2),
    (*b"PKR", 2),
    (*b"PLN", 2),
    (*b"PYG", 0),
    (*b"QAR", 2),
    (*b"RON", 2),
    (*b"RSD", 2),
    (*b"RUB", 2),
    (*b"RWF", 0),
    (*b"SAR", 2),
    (*b"SBD", 2),
    (*b"SCR", 2),
    (*b"SDG", 2),
    (*b"SEK", 2),
    (*b"SGD", 2),
    (*b"SHP", 2),
    (*b"SLE", 2),
    (*b"SOS", 2),
    (*b"SRD", 2),
    (*b"SSP", 2),
    (*b"STN", 2),
    (*b"SVC", 2),
    (*b"SYP", 2),
    (*b"SZL", 2),
    (*b"THB", 2),
    (*b"TJS", 2),
    (*b"TMT", 2),
    (*b"TND", 3),
    (*b"TOP", 2),
    (*b"TRY", 2),
    (*b"TTD", 2),
    (*b"TWD", 2),
    (*b"TZS", 2),
    (*b"UAH", 2),
    (*b"UGX", 0),
    (*b"USD", 2),
    (*b"USN", 2),
    (*b"UYI", 0),
    (*b"UYU", 2),
    (*b"UYW", 4),
    (*b"UZS", 2),
    (*b"VED", 2),
    (*b"VES", 2),
    (*b"VND", 0),
    (*b"VUV", 0),
    (*b"WST", 2),
    (*b"XAD", 2),
    (*b"XAF", 0),
    (*b"XCD", 2),
    (*b"XCG", 2),
    (*b"XOF", 0),
    (*b"XPF", 0),
    (*b"YER", 2),
    (*b"ZAR", 2),
    (*b"ZMW", 2),
    (*b"ZWG", 2),
];

/// Officially assigned ISO 3166-1 alpha-2 codes, sorted.
static COUNTRIES: [[u8; 2]; 249] = [
    *b"AD", *b"AE", *b"AF", *b"AG", *b"AI", *b"AL", *b"AM", *b"AO", *b"AQ", *b"AR", *b"AS", *b"AT", *b"AU", *b"AW",
    *b"AX", *b"AZ", *b"BA", *b"BB", *b"BD", *b"BE", *b"BF", *b"BG", *b"BH", *b"BI", *b"BJ", *b"BL", *b"BM", *b"BN",
    *b"BO", *b"BQ", *b"BR", *b"BS", *b"BT", *b"BV", *b"BW", *b"BY", *b"BZ", *b"CA", *b"CC", *b"CD", *b"CF", *b"CG",
    *b"CH", *b"CI", *b"CK", *b"CL", *b"CM", *b"CN", *b"CO", *b"CR", *b"CU", *b"CV", *b"CW", *b"CX", *b"CY", *b"CZ",
    *b"DE", *b"DJ", *b"DK", *b"DM", *b"DO", *b"DZ", *b"EC", *b"EE", *b"EG", *b"EH", *b"ER", *b"ES", *b"ET", *b"FI",
    *b"FJ", *b"FK", *b"FM", *b"FO", *b"FR", *b"GA", *b"GB", *b"GD", *b"GE", *b"GF", *b"GG", *b"GH", *b"GI", *b"GL",
    *b"GM", *b"GN", *b"GP", *b"GQ", *b"GR", *b"GS", *b"GT", *b"GU", *b"GW", *b"GY", *b"HK", *b"HM", *b"HN", *b"HR",
    *b"HT", *b"HU", *b"ID", *b"IE", *b"IL", *b"IM", *b"IN", *b"IO", *b"IQ", *b"IR", *b"IS", *b"IT", *b"JE", *b"JM",
    *b"JO", *b"JP", *b"KE", *b"KG", *b"KH", *b"KI", *b"KM", *b"KN", *b"KP", *b"KR", *b"KW", *b"KY", *b"KZ", *b"LA",
    *b"LB", *b"LC", *b"LI", *b"LK", *b"LR", *b"LS", *b"LT", *b"LU", *b"LV", *b"LY", *b"MA", *b"MC", *b"MD", *b"ME",
    *b"MF", *b"MG", *b"MH", *b"MK", *b"ML", *b"MM", *b"MN", *b"MO", *b"MP", *b"MQ", *b"MR", *b"MS", *b"MT", *b"MU",
    *b"MV", *b"MW", *b"MX", *b"MY", *b"MZ", *b"NA", *b"NC", *b"NE", *b"NF", *b"NG", *b"NI", *b"NL", *b"NO", *b"NP",
    *b"NR", *b"NU", *b"NZ", *b"OM", *b"PA", *b"PE", *b"PF", *b"PG", *b"PH", *b"PK", *b"PL", *b"PM", *b"PN", *b"PR",
    *b"PS", *b"PT", *b"PW", *b"PY", *b"QA", *b"RE", *b"RO", *b"RS", *b"RU", *b"RW", *b"SA", *b"SB", *b"SC", *b"SD",
    *b"SE", *b"SG", *b"SH", *b"SI", *b"SJ", *b"SK", *b"SL", *b"SM", *b"SN", *b"SO", *b"SR", *b"SS", *b"ST", *b"SV",
    *b"SX", *b"SY", *b"SZ", *b"TC", *b"TD", *b"TF", *b"TG", *b"TH", *b"TJ", *b"TK", *b"TL", *b"TM", *b"TN", *b"TO",
    *b"TR", *b"TT", *b"TV", *b"TW", *b"TZ", *b"UA", *b"UG", *b"UM", *b"US", *b"UY", *b"UZ", *b"VA", *b"VC", *b"VE",
    *b"VG", *b"VI", *b"VN", *b"VU", *b"WF", *b"WS", *b"YE", *b"YT", *b"ZA", *b"ZM", *b"ZW",
];

/// ISO 4217 minor-unit exponent of an active alpha-3 currency code (uppercase
/// only), e.g. "IDR" -> Some(2), "JPY" -> Some(0), "KWD" -> Some(3), "CLF" ->
/// Some(4). None for unknown codes and for codes without a minor unit (XAU,
/// XAG, XPD, XPT, XDR, XSU, XUA, XBA..XBD, XTS, XXX).
pub(crate) fn currency_exponent(code: &str) -> Option<u8> {
    // Anything not exactly three bytes cannot be a code; the conversion also
    // makes lowercase simply miss, since the table holds uppercase only.
    let key = <[u8; 3]>::try_from(code.as_bytes()).ok()?;
    let i = CURRENCIES.binary_search_by_key(&key, |&(code, _)| code).ok()?;
    CURRENCIES.get(i).map(|&(_, exponent)| exponent)
}

/// Whether `code` is an officially assigned ISO 3166-1 alpha-2 country code
/// (uppercase only; 249 codes; e.g. "ID", "PH", "AU"; "XK" is not official so
/// false).
pub(crate) fn is_country(code: &str) -> bool {
    <[u8; 2]>::try_from(code.as_bytes()).is_ok_and(|key| COUNTRIES.binary_search(&key).is_ok())
}

/// Checks of the examples and of the tables' order and size.
#[cfg(test)]
mod tests {
    use super::*;

    /// Common, zero-, three- and four-decimal codes, and the recent ones.
    #[test]
    fn currency_examples() {
        assert_eq!(currency_exponent("IDR"), Some(2));
        assert_eq!(currency_exponent("USD"), Some(2));
        assert_eq!(currency_exponent("JPY"), Some(0));
        assert_eq!(currency_exponent("KRW"), Some(0));
        assert_eq!(currency_exponent("VND"), Some(0));
        assert_eq!(currency_exponent("KWD"), Some(3));
        assert_eq!(currency_exponent("TND"), Some(3));
        assert_eq!(currency_exponent("CLF"), Some(4));
        assert_eq!(currency_exponent("UYW"), Some(4));
        // Recent replacements and additions.
        for code in ["VES", "VED", "ZWG", "SLE", "STN", "MRU", "XCG", "XAD"] {
            assert_eq!(currency_exponent(code), Some(2), "{code}");
        }
    }

    /// Every exponent other than 2 is one of the known exceptions, and vice versa.
    #[test]
    fn currency_exponents_by_group() {
        let zero = [
            "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI", "VND", "VUV", "XAF",
            "XOF", "XPF",
        ];
        let three = ["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"];
        let four = ["CLF", "UYW"];
        for &(code, exponent) in CURRENCIES.iter() {
            let expected = if zero.iter().any(|z| z.as_bytes() == code) {
                0
            } else if three.iter().any(|t| t.as_bytes() == code) {
                3
            } else if four.iter().any(|f| f.as_bytes() == code) {
                4
            } else {
                2
            };
            assert_eq!(exponent, expected, "{:?}", code);
        }
        assert_eq!(CURRENCIES.len(), 165);
    }

    /// Wrong length, lowercase, withdrawn and unit-less codes all answer None.
    #[test]
    fn currency_rejects_unknown_lowercase_and_unitless() {
        for code in [
            "", "ID", "IDRX", "idr", "Idr", "ABC", "HRK", "SLL", "ZWL", "ANG", "XAU", "XAG", "XPD", "XPT", "XDR",
            "XSU", "XUA", "XBA", "XBB", "XBC", "XBD", "XTS", "XXX",
        ] {
            assert_eq!(currency_exponent(code), None, "{code}");
        }
        // Three bytes, but not three chars: must not panic or match.
        assert_eq!(currency_exponent("\u{e9}A"), None);
    }

    /// Assigned codes match; lowercase, XK, UK, EU and withdrawn AN do not.
    #[test]
    fn country_examples() {
        for code in ["ID", "PH", "AU", "US", "GB", "SS", "BQ", "CW", "SX", "AQ", "ZW"] {
            assert!(is_country(code), "{code}");
        }
        for code in ["XK", "id", "Id", "", "I", "IDN", "UK", "EU", "ZZ", "AN", "\u{e9}"] {
            assert!(!is_country(code), "{code}");
        }
    }

    /// Binary search needs sorted arrays; ISO 3166-1 has 249 codes.
    #[test]
    fn tables_are_sorted_and_complete() {
        assert!(CURRENCIES.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(COUNTRIES.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(COUNTRIES.len(), 249);
        assert!(CURRENCIES.iter().all(|(code, _)| code.iter().all(u8::is_ascii_uppercase)));
        assert!(COUNTRIES.iter().all(|code| code.iter().all(u8::is_ascii_uppercase)));
    }
}
