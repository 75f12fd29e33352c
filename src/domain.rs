//! Pure domain types and rules of link work. Nothing here does IO or knows
//! about the terminal; everything here is unit-tested.

pub mod agenda;
pub mod case;
pub mod caseload;
pub mod contact;
pub mod conversation;
pub mod correction;
pub mod directory;
pub mod discharge;
pub mod edit;
#[cfg(test)]
pub(crate) mod fixtures;
pub mod ids;
pub mod intake;
pub mod ladder;
pub mod limits;
pub mod matching;
pub mod nhs_number;
pub mod person;
pub mod plan;
pub mod postcode;
pub mod reach;
pub mod referral;
pub mod report;
pub mod signature;
pub mod text;
pub mod typed;
pub mod wellbeing;
