//! The guided conversation on screen: the domain [`Flow`] plus what the
//! worker is typing (fields, focus, half-typed dates and amounts, the
//! wellbeing measure being entered). A pure state machine too:
//! [`ConversationScreen::handle`] takes an event and returns what the app
//! must save; it is tested without a terminal.
//!
//! An answer is saved when it is given: when the worker leaves the field
//! (Tab, Enter, a step move, Esc, or quitting), so closing the app resumes
//! at the same step with every answer given so far.

mod fields;

pub use fields::{FieldKind, FieldView};

use crate::domain::conversation::{
    Conversation, ConversationStep, Difference, Flow, FlowEffect, FlowEvent, differences,
};
use crate::domain::ids::MeasureId;
use crate::domain::wellbeing::{Instrument, MeasureDraft, Scores, WellbeingMeasure};
use chrono::{DateTime, NaiveDate, Utc};

/// What the worker does on the conversation screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConversationEvent {
    /// A character typed into the field.
    Char(char),
    /// Backspace in the field.
    Backspace,
    /// Ctrl-u: the field emptied.
    Clear,
    /// The choice of the field moved (←/→), or a box ticked.
    Cycle(isize),
    /// The next field (the review page: scroll down).
    NextField,
    /// The previous field (the review page: scroll up).
    PrevField,
    /// Enter: the next field, or the next step from the last field.
    Enter,
    /// On to the next step (at the review: finish and build the plan).
    NextStep,
    /// Back one step.
    PrevStep,
    /// Leave this step for now.
    Skip,
    /// Leave the conversation (it resumes here).
    Leave,
}

/// What the app must do after an event.
#[derive(Debug, Clone, PartialEq)]
pub enum ConversationEffect {
    /// Save the conversation as it is when the effect is run
    /// ([`ConversationScreen::conversation`]).
    Save,
    /// Save the wellbeing measure (new when `id` is none); then call
    /// [`ConversationScreen::measure_saved`].
    SaveMeasure {
        /// The measure to correct, if it was saved before.
        id: Option<MeasureId>,
        /// The answers.
        scores: Scores,
    },
    /// The conversation is complete: build the plan from it
    /// ([`ConversationScreen::conversation`]).
    BuildPlan,
    /// Close the conversation screen.
    Leave,
}

/// A message under the step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScreenMessage {
    /// The text.
    pub text: String,
    /// Whether it is a refusal or a problem.
    pub is_error: bool,
}

/// The conversation being held on screen.
#[derive(Debug, Clone)]
pub struct ConversationScreen {
    /// The record and its step.
    pub flow: Flow,
    /// The last finished version, for a review's differences.
    pub previous: Option<Conversation>,
    /// The focused field of the step.
    pub focus: usize,
    /// Scroll of the review page.
    pub scroll: usize,
    /// The last message.
    pub message: Option<ScreenMessage>,
    /// The day it was held, as typed.
    pub held: String,
    /// Days that suit, as typed.
    pub days: String,
    /// The most they can pay, as typed.
    pub cost: String,
    /// How far they travel, as typed.
    pub miles: String,
    /// Goals as typed (always ending with a blank one to add to).
    pub goals: Vec<String>,
    /// The wellbeing measure being entered.
    pub measure: MeasureDraft,
    /// Its answers as typed.
    pub measure_text: Vec<String>,
    /// The measure's id once saved.
    pub measure_id: Option<MeasureId>,
    /// A problem with what is typed in a field: (field, problem).
    pub field_error: Option<(usize, String)>,
    saved_scores: Option<Scores>,
    dirty: bool,
    now: DateTime<Utc>,
}

/// Most goals one conversation notes.
pub const MAX_GOALS: usize = 8;

