use super::*;
use crate::domain::conversation::{Barrier, Weight};
use crate::domain::ids::CaseId;
use crate::domain::referral::{Consent, Need};
use crate::domain::wellbeing::MeasurePoint;
use ConversationEvent as E;

fn now() -> DateTime<Utc> {
    chrono::DateTime::parse_from_rfc3339("2026-11-22T10:00:00Z")
        .unwrap()
        .with_timezone(&Utc)
}

fn screen() -> ConversationScreen {
    ConversationScreen::new(Flow::start(CaseId(5), None, now()), None, &[], now())
}

fn typed(s: &mut ConversationScreen, text: &str) {
    for c in text.chars() {
        assert!(s.handle(E::Char(c)).is_empty(), "typing saves nothing yet");
    }
}

/// The conversations saved by running `effects` (as the app saves them).
fn saves(effects: &[Saved]) -> Vec<&Conversation> {
    effects
        .iter()
        .filter_map(|e| match e {
            Saved::Conversation(c) => Some(&**c),
            _ => None,
        })
        .collect()
}

/// An effect as the app ran it: a save records the conversation then.
#[derive(Debug, PartialEq)]
enum Saved {
    Conversation(Box<Conversation>),
    Other(ConversationEffect),
}

/// Stands in for the app: runs the effects, "saving" the measure.
fn run(s: &mut ConversationScreen, effects: Vec<ConversationEffect>) -> Vec<Saved> {
    let mut out = Vec::new();
    for e in effects {
        match &e {
            ConversationEffect::SaveMeasure { id, scores } => {
                let m = WellbeingMeasure {
                    completed_by: None,
                    id: id.unwrap_or(MeasureId(900)),
                    case_id: CaseId(5),
                    taken_on: s.today(),
                    point: MeasurePoint::Baseline,
                    scores: scores.clone(),
                    revisions: Vec::new(),
                    struck: None,
                };
                out.push(Saved::Other(e.clone()));
                let more = s.measure_saved(&m);
                out.extend(run(s, more));
            }
            ConversationEffect::Save => {
                out.push(Saved::Conversation(Box::new(s.conversation().clone())))
            }
            _ => out.push(Saved::Other(e)),
        }
    }
    out
}

fn go(s: &mut ConversationScreen, e: ConversationEvent) -> Vec<Saved> {
    let effects = s.handle(e);
    run(s, effects)
}

#[test]
fn opening_needs_consent_then_each_answer_is_saved_when_the_field_is_left() {
    let mut s = screen();
    assert!(go(&mut s, E::NextStep).is_empty());
    assert!(s.message.as_ref().unwrap().is_error);
    assert_eq!(s.step(), ConversationStep::Opening);
    go(&mut s, E::Char(' '));
    assert!(s.conversation().consent_to_record);
    let left = go(&mut s, E::NextField);
    assert_eq!(saves(&left).len(), 1, "leaving the field saves it");
    go(&mut s, E::Cycle(1));
    assert_eq!(s.conversation().consent_to_share, Consent::Yes);
    // The day it was held: today unless changed; a day to come refused.
    go(&mut s, E::Enter);
    assert_eq!(s.focus, 2);
    assert_eq!(s.conversation().day(), s.today());
    go(&mut s, E::Clear);
    typed(&mut s, "+1");
    assert!(s.field_error.is_some(), "a conversation held tomorrow");
    go(&mut s, E::Clear);
    typed(&mut s, "-2");
    assert_eq!(s.field_error, None);
    assert_eq!(s.conversation().day(), s.today() - chrono::Duration::days(2));
    let moved = go(&mut s, E::Enter);
    assert_eq!(s.step(), ConversationStep::WhatMatters);
    let last = saves(&moved).pop().unwrap();
    assert_eq!(last.current_step, ConversationStep::WhatMatters);
    assert_eq!(last.consent_to_share, Consent::Yes);
    typed(&mut s, "My garden, and my grandson");
    let left = go(&mut s, E::Leave);
    assert_eq!(saves(&left)[0].what_matters, "My garden, and my grandson");
    assert_eq!(left.last(), Some(&Saved::Other(ConversationEffect::Leave)));
}

#[test]
fn life_areas_weigh_with_arrows_and_take_a_note() {
    let mut s = screen();
    s.flow.conversation.consent_to_record = true;
    s.flow.conversation.current_step = ConversationStep::LifeAreas;
    s.load_step();
    go(&mut s, E::NextField); // physical wellbeing
    go(&mut s, E::NextField);
    go(&mut s, E::NextField); // loneliness
    go(&mut s, E::Cycle(1));
    go(&mut s, E::Cycle(1));
    go(&mut s, E::Cycle(1));
    typed(&mut s, "since Derek died");
    let effects = go(&mut s, E::NextField);
    let saved = saves(&effects)[0];
    let lonely = saved
        .life_areas
        .iter()
        .find(|a| a.area == Need::Loneliness)
        .unwrap();
    assert_eq!(lonely.weight, Weight::ALot, "clamped at a lot");
    assert_eq!(lonely.note, "since Derek died");
    assert_eq!(s.fields()[3].kind, FieldKind::Area(Weight::ALot));
}

