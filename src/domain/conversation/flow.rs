//! The guided conversation as a pure state machine: an event in, the
//! effects out (save the record, build the plan, or a refusal to show).
//! Every answer is saved as it is given, with the step, so a conversation
//! closed half way resumes at the same step with nothing lost.

use super::{
    Barrier, Conversation, ConversationStep, FiveWays, LifeAreaAnswer, Preferences, SafetyDecision,
};
use crate::domain::ids::{CaseId, MeasureId};
use crate::domain::referral::{Consent, Need};
use chrono::{DateTime, NaiveDate, Utc};

/// An answer given at a step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// Consent to record the conversation.
    ConsentToRecord(bool),
    /// Consent to share with the GP and referrer, confirmed or changed.
    ConsentToShare(Consent),
    /// The day it was held (`None`: the day it is recorded).
    HeldOn(Option<NaiveDate>),
    /// What matters, in their words.
    WhatMatters(String),
    /// How much an area weighs, with a note.
    LifeArea(LifeAreaAnswer),
    /// A strength or interest under one of the Five Ways.
    Strength(FiveWays, String),
    /// A barrier ticked or unticked.
    ToggleBarrier(Barrier),
    /// Other barriers in their words.
    OtherBarriers(String),
    /// Practical preferences.
    Preferences(Preferences),
    /// The safety step's recorded decision.
    Safety(SafetyDecision),
    /// The baseline measure just recorded.
    Baseline(MeasureId),
    /// The goals, in their words.
    Goals(Vec<String>),
}

/// What the worker does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FlowEvent {
    /// An answer at the current step.
    Answer(Answer),
    /// On to the next step (at Review: finish and build the plan).
    Next,
    /// Back one step.
    Back,
    /// Leave this step unanswered for now.
    Skip,
}

/// What the caller must do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FlowEffect {
    /// Save the conversation as it now is.
    Save,
    /// The conversation is complete: build the plan from it.
    BuildPlan,
    /// Nothing changed; tell the worker why.
    Refused(&'static str),
}

/// Why the safety step cannot be left.
pub const SAFETY_NEEDS_A_DECISION: &str =
    "The safety step cannot be skipped: record a decision (\"no risks identified\" is one).";
/// Why identified risks cannot be left without saying what happens next.
pub const RISKS_NEED_A_DECISION: &str =
    "Risks were identified: record what was decided (who it goes to, or why not).";
/// Why the conversation cannot start without consent to record.
pub const NEEDS_CONSENT_TO_RECORD: &str =
    "Ask for consent to record the conversation first (or end it here and note why).";
/// Why a finished conversation does not change.
pub const ALREADY_COMPLETE: &str =
    "This conversation is complete; start a review conversation to change it.";

/// A conversation being held.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flow {
    /// The record so far.
    pub conversation: Conversation,
}

impl Flow {
    /// A new conversation for `case`: the first, or a review pre-filled
    /// from `previous` (the last version), starting again at the opening.
    pub fn start(case: CaseId, previous: Option<&Conversation>, now: DateTime<Utc>) -> Self {
        let conversation = match previous {
            Some(p) => Conversation {
                version: p.version + 1,
                started: now,
                held_on: None,
                completed: None,
                current_step: ConversationStep::Opening,
                baseline: None,
                safety: None,
                skipped: Vec::new(),
                ..p.clone()
            },
            None => Conversation {
                case_id: case,
                version: 1,
                started: now,
                held_on: None,
                completed: None,
                current_step: ConversationStep::Opening,
                consent_to_record: false,
                consent_to_share: Consent::NotAsked,
                what_matters: String::new(),
                life_areas: Need::ALL
                    .iter()
                    .map(|&area| LifeAreaAnswer {
                        area,
                        weight: super::Weight::NotAtAll,
                        note: String::new(),
                    })
                    .collect(),
                strengths: Vec::new(),
                barriers: Vec::new(),
                other_barriers: String::new(),
                preferences: Preferences::default(),
                safety: None,
                baseline: None,
                goals: Vec::new(),
                skipped: Vec::new(),
            },
        };
        Self { conversation }
    }

