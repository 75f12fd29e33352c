//! Text folding for matching: lower case, accents and typographic
//! punctuation to plain ASCII (é -> e, – -> -, ’ -> '), since the fuzzy
//! matcher only folds ASCII.

/// Folds `s` for matching.
pub fn fold(s: &str) -> String {
    deunicode::deunicode(s).to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_accents_case_dashes_and_quotes() {
        assert_eq!(fold("Café – “Wójcik’s” ÉCOLE"), "cafe - \"wojcik's\" ecole");
    }
}