#[test]
fn preferences_are_read_as_typed_and_a_bad_one_holds_the_step() {
    let mut s = screen();
    s.flow.conversation.current_step = ConversationStep::Preferences;
    s.load_step();
    typed(&mut s, "tue blursday");
    assert!(s.fields()[0].note.as_ref().unwrap().contains("blursday"));
    assert!(go(&mut s, E::NextStep).is_empty());
    assert_eq!(s.step(), ConversationStep::Preferences);
    for _ in 0..8 {
        go(&mut s, E::Backspace);
    }
    typed(&mut s, "thu");
    assert_eq!(s.fields()[0].note.as_deref(), Some("Tuesday, Thursday"));
    go(&mut s, E::NextField);
    go(&mut s, E::Char(' ')); // evenings
    go(&mut s, E::NextField);
    go(&mut s, E::NextField);
    typed(&mut s, "£3");
    assert_eq!(s.fields()[3].note.as_deref(), Some("up to £3 a session"));
    let effects = go(&mut s, E::NextStep);
    let p = &saves(&effects).last().unwrap().preferences;
    assert_eq!(p.days, [chrono::Weekday::Tue, chrono::Weekday::Thu]);
    assert!(p.evenings);
    assert_eq!(p.max_cost_pence, Some(300));
    assert_eq!(s.step(), ConversationStep::Safety);
}

#[test]
fn safety_cannot_be_passed_without_an_answer_and_risks_need_a_decision() {
    let mut s = screen();
    s.flow.conversation.current_step = ConversationStep::Safety;
    s.load_step();
    assert_eq!(s.fields()[0].value, "not yet answered");
    for e in [E::NextStep, E::Skip] {
        assert!(go(&mut s, e).is_empty());
        assert_eq!(s.step(), ConversationStep::Safety);
        assert!(
            s.message
                .as_ref()
                .unwrap()
                .text
                .contains("cannot be skipped")
        );
    }
    go(&mut s, E::Cycle(1));
    assert_eq!(s.fields()[0].value, "no risks identified");
    go(&mut s, E::Cycle(1));
    assert_eq!(s.fields()[0].value, "yes, risks identified");
    go(&mut s, E::NextField);
    go(&mut s, E::Char(' ')); // refer on to the mental health team
    let effects = go(&mut s, E::NextStep);
    assert_eq!(saves(&effects).len(), 1, "the answers so far are saved");
    assert_eq!(s.step(), ConversationStep::Safety);
    assert!(
        s.message
            .as_ref()
            .unwrap()
            .text
            .contains("what was decided")
    );
    for _ in 0..4 {
        go(&mut s, E::NextField);
    }
    typed(&mut s, "Agreed to refer to the CMHT today");
    go(&mut s, E::NextStep);
    assert_eq!(s.step(), ConversationStep::Wellbeing);
    let d = s.conversation().safety.clone().unwrap();
    assert!(d.risks_identified);
    assert_eq!(d.refer_on.len(), 1);
}

#[test]
fn the_baseline_scores_as_entered_and_is_saved_once_complete() {
    let mut s = screen();
    s.flow.conversation.current_step = ConversationStep::Wellbeing;
    s.load_step();
    go(&mut s, E::Cycle(1));
    assert_eq!(s.measure.instrument, Instrument::Who5);
    go(&mut s, E::NextField);
    typed(&mut s, "32");
    assert_eq!(s.focus, 3, "one digit answers a 0-5 item and moves on");
    assert_eq!(s.measure.running(), "2 of 5 answered, raw so far 5");
    assert!(go(&mut s, E::NextStep).is_empty(), "half a measure holds");
    typed(&mut s, "9");
    assert!(s.fields()[3].note.as_ref().unwrap().contains("0 to 5"));
    go(&mut s, E::Backspace);
    typed(&mut s, "223");
    assert!(s.measure.running().starts_with("WHO-5 raw 12 of 25 = 48 %"));
    let effects = go(&mut s, E::Enter);
    assert!(matches!(
        effects[0],
        Saved::Other(ConversationEffect::SaveMeasure { id: None, .. })
    ));
    assert_eq!(s.step(), ConversationStep::Goals);
    assert_eq!(
        saves(&effects).last().unwrap().baseline,
        Some(MeasureId(900))
    );
}

#[test]
fn ons4_waits_for_a_second_digit_after_a_one() {
    let mut s = screen();
    s.flow.conversation.current_step = ConversationStep::Wellbeing;
    s.load_step();
    go(&mut s, E::NextField);
    typed(&mut s, "1");
    assert_eq!(s.focus, 1, "a 1 may be a 10");
    typed(&mut s, "0");
    assert_eq!(s.focus, 2);
    assert_eq!(s.fields()[1].note.as_deref(), Some("very high"));
    typed(&mut s, "7");
    assert_eq!(s.focus, 3);
}

