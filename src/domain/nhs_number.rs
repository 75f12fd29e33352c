//! NHS numbers: ten digits, the last a Modulus 11 check digit.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;
use thiserror::Error;

/// A validated NHS number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NhsNumber([u8; 10]);

/// Why a string is not a valid NHS number.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum NhsNumberError {
    /// Not ten digits long (spaces and hyphens are ignored).
    #[error("an NHS number has 10 digits; this has {0}")]
    WrongLength(usize),
    /// Contains something other than digits, spaces or hyphens.
    #[error("an NHS number has only digits")]
    NotDigits,
    /// The Modulus 11 check comes out as 10, which no valid number has.
    #[error("this is not a valid NHS number (its check digit would be 10)")]
    CheckDigitTen,
    /// The last digit does not match the Modulus 11 check.
    #[error("the check digit does not match; please check the number")]
    BadCheckDigit,
}

impl NhsNumber {
    /// Computes the Modulus 11 check digit for the first nine digits, or
    /// `None` when it would be 10 (such numbers are never issued).
    pub fn check_digit(first_nine: &[u8; 9]) -> Option<u8> {
        let sum: u32 = first_nine
            .iter()
            .zip((2..=10u32).rev())
            .map(|(&d, w)| u32::from(d) * w)
            .sum();
        match 11 - (sum % 11) {
            11 => Some(0),
            10 => None,
            c => Some(c as u8),
        }
    }

    /// Builds a valid number from nine digits by appending the check digit.
    pub fn from_first_nine(first_nine: [u8; 9]) -> Option<Self> {
        let check = Self::check_digit(&first_nine)?;
        let mut digits = [0u8; 10];
        digits[..9].copy_from_slice(&first_nine);
        digits[9] = check;
        Some(Self(digits))
    }

    /// The ten digits with no spaces, as GP systems exchange them.
    pub fn digits(&self) -> String {
        self.0.iter().map(|d| char::from(b'0' + d)).collect()
    }
}

impl FromStr for NhsNumber {
    type Err = NhsNumberError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let mut digits = Vec::with_capacity(10);
        for c in s.trim().chars() {
            match c {
                ' ' | '-' => {}
                '0'..='9' => digits.push(c as u8 - b'0'),
                _ => return Err(NhsNumberError::NotDigits),
            }
        }
        if digits.len() != 10 {
            return Err(NhsNumberError::WrongLength(digits.len()));
        }
        let mut first_nine = [0u8; 9];
        first_nine.copy_from_slice(&digits[..9]);
        match Self::check_digit(&first_nine) {
            None => Err(NhsNumberError::CheckDigitTen),
            Some(c) if c != digits[9] => Err(NhsNumberError::BadCheckDigit),
            Some(_) => {
                let mut all = [0u8; 10];
                all.copy_from_slice(&digits);
                Ok(Self(all))
            }
        }
    }
}

impl fmt::Display for NhsNumber {
    /// Formats as `943 476 5919`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.digits();
        write!(f, "{} {} {}", &d[..3], &d[3..6], &d[6..])
    }
}

impl Serialize for NhsNumber {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.digits())
    }
}

impl<'de> Deserialize<'de> for NhsNumber {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_valid_numbers_in_any_spacing() {
        for s in ["9434765919", "943 476 5919", "943-476-5919", " 4010232137 "] {
            assert!(s.parse::<NhsNumber>().is_ok(), "{s}");
        }
        let n: NhsNumber = "9434765919".parse().unwrap();
        assert_eq!(n.to_string(), "943 476 5919");
        assert_eq!(n.digits(), "9434765919");
    }

    #[test]
    fn check_digit_zero_when_remainder_is_zero() {
        // 401 023 213 -> sum 4*10+0+1*8+0+2*6+3*5+2*4+1*3+3*2 = 92; 92 % 11 = 4 -> 7
        assert_eq!(
            NhsNumber::check_digit(&[4, 0, 1, 0, 2, 3, 2, 1, 3]),
            Some(7)
        );
        // A number whose weighted sum is a multiple of 11 gets check digit 0.
        let n = NhsNumber::from_first_nine([0, 0, 0, 0, 0, 0, 0, 1, 1]).unwrap();
        // 1*3 + 1*2 = 5 -> 11 - 5 = 6
        assert_eq!(n.digits(), "0000000116");
        let zero = NhsNumber::from_first_nine([0; 9]).unwrap();
        assert_eq!(zero.digits(), "0000000000");
    }

    #[test]
    fn rejects_wrong_length() {
        assert_eq!(
            "943476591".parse::<NhsNumber>(),
            Err(NhsNumberError::WrongLength(9))
        );
        assert_eq!(
            "94347659190".parse::<NhsNumber>(),
            Err(NhsNumberError::WrongLength(11))
        );
        assert_eq!("".parse::<NhsNumber>(), Err(NhsNumberError::WrongLength(0)));
    }

    #[test]
    fn rejects_letters() {
        assert_eq!(
            "943476591A".parse::<NhsNumber>(),
            Err(NhsNumberError::NotDigits)
        );
        assert_eq!("ABC".parse::<NhsNumber>(), Err(NhsNumberError::NotDigits));
    }

    #[test]
    fn rejects_bad_check_digit() {
        assert_eq!(
            "9434765918".parse::<NhsNumber>(),
            Err(NhsNumberError::BadCheckDigit)
        );
        assert_eq!(
            "9434765910".parse::<NhsNumber>(),
            Err(NhsNumberError::BadCheckDigit)
        );
    }

    #[test]
    fn rejects_check_digit_ten() {
        // 1*10 + 0... + 1*... find nine digits whose check would be 10.
        let first_nine = (0..1000u32)
            .map(|i| {
                let mut d = [1u8; 9];
                d[6] = (i / 100 % 10) as u8;
                d[7] = (i / 10 % 10) as u8;
                d[8] = (i % 10) as u8;
                d
            })
            .find(|d| NhsNumber::check_digit(d).is_none())
            .expect("some prefix has check digit 10");
        for last in 0..10u8 {
            let s: String = first_nine
                .iter()
                .chain(std::iter::once(&last))
                .map(|d| char::from(b'0' + d))
                .collect();
            assert_eq!(
                s.parse::<NhsNumber>(),
                Err(NhsNumberError::CheckDigitTen),
                "{s}"
            );
        }
    }

    #[test]
    fn serde_round_trip_validates() {
        let n: NhsNumber = "9434765919".parse().unwrap();
        let json = serde_json::to_string(&n).unwrap();
        assert_eq!(json, "\"9434765919\"");
        assert_eq!(serde_json::from_str::<NhsNumber>(&json).unwrap(), n);
        assert!(serde_json::from_str::<NhsNumber>("\"9434765918\"").is_err());
    }
}
