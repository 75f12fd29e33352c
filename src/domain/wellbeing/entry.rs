//! Typing a wellbeing answer one key at a time, so that no answer can be
//! merged with the next: on a 0-5 or 1-5 scale every digit is a whole
//! answer; on ONS4's 0-10 a `1` waits for a `0` (ten), and any other digit
//! after it is the next item's answer.

/// What one typed digit does to an item's answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DigitEntry {
    /// The item's answer is now `text`; `complete` when no digit can follow
    /// (the form moves on to the next item).
    Set {
        /// The answer as it now reads.
        text: String,
        /// Whether the answer is whole.
        complete: bool,
    },
    /// The item keeps the answer it has (a `1` on 0-10); the digit answers
    /// the next item.
    Next(char),
    /// The digit is not an answer on this scale; the sentence says why.
    Refused(String),
}

/// What `c` typed into an item now holding `current` does, on a scale
/// from `min` to `max`.
pub fn digit_entry(current: &str, c: char, (min, max): (u8, u8)) -> DigitEntry {
    let Some(d) = c.to_digit(10).and_then(|d| u8::try_from(d).ok()) else {
        return DigitEntry::Refused(format!("Type a number from {min} to {max}."));
    };
    // Only ten has two digits, and only on a scale that reaches it.
    if current == "1" && max >= 10 {
        return if d == 0 {
            DigitEntry::Set {
                text: "10".into(),
                complete: true,
            }
        } else {
            DigitEntry::Next(c)
        };
    }
    if d < min || d > max {
        return DigitEntry::Refused(format!("Answers go from {min} to {max}."));
    }
    DigitEntry::Set {
        text: d.to_string(),
        complete: !(d == 1 && max >= 10),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(keys: &str, scale: (u8, u8), items: usize) -> Vec<String> {
        let mut answers = vec![String::new(); items];
        let mut at = 0;
        for c in keys.chars() {
            let mut c = c;
            loop {
                match digit_entry(&answers[at], c, scale) {
                    DigitEntry::Set { text, complete } => {
                        answers[at] = text;
                        if complete && at + 1 < items {
                            at += 1;
                        }
                    }
                    DigitEntry::Next(next) if at + 1 < items => {
                        at += 1;
                        c = next;
                        continue;
                    }
                    DigitEntry::Next(_) | DigitEntry::Refused(_) => {}
                }
                break;
            }
        }
        answers
    }

    #[test]
    fn a_zero_is_a_whole_answer_and_never_joins_the_next_digit() {
        assert_eq!(typed("11101", (0, 5), 5), ["1", "1", "1", "0", "1"]);
        assert_eq!(typed("03", (0, 10), 4), ["0", "3", "", ""]);
        assert_eq!(typed("0000", (0, 10), 4), ["0", "0", "0", "0"]);
    }

    #[test]
    fn ten_is_one_then_zero_and_one_then_another_digit_is_two_answers() {
        assert_eq!(typed("10", (0, 10), 4), ["10", "", "", ""]);
        assert_eq!(typed("13", (0, 10), 4), ["1", "3", "", ""]);
        assert_eq!(typed("101010", (0, 10), 4), ["10", "10", "10", ""]);
        assert_eq!(typed("1", (0, 10), 4), ["1", "", "", ""]);
    }

    #[test]
    fn every_value_of_every_scale_is_typed_as_itself() {
        for (min, max) in [(0u8, 5u8), (1, 5), (0, 10)] {
            for v in min..=max {
                let keys = v.to_string();
                let got = typed(&keys, (min, max), 2);
                assert_eq!(got[0], keys, "scale {min}-{max}");
            }
        }
    }

    #[test]
    fn digits_outside_the_scale_are_refused_with_the_scale() {
        assert_eq!(
            digit_entry("", '0', (1, 5)),
            DigitEntry::Refused("Answers go from 1 to 5.".into())
        );
        assert!(matches!(
            digit_entry("", '7', (0, 5)),
            DigitEntry::Refused(_)
        ));
        assert!(matches!(
            digit_entry("", 'x', (0, 5)),
            DigitEntry::Refused(_)
        ));
        // A whole answer is replaced by the next digit typed into it.
        assert_eq!(
            digit_entry("3", '4', (0, 5)),
            DigitEntry::Set {
                text: "4".into(),
                complete: true
            }
        );
    }
}
