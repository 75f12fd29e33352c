//! The fields of each conversation step: what the screen lists, and how a
//! key changes the answer in the focused one.

use super::{ConversationScreen, MAX_GOALS};
use crate::domain::conversation::{
    Answer, Barrier, ConversationStep, FiveWays, LifeAreaAnswer, OnwardService, Preferences,
    SafetyDecision, Weight,
};
use crate::domain::referral::{Consent, Need};
use crate::domain::typed;
use crate::domain::wellbeing::{DigitEntry, Instrument, MeasureDraft, digit_entry};
use crate::ui::widgets::{step_value, wrap};

/// How a field takes keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// Typed text.
    Text,
    /// A box ticked with Space or ←/→.
    Tick(bool),
    /// One of a few values, moved with ←/→ (Space moves on).
    Choice,
    /// A life area: its weight with ←/→, its note typed.
    Area(Weight),
    /// A number answer of a wellbeing item.
    Score,
}

/// One field as the screen shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldView {
    /// What is asked.
    pub label: String,
    /// The answer so far.
    pub value: String,
    /// How it takes keys.
    pub kind: FieldKind,
    /// A note beside the answer (a band, a parsed value).
    pub note: Option<String>,
}

/// A key, as a change to the focused field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Edit {
    Char(char),
    Backspace,
    Clear,
    Cycle(isize),
}

fn text_edit(text: &mut String, edit: Edit) -> bool {
    match edit {
        Edit::Char(c) => text.push(c),
        Edit::Backspace => {
            text.pop();
        }
        Edit::Clear => text.clear(),
        Edit::Cycle(_) => return false,
    }
    true
}

/// Space and y/n on a tick box.
fn tick(edit: Edit, current: bool) -> Option<bool> {
    match edit {
        Edit::Cycle(_) | Edit::Char(' ') => Some(!current),
        Edit::Char('y' | 'Y') => Some(true),
        Edit::Char('n' | 'N') => Some(false),
        _ => None,
    }
}

fn choice_step(edit: Edit) -> Option<isize> {
    match edit {
        Edit::Cycle(s) => Some(s),
        Edit::Char(' ') => Some(1),
        _ => None,
    }
}

const CONSENTS: [Consent; 3] = [Consent::Yes, Consent::No, Consent::NotAsked];

fn field(label: impl Into<String>, value: impl Into<String>, kind: FieldKind) -> FieldView {
    FieldView {
        label: label.into(),
        value: value.into(),
        kind,
        note: None,
    }
}

fn yes_no(b: bool) -> &'static str {
    if b { "yes" } else { "no" }
}

impl ConversationScreen {
    /// How many fields the step has.
    pub fn field_count(&self) -> usize {
        match self.step() {
            ConversationStep::Opening => 3,
            ConversationStep::WhatMatters => 1,
            ConversationStep::LifeAreas => Need::ALL.len(),
            ConversationStep::Strengths => FiveWays::ALL.len(),
            ConversationStep::Barriers => Barrier::ALL.len() + 1,
            ConversationStep::Preferences => 7,
            ConversationStep::Safety => 2 + OnwardService::ALL.len(),
            ConversationStep::Wellbeing => 1 + self.measure.answers.len(),
            ConversationStep::Goals => self.goals.len(),
            ConversationStep::Review => 0,
        }
    }

    /// The practical preferences step's fields.
    fn preference_fields(&self) -> Vec<FieldView> {
        let c = self.conversation();
        let p = &c.preferences;
        let days = typed::days(&self.days).ok().map(|d| {
            d.iter()
                .map(|d| crate::domain::directory::day_name(*d))
                .collect::<Vec<_>>()
                .join(", ")
        });
        let cost = typed::pence(&self.cost).ok().flatten().map(|p| match p {
            0 => "only free things".to_owned(),
            p => format!("up to {} a session", typed::money(p)),
        });
        vec![
            FieldView {
                note: days.filter(|d| !d.is_empty()),
                ..field("Days that suit", &self.days, FieldKind::Text)
            },
            field(
                "Evenings only (busy in the day)",
                yes_no(p.evenings),
                FieldKind::Tick(p.evenings),
            ),
            field(
                "Weekends suit",
                yes_no(p.weekends),
                FieldKind::Tick(p.weekends),
            ),
            FieldView {
                note: cost,
                ..field("Most they can pay", &self.cost, FieldKind::Text)
            },
            field("How far (miles, or any)", &self.miles, FieldKind::Text),
            field("How they travel", &p.travel, FieldKind::Text),
            field(
                "Someone with them at first",
                yes_no(p.accompanied_at_first),
                FieldKind::Tick(p.accompanied_at_first),
            ),
        ]
    }