impl ConversationScreen {
    /// The screen for `flow`; `previous` is the last finished version and
    /// `measures` the case's measures (to show a baseline already taken).
    pub fn new(
        flow: Flow,
        previous: Option<Conversation>,
        measures: &[WellbeingMeasure],
        now: DateTime<Utc>,
    ) -> Self {
        let mut s = Self {
            flow,
            previous,
            focus: 0,
            scroll: 0,
            message: None,
            held: String::new(),
            days: String::new(),
            cost: String::new(),
            miles: String::new(),
            goals: Vec::new(),
            measure: MeasureDraft::new(Instrument::Ons4),
            measure_text: Vec::new(),
            measure_id: None,
            field_error: None,
            saved_scores: None,
            dirty: false,
            now,
        };
        // A review measures with what the case was measured with first,
        // so the two compare (a WHO-5 baseline is not followed by ONS4).
        if let Some(first) = measures
            .iter()
            .filter(|m| m.stands())
            .min_by_key(|m| (m.taken_on, m.id.0))
        {
            s.measure = MeasureDraft::new(first.scores.instrument());
        }
        if let Some(id) = s.flow.conversation.baseline
            && let Some(m) = measures.iter().find(|m| m.id == id)
        {
            s.measure = MeasureDraft::of(&m.scores);
            s.measure_id = Some(id);
            s.saved_scores = Some(m.scores.clone());
        }
        s.load_step();
        s
    }

    /// The record so far.
    pub fn conversation(&self) -> &Conversation {
        &self.flow.conversation
    }

    /// The step on screen.
    pub fn step(&self) -> ConversationStep {
        self.flow.step()
    }

    /// What changed since the last version (a review), else nothing.
    pub fn differences(&self) -> Vec<Difference> {
        self.previous
            .as_ref()
            .map(|p| differences(p, &self.flow.conversation))
            .unwrap_or_default()
    }

    /// Today, by the app's clock.
    pub fn today(&self) -> NaiveDate {
        self.now.date_naive()
    }

    /// The day the conversation was held, and so the day its measure is
    /// taken on.
    pub fn held_on(&self) -> NaiveDate {
        self.conversation().day()
    }

    /// Handles one event.
    pub fn handle(&mut self, event: ConversationEvent) -> Vec<ConversationEffect> {
        self.message = None;
        let fields = self.field_count();
        match event {
            ConversationEvent::Char(c) => {
                self.edit(fields::Edit::Char(c));
                Vec::new()
            }
            ConversationEvent::Backspace => {
                self.edit(fields::Edit::Backspace);
                Vec::new()
            }
            ConversationEvent::Clear => {
                self.edit(fields::Edit::Clear);
                Vec::new()
            }
            ConversationEvent::Cycle(step) => {
                self.edit(fields::Edit::Cycle(step));
                Vec::new()
            }
            ConversationEvent::NextField | ConversationEvent::PrevField if fields == 0 => {
                self.scroll = match event {
                    ConversationEvent::NextField => self.scroll + 1,
                    _ => self.scroll.saturating_sub(1),
                };
                Vec::new()
            }
            ConversationEvent::NextField | ConversationEvent::PrevField => {
                let effects = self.flush();
                let step = if event == ConversationEvent::NextField {
                    1
                } else {
                    -1
                };
                self.focus = crate::ui::widgets::wrap(self.focus, step, self.field_count());
                effects
            }
            ConversationEvent::Enter if self.focus + 1 < fields => {
                self.handle(ConversationEvent::NextField)
            }
            ConversationEvent::Enter | ConversationEvent::NextStep => {
                self.move_step(FlowEvent::Next)
            }
            ConversationEvent::PrevStep => self.move_step(FlowEvent::Back),
            ConversationEvent::Skip => self.move_step(FlowEvent::Skip),
            ConversationEvent::Leave => {
                let mut effects = self.flush();
                effects.push(ConversationEffect::Leave);
                effects
            }
        }
    }

    /// Everything typed and not yet saved, as effects to run (used before
    /// the app quits, too).
    pub fn flush(&mut self) -> Vec<ConversationEffect> {
        let mut effects = Vec::new();
        if self.step() == ConversationStep::Wellbeing
            && let Some(scores) = self.measure.scores()
            && self.saved_scores.as_ref() != Some(&scores)
        {
            effects.push(ConversationEffect::SaveMeasure {
                id: self.measure_id,
                scores,
            });
        }
        if self.dirty {
            self.dirty = false;
            effects.push(ConversationEffect::Save);
        }
        effects
    }

