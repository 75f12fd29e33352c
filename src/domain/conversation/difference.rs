//! What changed between two versions of a conversation, for the review.

use super::{Barrier, Conversation, OnwardService, Weight};
use crate::domain::referral::Need;

/// One change since the last conversation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Difference {
    /// What matters was put differently.
    WhatMatters {
        /// Before.
        was: String,
        /// Now.
        now: String,
    },
    /// A life area weighs differently.
    LifeArea {
        /// The area.
        area: Need,
        /// Before.
        was: Weight,
        /// Now.
        now: Weight,
    },
    /// A barrier was ticked.
    BarrierAdded(Barrier),
    /// A barrier was unticked.
    BarrierGone(Barrier),
    /// A goal was added.
    GoalAdded(String),
    /// A goal was dropped.
    GoalGone(String),
    /// The practical preferences changed.
    Preferences,
    /// Consent to share changed.
    Consent,
    /// The safety step's answer changed: risks identified then, none now,
    /// or the other way round (`None`: the step was not reached).
    Risks {
        /// Before.
        was: Option<bool>,
        /// Now.
        now: Option<bool>,
    },
    /// The person is now referred on to a service.
    ReferredOn(OnwardService),
    /// A referral on from the safety step is no longer there.
    NoLongerReferredOn(OnwardService),
    /// The safety step's recorded reasoning changed.
    SafetyDecision,
}

impl Difference {
    /// The change in a short sentence.
    pub fn describe(&self) -> String {
        match self {
            Self::WhatMatters { was, now } => {
                format!(
                    "What matters: was \"{}\", now \"{}\"",
                    was.trim(),
                    now.trim()
                )
            }
            Self::LifeArea { area, was, now } => format!(
                "{}: weighed {}, now {}",
                area.label(),
                was.label(),
                now.label()
            ),
            Self::BarrierAdded(b) => format!("New barrier: {}", b.label().to_lowercase()),
            Self::BarrierGone(b) => format!("No longer a barrier: {}", b.label().to_lowercase()),
            Self::GoalAdded(g) => format!("New goal: \"{g}\""),
            Self::GoalGone(g) => format!("Goal dropped: \"{g}\""),
            Self::Preferences => "The practical preferences changed".into(),
            Self::Consent => "Consent to share changed".into(),
            Self::Risks { was, now } => {
                let said = |r: &Option<bool>| match r {
                    Some(true) => "risks identified",
                    Some(false) => "no risks identified",
                    None => "not answered",
                };
                format!("Safety: was {}, now {}", said(was), said(now))
            }
            Self::ReferredOn(s) => format!("Now referred on to {}", s.label().to_lowercase()),
            Self::NoLongerReferredOn(s) => {
                format!("No longer referred on to {}", s.label().to_lowercase())
            }
            Self::SafetyDecision => "The safety decision's reasoning changed".into(),
        }
    }
}

/// The changes from `old` to `new`, in the order of the conversation.
pub fn differences(old: &Conversation, new: &Conversation) -> Vec<Difference> {
    let mut out = Vec::new();
    if old.consent_to_share != new.consent_to_share {
        out.push(Difference::Consent);
    }
    safety(old, new, &mut out);
    if old.what_matters.trim() != new.what_matters.trim() {
        out.push(Difference::WhatMatters {
            was: old.what_matters.clone(),
            now: new.what_matters.clone(),
        });
    }
    let weight = |c: &Conversation, area: Need| {
        c.life_areas
            .iter()
            .find(|a| a.area == area)
            .map_or(Weight::NotAtAll, |a| a.weight)
    };
    for area in Need::ALL {
        let (was, now) = (weight(old, area), weight(new, area));
        if was != now {
            out.push(Difference::LifeArea { area, was, now });
        }
    }
    for b in &new.barriers {
        if !old.barriers.contains(b) {
            out.push(Difference::BarrierAdded(*b));
        }
    }
    for b in &old.barriers {
        if !new.barriers.contains(b) {
            out.push(Difference::BarrierGone(*b));
        }
    }
    if old.preferences != new.preferences {
        out.push(Difference::Preferences);
    }
    for g in &new.goals {
        if !old.goals.contains(g) {
            out.push(Difference::GoalAdded(g.clone()));
        }
    }
    for g in &old.goals {
        if !new.goals.contains(g) {
            out.push(Difference::GoalGone(g.clone()));
        }
    }
    out
}