    /// The step's fields, as shown.
    pub fn fields(&self) -> Vec<FieldView> {
        let c = self.conversation();
        let mut out = match self.step() {
            ConversationStep::Opening => vec![
                field(
                    "Consent to record this conversation",
                    yes_no(c.consent_to_record),
                    FieldKind::Tick(c.consent_to_record),
                ),
                field(
                    "Consent to share with the GP and referrer",
                    c.consent_to_share.label(),
                    FieldKind::Choice,
                ),
                FieldView {
                    note: Some(c.day().format("%a %-d %b %Y").to_string()),
                    ..field("Held on", &self.held, FieldKind::Text)
                },
            ],
            ConversationStep::WhatMatters => {
                vec![field("In their words", &c.what_matters, FieldKind::Text)]
            }
            ConversationStep::LifeAreas => Need::ALL
                .iter()
                .map(|n| {
                    let a = c.life_areas.iter().find(|a| a.area == *n);
                    let weight = a.map_or(Weight::NotAtAll, |a| a.weight);
                    field(
                        n.label(),
                        a.map_or("", |a| a.note.as_str()),
                        FieldKind::Area(weight),
                    )
                })
                .collect(),
            ConversationStep::Strengths => FiveWays::ALL
                .iter()
                .map(|w| {
                    let text = c
                        .strengths
                        .iter()
                        .find(|(x, _)| x == w)
                        .map_or("", |(_, t)| t.as_str());
                    FieldView {
                        note: Some(w.prompt().to_owned()),
                        ..field(w.label(), text, FieldKind::Text)
                    }
                })
                .collect(),
            ConversationStep::Barriers => {
                let mut v: Vec<FieldView> = Barrier::ALL
                    .iter()
                    .map(|b| {
                        let on = c.barriers.contains(b);
                        field(b.label(), "", FieldKind::Tick(on))
                    })
                    .collect();
                v.push(field("Other", &c.other_barriers, FieldKind::Text));
                v
            }
            ConversationStep::Preferences => self.preference_fields(),
            ConversationStep::Safety => {
                let s = c.safety.as_ref();
                let risks = match s {
                    None => "not yet answered",
                    Some(s) if s.risks_identified => "yes, risks identified",
                    Some(_) => "no risks identified",
                };
                let mut v = vec![field("Risks identified", risks, FieldKind::Choice)];
                for o in OnwardService::ALL {
                    let on = s.is_some_and(|s| s.refer_on.contains(&o));
                    v.push(field(
                        format!("Refer on: {}", o.label()),
                        "",
                        FieldKind::Tick(on),
                    ));
                }
                v.push(field(
                    "Decision",
                    s.map_or("", |s| s.decision.as_str()),
                    FieldKind::Text,
                ));
                v
            }
            ConversationStep::Wellbeing => {
                let mut v = vec![field(
                    "Measure",
                    self.measure.instrument.label(),
                    FieldKind::Choice,
                )];
                for (i, item) in self.measure.instrument.items().iter().enumerate() {
                    v.push(FieldView {
                        note: self.measure.item_note(i).map(str::to_owned),
                        ..field(
                            *item,
                            self.measure_text.get(i).cloned().unwrap_or_default(),
                            FieldKind::Score,
                        )
                    });
                }
                v
            }
            ConversationStep::Goals => self
                .goals
                .iter()
                .enumerate()
                .map(|(i, g)| field(format!("Goal {}", i + 1), g, FieldKind::Text))
                .collect(),
            ConversationStep::Review => Vec::new(),
        };
        if let Some((i, problem)) = &self.field_error
            && let Some(f) = out.get_mut(*i)
        {
            f.note = Some(problem.clone());
        }
        out
    }