    /// The measure was saved: it becomes the baseline of this
    /// conversation.
    pub fn measure_saved(&mut self, measure: &WellbeingMeasure) -> Vec<ConversationEffect> {
        self.measure_id = Some(measure.id);
        self.saved_scores = Some(measure.scores.clone());
        self.answer(crate::domain::conversation::Answer::Baseline(measure.id));
        self.flush()
    }

    fn move_step(&mut self, event: FlowEvent) -> Vec<ConversationEffect> {
        if event != FlowEvent::Back {
            if let Some((_, problem)) = &self.field_error {
                self.refuse(format!("Put this right first: {problem}."));
                return Vec::new();
            }
            if let Some(why) = self.refusal(event == FlowEvent::Skip) {
                self.refuse(why);
                return Vec::new();
            }
        }
        let mut effects = if event == FlowEvent::Skip {
            self.measure_if_skipped();
            Vec::new()
        } else {
            self.flush()
        };
        let before = self.step();
        for effect in self.flow.handle(event, self.now) {
            match effect {
                FlowEffect::Save => self.dirty = true,
                FlowEffect::BuildPlan => {
                    self.dirty = false;
                    effects.push(ConversationEffect::Save);
                    effects.push(ConversationEffect::BuildPlan);
                }
                FlowEffect::Refused(why) => self.refuse(why.to_owned()),
            }
        }
        effects.extend(self.flush());
        if self.step() != before {
            self.field_error = None;
            self.load_step();
        }
        effects
    }

    /// Why this step cannot be left yet, beyond the flow's own rules.
    fn refusal(&self, skipping: bool) -> Option<String> {
        let step = self.step();
        if skipping {
            return None;
        }
        if step == ConversationStep::Wellbeing {
            let done = self.measure.answered();
            let n = self.measure.answers.len();
            if done > 0 && done < n {
                return Some(format!(
                    "Answer the {} remaining item(s), or skip the measure for now (Ctrl-K).",
                    n - done
                ));
            }
        }
        if step == ConversationStep::Goals && self.conversation().goals.is_empty() {
            return Some(
                "Note at least one goal in the person's words (or skip and come back).".into(),
            );
        }
        None
    }

    fn measure_if_skipped(&mut self) {
        if self.step() == ConversationStep::Wellbeing && self.measure.scores().is_none() {
            self.measure = MeasureDraft::new(self.measure.instrument);
            self.measure_text = vec![String::new(); self.measure.answers.len()];
        }
    }

    fn refuse(&mut self, text: String) {
        self.message = Some(ScreenMessage {
            text,
            is_error: true,
        });
    }

    fn answer(&mut self, answer: crate::domain::conversation::Answer) {
        for effect in self.flow.handle(FlowEvent::Answer(answer), self.now) {
            match effect {
                FlowEffect::Save => self.dirty = true,
                FlowEffect::Refused(why) => self.refuse(why.to_owned()),
                FlowEffect::BuildPlan => {}
            }
        }
    }

    /// Fills the typed buffers of the step from the record.
    fn load_step(&mut self) {
        self.focus = 0;
        self.scroll = 0;
        let c = &self.flow.conversation;
        let p = &c.preferences;
        self.held = c.day().format("%-d/%-m/%Y").to_string();
        self.days = p
            .days
            .iter()
            .map(|d| crate::domain::directory::day_name(*d)[..3].to_owned())
            .collect::<Vec<_>>()
            .join(" ");
        self.cost = p
            .max_cost_pence
            .map(crate::domain::typed::money)
            .unwrap_or_default();
        self.miles = if p.any_distance {
            "any".to_owned()
        } else {
            p.max_travel_miles
                .map(|m| m.to_string())
                .unwrap_or_default()
        };
        self.goals = c.goals.clone();
        self.goals.push(String::new());
        self.measure_text = self
            .measure
            .answers
            .iter()
            .map(|a| a.map(|v| v.to_string()).unwrap_or_default())
            .collect();
    }
}

#[cfg(test)]
mod tests;