    /// Resumes a saved conversation at its step.
    pub fn resume(conversation: Conversation) -> Self {
        Self { conversation }
    }

    /// The step on screen.
    pub fn step(&self) -> ConversationStep {
        self.conversation.current_step
    }

    /// Handles one event.
    pub fn handle(&mut self, event: FlowEvent, now: DateTime<Utc>) -> Vec<FlowEffect> {
        let c = &mut self.conversation;
        if c.completed.is_some() {
            return vec![FlowEffect::Refused(ALREADY_COMPLETE)];
        }
        let step = c.current_step;
        match event {
            FlowEvent::Answer(answer) => {
                apply(c, answer);
                vec![FlowEffect::Save]
            }
            FlowEvent::Back => match step.previous() {
                Some(prev) => {
                    c.current_step = prev;
                    vec![FlowEffect::Save]
                }
                None => vec![FlowEffect::Refused("This is the first step.")],
            },
            FlowEvent::Next | FlowEvent::Skip => {
                let skipping = event == FlowEvent::Skip;
                if step == ConversationStep::Safety && c.safety.is_none() {
                    return vec![FlowEffect::Refused(SAFETY_NEEDS_A_DECISION)];
                }
                if step == ConversationStep::Safety
                    && c.safety
                        .as_ref()
                        .is_some_and(|s| s.risks_identified && s.decision.trim().is_empty())
                {
                    return vec![FlowEffect::Refused(RISKS_NEED_A_DECISION)];
                }
                if step == ConversationStep::Opening && !c.consent_to_record && !skipping {
                    return vec![FlowEffect::Refused(NEEDS_CONSENT_TO_RECORD)];
                }
                if skipping && step == ConversationStep::Opening {
                    return vec![FlowEffect::Refused(NEEDS_CONSENT_TO_RECORD)];
                }
                if skipping && step == ConversationStep::Review {
                    return vec![FlowEffect::Refused(
                        "The review is the last step: finish it with Next.",
                    )];
                }
                c.skipped.retain(|s| *s != step);
                if skipping {
                    c.skipped.push(step);
                }
                match step.next() {
                    Some(next) => {
                        c.current_step = next;
                        vec![FlowEffect::Save]
                    }
                    None => {
                        c.completed = Some(now);
                        vec![FlowEffect::Save, FlowEffect::BuildPlan]
                    }
                }
            }
        }
    }
}