/// The safety step's changes, once the review has answered it (a review
/// asks it afresh): whether risks were identified (either way), each
/// referral on added or gone, and the reasoning.
fn safety(old: &Conversation, new: &Conversation, out: &mut Vec<Difference>) {
    let (was, now) = (old.safety.as_ref(), new.safety.as_ref());
    if now.is_none() {
        return;
    }
    let risks = |s: Option<&super::SafetyDecision>| s.map(|s| s.risks_identified);
    if risks(was) != risks(now) {
        out.push(Difference::Risks {
            was: risks(was),
            now: risks(now),
        });
    }
    let on = |s: Option<&super::SafetyDecision>| s.map(|s| s.refer_on.clone()).unwrap_or_default();
    let (on_was, on_now) = (on(was), on(now));
    for s in &on_now {
        if !on_was.contains(s) {
            out.push(Difference::ReferredOn(*s));
        }
    }
    for s in &on_was {
        if !on_now.contains(s) {
            out.push(Difference::NoLongerReferredOn(*s));
        }
    }
    let reasoning = |s: Option<&super::SafetyDecision>| {
        s.map(|s| s.decision.trim().to_owned()).unwrap_or_default()
    };
    if was.is_some() && reasoning(was) != reasoning(now) {
        out.push(Difference::SafetyDecision);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::conversation::{Answer, Flow, FlowEvent, LifeAreaAnswer};
    use crate::domain::ids::CaseId;

    #[test]
    fn a_review_shows_what_changed() {
        let now = crate::domain::fixtures::noon();
        let mut first = Flow::start(CaseId(1), None, now);
        for a in [
            Answer::WhatMatters("My garden".into()),
            Answer::ToggleBarrier(Barrier::Cost),
            Answer::ToggleBarrier(Barrier::Anxiety),
            Answer::Goals(vec!["Join a walking group".into()]),
            Answer::LifeArea(LifeAreaAnswer {
                area: Need::Loneliness,
                weight: Weight::ALot,
                note: String::new(),
            }),
        ] {
            first.handle(FlowEvent::Answer(a), now);
        }
        let mut review = Flow::start(CaseId(1), Some(&first.conversation), now);
        assert!(differences(&first.conversation, &review.conversation).is_empty());
        for a in [
            Answer::ToggleBarrier(Barrier::Anxiety),
            Answer::Goals(vec![
                "Join a walking group".into(),
                "Volunteer at the food bank".into(),
            ]),
            Answer::LifeArea(LifeAreaAnswer {
                area: Need::Loneliness,
                weight: Weight::ALittle,
                note: "Better since the walks".into(),
            }),
        ] {
            review.handle(FlowEvent::Answer(a), now);
        }
        assert_eq!(
            differences(&first.conversation, &review.conversation),
            [
                Difference::LifeArea {
                    area: Need::Loneliness,
                    was: Weight::ALot,
                    now: Weight::ALittle
                },
                Difference::BarrierGone(Barrier::Anxiety),
                Difference::GoalAdded("Volunteer at the food bank".into()),
            ]
        );
    }

    #[test]
    fn a_review_shows_risks_no_longer_identified() {
        use crate::domain::conversation::SafetyDecision;
        let now = crate::domain::fixtures::noon();
        let first = Flow::start(CaseId(1), None, now);
        let mut was = first.conversation.clone();
        was.safety = Some(SafetyDecision {
            risks_identified: true,
            refer_on: vec![OnwardService::SocialCare],
            decision: "Falls at home; OT assessment asked for.".into(),
        });
        let mut now_ = was.clone();
        now_.safety = Some(SafetyDecision {
            risks_identified: false,
            refer_on: vec![],
            decision: "Falls at home; OT assessment asked for.".into(),
        });
        let said: Vec<String> = differences(&was, &now_)
            .iter()
            .map(Difference::describe)
            .collect();
        assert_eq!(
            said,
            [
                "Safety: was risks identified, now no risks identified",
                "No longer referred on to adult social care",
            ]
        );
        assert_eq!(
            differences(&now_, &was)[0].describe(),
            "Safety: was no risks identified, now risks identified"
        );
    }
}