    /// Applies a key to the focused field.
    pub(super) fn edit(&mut self, edit: Edit) {
        let i = self.focus;
        let c = self.flow.conversation.clone();
        let answer = match self.step() {
            ConversationStep::Opening if i == 0 => {
                tick(edit, c.consent_to_record).map(Answer::ConsentToRecord)
            }
            ConversationStep::Opening if i == 1 => choice_step(edit)
                .map(|s| Answer::ConsentToShare(step_value(&CONSENTS, c.consent_to_share, s))),
            ConversationStep::Opening => {
                if !text_edit(&mut self.held, edit) {
                    return;
                }
                let today = self.today();
                match typed::past_date(&self.held, today) {
                    Ok(d) => {
                        self.field_error = None;
                        Some(Answer::HeldOn(Some(d)))
                    }
                    Err(e) => {
                        self.field_error = Some((i, e.to_string()));
                        None
                    }
                }
            }
            ConversationStep::WhatMatters => {
                let mut text = c.what_matters;
                text_edit(&mut text, edit).then_some(Answer::WhatMatters(text))
            }
            ConversationStep::LifeAreas => {
                let area = Need::ALL[i.min(Need::ALL.len() - 1)];
                let mut a = c
                    .life_areas
                    .iter()
                    .find(|a| a.area == area)
                    .cloned()
                    .unwrap_or(LifeAreaAnswer {
                        area,
                        weight: Weight::NotAtAll,
                        note: String::new(),
                    });
                let changed = match edit {
                    Edit::Cycle(s) => {
                        let at = Weight::ALL.iter().position(|w| *w == a.weight).unwrap_or(0);
                        let to = (at as isize + s).clamp(0, 2) as usize;
                        a.weight = Weight::ALL[to];
                        true
                    }
                    _ => text_edit(&mut a.note, edit),
                };
                changed.then_some(Answer::LifeArea(a))
            }
            ConversationStep::Strengths => {
                let way = FiveWays::ALL[i.min(4)];
                let mut text = c
                    .strengths
                    .iter()
                    .find(|(w, _)| *w == way)
                    .map(|(_, t)| t.clone())
                    .unwrap_or_default();
                text_edit(&mut text, edit).then_some(Answer::Strength(way, text))
            }
            ConversationStep::Barriers if i < Barrier::ALL.len() => {
                let b = Barrier::ALL[i];
                let on = c.barriers.contains(&b);
                tick(edit, on)
                    .filter(|v| *v != on)
                    .map(|_| Answer::ToggleBarrier(b))
            }
            ConversationStep::Barriers => {
                let mut text = c.other_barriers;
                text_edit(&mut text, edit).then_some(Answer::OtherBarriers(text))
            }
            ConversationStep::Preferences => self.edit_preferences(i, edit, c.preferences),
            ConversationStep::Safety => {
                let mut s = c.safety.clone().unwrap_or_default();
                let changed = match i {
                    0 => match (choice_step(edit), &c.safety) {
                        (Some(_), None) => true,
                        (Some(_), Some(_)) => {
                            s.risks_identified = !s.risks_identified;
                            true
                        }
                        (None, _) => false,
                    },
                    n if n <= OnwardService::ALL.len() => {
                        let o = OnwardService::ALL[n - 1];
                        let on = s.refer_on.contains(&o);
                        match tick(edit, on) {
                            Some(v) if v != on => {
                                if v {
                                    s.refer_on.push(o);
                                } else {
                                    s.refer_on.retain(|x| *x != o);
                                }
                                true
                            }
                            _ => false,
                        }
                    }
                    _ => text_edit(&mut s.decision, edit),
                };
                changed.then_some(Answer::Safety(SafetyDecision { ..s }))
            }
            ConversationStep::Wellbeing => {
                self.edit_measure(i, edit);
                None
            }
            ConversationStep::Goals => {
                let Some(g) = self.goals.get_mut(i) else {
                    return;
                };
                if !text_edit(g, edit) {
                    return;
                }
                if self.goals.last().is_some_and(|g| !g.is_empty()) && self.goals.len() < MAX_GOALS
                {
                    self.goals.push(String::new());
                }
                Some(Answer::Goals(self.goals.clone()))
            }
            ConversationStep::Review => None,
        };
        if let Some(a) = answer {
            self.answer(a);
        }
    }