fn apply(c: &mut Conversation, answer: Answer) {
    match answer {
        Answer::ConsentToRecord(yes) => c.consent_to_record = yes,
        Answer::ConsentToShare(consent) => c.consent_to_share = consent,
        Answer::HeldOn(day) => c.held_on = day.filter(|d| *d != c.started.date_naive()),
        Answer::WhatMatters(text) => c.what_matters = text,
        Answer::LifeArea(a) => match c.life_areas.iter_mut().find(|x| x.area == a.area) {
            Some(x) => *x = a,
            None => c.life_areas.push(a),
        },
        Answer::Strength(way, text) => {
            c.strengths.retain(|(w, _)| *w != way);
            if !text.trim().is_empty() {
                c.strengths.push((way, text));
            }
        }
        Answer::ToggleBarrier(b) => {
            if c.barriers.contains(&b) {
                c.barriers.retain(|x| *x != b);
            } else {
                c.barriers.push(b);
            }
        }
        Answer::OtherBarriers(text) => c.other_barriers = text,
        Answer::Preferences(p) => c.preferences = p,
        Answer::Safety(d) => c.safety = Some(d),
        Answer::Baseline(m) => c.baseline = Some(m),
        Answer::Goals(goals) => {
            c.goals = goals.into_iter().filter(|g| !g.trim().is_empty()).collect();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::conversation::{OnwardService, Weight};

    fn now() -> DateTime<Utc> {
        chrono::DateTime::parse_from_rfc3339("2026-11-22T10:00:00Z")
            .unwrap()
            .with_timezone(&Utc)
    }

    fn flow() -> Flow {
        Flow::start(CaseId(7), None, now())
    }

    fn next(f: &mut Flow) -> Vec<FlowEffect> {
        f.handle(FlowEvent::Next, now())
    }

    fn consent(f: &mut Flow) {
        f.handle(FlowEvent::Answer(Answer::ConsentToRecord(true)), now());
    }

    fn safe(f: &mut Flow) {
        f.handle(
            FlowEvent::Answer(Answer::Safety(SafetyDecision {
                risks_identified: false,
                refer_on: vec![],
                decision: "No risks identified".into(),
            })),
            now(),
        );
    }

    /// Walks to `step` answering what must be answered.
    fn to(f: &mut Flow, step: ConversationStep) {
        while f.step() != step {
            match f.step() {
                ConversationStep::Opening => consent(f),
                ConversationStep::Safety => safe(f),
                _ => {}
            }
            assert_eq!(next(f), [FlowEffect::Save], "leaving {:?}", f.step());
        }
    }

    #[test]
    fn next_and_back_move_one_step_and_save() {
        let mut f = flow();
        assert_eq!(f.step(), ConversationStep::Opening);
        assert_eq!(
            f.handle(FlowEvent::Back, now()),
            [FlowEffect::Refused("This is the first step.")]
        );
        assert_eq!(next(&mut f), [FlowEffect::Refused(NEEDS_CONSENT_TO_RECORD)]);
        consent(&mut f);
        for (i, step) in ConversationStep::ALL.iter().enumerate().skip(1) {
            if f.step() == ConversationStep::Safety {
                safe(&mut f);
            }
            assert_eq!(next(&mut f), [FlowEffect::Save]);
            assert_eq!(f.step(), *step, "step {i}");
            assert_eq!(f.handle(FlowEvent::Back, now()), [FlowEffect::Save]);
            assert_eq!(f.step(), ConversationStep::ALL[i - 1]);
            next(&mut f);
        }
        assert_eq!(f.step(), ConversationStep::Review);
        assert_eq!(next(&mut f), [FlowEffect::Save, FlowEffect::BuildPlan]);
        assert_eq!(f.conversation.completed, Some(now()));
        assert_eq!(next(&mut f), [FlowEffect::Refused(ALREADY_COMPLETE)]);
    }

    #[test]
    fn skip_moves_on_and_remembers_the_step_but_never_past_safety() {
        let mut f = flow();
        assert_eq!(
            f.handle(FlowEvent::Skip, now()),
            [FlowEffect::Refused(NEEDS_CONSENT_TO_RECORD)]
        );
        to(&mut f, ConversationStep::WhatMatters);
        assert_eq!(f.handle(FlowEvent::Skip, now()), [FlowEffect::Save]);
        assert_eq!(f.step(), ConversationStep::LifeAreas);
        assert_eq!(f.conversation.skipped, [ConversationStep::WhatMatters]);
        to(&mut f, ConversationStep::Safety);
        assert_eq!(
            f.handle(FlowEvent::Skip, now()),
            [FlowEffect::Refused(SAFETY_NEEDS_A_DECISION)]
        );
        assert_eq!(next(&mut f), [FlowEffect::Refused(SAFETY_NEEDS_A_DECISION)]);
        assert_eq!(
            f.step(),
            ConversationStep::Safety,
            "still on the safety step"
        );
        let risk_without_decision = SafetyDecision {
            risks_identified: true,
            refer_on: vec![],
            decision: "  ".into(),
        };
        f.handle(
            FlowEvent::Answer(Answer::Safety(risk_without_decision)),
            now(),
        );
        assert_eq!(next(&mut f), [FlowEffect::Refused(RISKS_NEED_A_DECISION)]);
        f.handle(
            FlowEvent::Answer(Answer::Safety(SafetyDecision {
                risks_identified: true,
                refer_on: vec![OnwardService::MentalHealthTeam],
                decision: "Low mood; agreed to refer to the community mental health team".into(),
            })),
            now(),
        );
        assert_eq!(next(&mut f), [FlowEffect::Save]);
        // Going back and answering a skipped step clears it.
        while f.step() != ConversationStep::WhatMatters {
            f.handle(FlowEvent::Back, now());
        }
        f.handle(
            FlowEvent::Answer(Answer::WhatMatters("My garden".into())),
            now(),
        );
        next(&mut f);
        assert!(f.conversation.skipped.is_empty());
        to(&mut f, ConversationStep::Review);
        assert_eq!(f.handle(FlowEvent::Skip, now()).len(), 1);
        assert_eq!(f.step(), ConversationStep::Review);
    }

    #[test]
    fn every_answer_is_saved_as_given() {
        let mut f = flow();
        let answers = [
            Answer::ConsentToShare(Consent::Yes),
            Answer::WhatMatters("Seeing my grandchildren".into()),
            Answer::LifeArea(LifeAreaAnswer {
                area: Need::Loneliness,
                weight: Weight::ALot,
                note: "Evenings are long".into(),
            }),
            Answer::Strength(FiveWays::BeActive, "Used to walk a lot".into()),
            Answer::ToggleBarrier(Barrier::Anxiety),
            Answer::OtherBarriers("Dog at home".into()),
            Answer::Goals(vec!["Get out twice a week".into(), " ".into()]),
        ];
        for a in answers {
            assert_eq!(f.handle(FlowEvent::Answer(a), now()), [FlowEffect::Save]);
        }
        let c = &f.conversation;
        assert_eq!(c.consent_to_share, Consent::Yes);
        assert_eq!(c.heavy_areas().collect::<Vec<_>>(), [Need::Loneliness]);
        assert_eq!(c.barriers, [Barrier::Anxiety]);
        assert_eq!(c.goals, ["Get out twice a week"]);
        f.handle(
            FlowEvent::Answer(Answer::ToggleBarrier(Barrier::Anxiety)),
            now(),
        );
        assert!(f.conversation.barriers.is_empty(), "a second tick unticks");
    }

    #[test]
    fn a_conversation_resumes_at_the_same_step_from_every_step() {
        for step in ConversationStep::ALL {
            let mut f = flow();
            f.handle(
                FlowEvent::Answer(Answer::WhatMatters("My garden".into())),
                now(),
            );
            to(&mut f, step);
            // What the store keeps, and reads back after a restart.
            let saved = serde_json::to_string(&f.conversation).unwrap();
            let back = Flow::resume(serde_json::from_str(&saved).unwrap());
            assert_eq!(back, f, "{step:?}");
            assert_eq!(back.step(), step);
            assert_eq!(back.conversation.what_matters, "My garden");
        }
    }

    #[test]
    fn a_review_starts_from_the_last_conversation() {
        let mut f = flow();
        consent(&mut f);
        f.handle(
            FlowEvent::Answer(Answer::WhatMatters("My garden".into())),
            now(),
        );
        f.handle(
            FlowEvent::Answer(Answer::ToggleBarrier(Barrier::Cost)),
            now(),
        );
        to(&mut f, ConversationStep::Review);
        next(&mut f);
        let first = f.conversation.clone();
        let later = now() + chrono::Duration::weeks(6);
        let review = Flow::start(CaseId(7), Some(&first), later);
        let c = &review.conversation;
        assert_eq!((c.version, c.started, c.completed), (2, later, None));
        assert_eq!(c.current_step, ConversationStep::Opening);
        assert_eq!(c.what_matters, "My garden", "pre-filled");
        assert_eq!(c.barriers, [Barrier::Cost]);
        assert!(c.safety.is_none(), "safety is asked afresh");
        assert!(c.baseline.is_none(), "a new measure is taken");
    }
}