#[test]
fn a_zero_answer_never_joins_the_next_one_in_the_baseline() {
    let mut s = screen();
    s.flow.conversation.current_step = ConversationStep::Wellbeing;
    s.load_step();
    go(&mut s, E::Cycle(1));
    assert_eq!(s.measure.instrument, Instrument::Who5);
    go(&mut s, E::NextField);
    typed(&mut s, "11101");
    assert_eq!(s.measure.answers, [Some(1), Some(1), Some(1), Some(0), Some(1)]);
    assert!(s.measure.running().starts_with("WHO-5 raw 4 of 25 = 16 %"));

    let mut s = screen();
    s.flow.conversation.current_step = ConversationStep::Wellbeing;
    s.load_step();
    go(&mut s, E::NextField);
    typed(&mut s, "03101");
    assert_eq!(s.measure.answers, [Some(0), Some(3), Some(10), Some(1)]);
}

#[test]
fn goals_grow_as_typed_and_the_review_builds_the_plan() {
    let mut s = screen();
    s.flow.conversation.consent_to_record = true;
    s.flow.conversation.safety = Some(Default::default());
    s.flow.conversation.current_step = ConversationStep::Goals;
    s.load_step();
    assert!(go(&mut s, E::NextStep).is_empty(), "no goal yet");
    typed(&mut s, "Get to the allotment");
    assert_eq!(s.field_count(), 2, "a blank line to add another");
    go(&mut s, E::NextField);
    typed(&mut s, "Sort the gas bill");
    go(&mut s, E::NextStep);
    assert_eq!(s.step(), ConversationStep::Review);
    assert_eq!(s.conversation().goals.len(), 2);
    go(&mut s, E::NextField);
    assert_eq!(s.scroll, 1, "the review page scrolls");
    let effects = go(&mut s, E::Enter);
    assert_eq!(
        effects.last(),
        Some(&Saved::Other(ConversationEffect::BuildPlan))
    );
    assert!(s.conversation().is_complete());
}

#[test]
fn skipping_keeps_the_step_for_later_and_barriers_tick() {
    let mut s = screen();
    s.flow.conversation.consent_to_record = true;
    s.flow.conversation.current_step = ConversationStep::Barriers;
    s.load_step();
    go(&mut s, E::NextField);
    go(&mut s, E::Char('y'));
    go(&mut s, E::Char('y'));
    assert_eq!(s.conversation().barriers, [Barrier::Cost]);
    let effects = go(&mut s, E::Skip);
    assert_eq!(s.step(), ConversationStep::Preferences);
    let saved = saves(&effects);
    assert_eq!(saved.last().unwrap().skipped, [ConversationStep::Barriers]);
    assert_eq!(saved.last().unwrap().barriers, [Barrier::Cost]);
    go(&mut s, E::PrevStep);
    assert_eq!(s.step(), ConversationStep::Barriers);
}

#[test]
fn a_review_shows_what_changed() {
    let mut first = Flow::start(CaseId(5), None, now()).conversation;
    first.goals = vec!["Walk again".into()];
    first.completed = Some(now());
    let flow = Flow::start(CaseId(5), Some(&first), now());
    let mut s = ConversationScreen::new(flow, Some(first), &[], now());
    assert_eq!(s.conversation().version, 2);
    assert!(s.differences().is_empty());
    s.flow.conversation.current_step = ConversationStep::Goals;
    s.load_step();
    assert_eq!(s.goals, ["Walk again", ""]);
    go(&mut s, E::NextField);
    typed(&mut s, "Join a choir");
    assert_eq!(
        s.differences()
            .iter()
            .map(|d| d.describe())
            .collect::<Vec<_>>(),
        ["New goal: \"Join a choir\""]
    );
}

/// A review measures with the instrument the case began with (a WHO-5
/// baseline is not followed by ONS4), and its step is not called a
/// baseline.
#[test]
fn a_review_measures_as_the_case_began_and_is_no_baseline() {
    use crate::domain::conversation::ConversationStep;
    use crate::domain::wellbeing::{Instrument, Who5};
    let first = Flow::start(CaseId(5), None, now());
    let baseline = WellbeingMeasure {
        completed_by: None,
        id: MeasureId(7),
        case_id: CaseId(5),
        taken_on: now().date_naive(),
        point: MeasurePoint::Baseline,
        scores: Scores::Who5(Who5::new([2, 2, 1, 1, 2]).unwrap()),
        revisions: Vec::new(),
        struck: None,
    };
    let review = Flow::start(CaseId(5), Some(&first.conversation), now());
    let s = ConversationScreen::new(
        review,
        Some(first.conversation.clone()),
        std::slice::from_ref(&baseline),
        now(),
    );
    assert_eq!(s.measure.instrument, Instrument::Who5);
    assert_eq!(ConversationStep::Wellbeing.title_in(2), "Wellbeing again");
    assert_eq!(ConversationStep::Wellbeing.title_in(1), "Wellbeing baseline");
    // A first conversation still starts on ONS4.
    assert_eq!(screen().measure.instrument, Instrument::Ons4);
}