    fn edit_preferences(&mut self, i: usize, edit: Edit, mut p: Preferences) -> Option<Answer> {
        let flip = |b: &mut bool| match tick(edit, *b) {
            Some(v) => {
                *b = v;
                true
            }
            None => false,
        };
        let changed = match i {
            0 => {
                if !text_edit(&mut self.days, edit) {
                    return None;
                }
                match typed::days(&self.days) {
                    Ok(d) => {
                        p.days = d;
                        self.field_error = None;
                        true
                    }
                    Err(e) => {
                        self.field_error = Some((0, e));
                        false
                    }
                }
            }
            1 => flip(&mut p.evenings),
            2 => flip(&mut p.weekends),
            3 => {
                if !text_edit(&mut self.cost, edit) {
                    return None;
                }
                match typed::pence(&self.cost) {
                    Ok(v) => {
                        p.max_cost_pence = v;
                        self.field_error = None;
                        true
                    }
                    Err(e) => {
                        self.field_error = Some((3, e.to_owned()));
                        false
                    }
                }
            }
            4 => {
                if !text_edit(&mut self.miles, edit) {
                    return None;
                }
                let any = matches!(
                    crate::domain::text::fold(self.miles.trim()).as_str(),
                    "any" | "any distance" | "anywhere"
                );
                let miles = if any {
                    Ok(None)
                } else {
                    typed::number(&self.miles, 0, 1000)
                        .map_err(|e| format!("{e}, or \"any\""))
                };
                match miles {
                    Ok(v) => {
                        p.max_travel_miles = v.and_then(|m| u16::try_from(m).ok());
                        p.any_distance = any;
                        self.field_error = None;
                        true
                    }
                    Err(e) => {
                        self.field_error = Some((4, e));
                        false
                    }
                }
            }
            5 => text_edit(&mut p.travel, edit),
            _ => flip(&mut p.accompanied_at_first),
        };
        changed.then_some(Answer::Preferences(p))
    }

    fn edit_measure(&mut self, i: usize, edit: Edit) {
        if i == 0 {
            let Some(step) = choice_step(edit) else {
                return;
            };
            let to = step_value(&Instrument::ALL, self.measure.instrument, step);
            self.measure = MeasureDraft::new(to);
            self.measure_text = vec![String::new(); self.measure.answers.len()];
            self.field_error = None;
            return;
        }
        let item = i - 1;
        let scale = self.measure.instrument.scale();
        let Some(text) = self.measure_text.get_mut(item) else {
            return;
        };
        let mut complete = false;
        match edit {
            // A whole answer moves on, so no answer joins the next one.
            Edit::Char(c) => match digit_entry(text, c, scale) {
                DigitEntry::Set { text: t, complete: whole } => {
                    *text = t;
                    complete = whole;
                }
                DigitEntry::Next(next) => {
                    if self.focus + 1 < self.field_count() {
                        self.focus += 1;
                        self.edit_measure(i + 1, Edit::Char(next));
                    }
                    return;
                }
                DigitEntry::Refused(why) => {
                    self.field_error = Some((i, why));
                    return;
                }
            },
            Edit::Backspace => {
                text.pop();
            }
            Edit::Clear => text.clear(),
            Edit::Cycle(s) => {
                let (min, max) = scale;
                let v = text.parse::<i32>().unwrap_or(i32::from(min) - 1);
                *text = (v + s as i32)
                    .clamp(i32::from(min), i32::from(max))
                    .to_string();
            }
        }
        let value = text.parse::<u8>().ok();
        match self.measure.set(item, value) {
            Ok(()) => self.field_error = None,
            Err(e) => {
                self.field_error = Some((i, e));
                return;
            }
        }
        if complete && self.focus + 1 < self.field_count() {
            self.focus = wrap(self.focus, 1, self.field_count());
        }
    }
}
