//! UK postcodes: normalised form and outward code (district), and roughly
//! where each postcode area is.

mod centres;

pub use centres::{centre, miles_between};

/// Normalises a UK postcode to upper case with one space before the inward
/// code (`m5 4wt` -> `M5 4WT`). Returns `None` when it cannot be a postcode.
pub fn normalise(raw: &str) -> Option<String> {
    let compact: String = raw
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    if !(5..=7).contains(&compact.len()) || !compact.chars().all(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    let (outward, inward) = compact.split_at(compact.len() - 3);
    let inward_ok = {
        let b = inward.as_bytes();
        b[0].is_ascii_digit() && b[1].is_ascii_alphabetic() && b[2].is_ascii_alphabetic()
    };
    let outward_ok = outward.as_bytes()[0].is_ascii_alphabetic();
    (inward_ok && outward_ok).then(|| format!("{outward} {inward}"))
}

/// The outward code (postcode district), e.g. `M30` for `M30 0FN`.
pub fn district(postcode: &str) -> Option<String> {
    normalise(postcode).and_then(|p| p.split(' ').next().map(str::to_owned))
}

/// The postcode area of a postcode or district, upper case: the letters
/// it starts with (`M` for `M30 0FN` and `m6`, `WC` for `WC1B`).
pub fn area(postcode_or_district: &str) -> String {
    postcode_or_district
        .trim()
        .chars()
        .take_while(char::is_ascii_alphabetic)
        .collect::<String>()
        .to_ascii_uppercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_area_is_the_leading_letters() {
        assert_eq!(area("M30 0FN"), "M");
        assert_eq!(area("m6"), "M");
        assert_eq!(area("WC1B"), "WC");
        assert_eq!(area(""), "");
    }

    #[test]
    fn normalises_spacing_and_case() {
        assert_eq!(normalise("m5 4wt").as_deref(), Some("M5 4WT"));
        assert_eq!(normalise("M304FN").as_deref(), Some("M30 4FN"));
        assert_eq!(normalise("  sw1a 1aa ").as_deref(), Some("SW1A 1AA"));
    }

    #[test]
    fn rejects_non_postcodes() {
        for bad in ["", "hello world", "12345", "M5 4W", "M5-4WT", "MMMMMMMM"] {
            assert_eq!(normalise(bad), None, "{bad}");
        }
    }

    #[test]
    fn district_is_outward_code() {
        assert_eq!(district("m30 0fn").as_deref(), Some("M30"));
        assert_eq!(district("nope"), None);
    }
}
