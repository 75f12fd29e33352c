//! Putting right what was logged in error, as clinical records do: `C`
//! corrects the selected contact (Contacts tab) or an event of the
//! selected connection (Connections tab), `X` strikes it out; both ask why,
//! and the earlier version stays in the record.

use super::form::{CaseworkForm, Field, FieldValue, FormField, FormPurpose, StrikeTarget};
use super::open::{target_connection, with_none};
use crate::domain::contact::{ContactEntry, ContactMode, ContactPurpose, Reach};
use crate::domain::ids::CaseId;
use crate::domain::ladder::{Connection, EventOutcome, LadderEvent, ReportBack};
use crate::domain::typed;
use crate::domain::wellbeing::{MeasureDraft, WellbeingMeasure};
use crate::store::ContactDraft;
use crate::ui::backend::Casework;
use crate::ui::context::Context;
use crate::ui::screen::{Effects, push};
use crate::ui::screens::case_file::CaseTab;
use chrono::NaiveTime;

fn labels<T>(values: &[T], label: impl Fn(&T) -> &'static str) -> Vec<String> {
    values.iter().map(|v| label(v).to_owned()).collect()
}

fn index_of<T: PartialEq>(values: &[T], v: &T) -> usize {
    values.iter().position(|x| x == v).unwrap_or(0)
}

fn optional_index<T: PartialEq>(values: &[T], v: Option<&T>) -> usize {
    v.and_then(|v| values.iter().position(|x| x == v))
        .map_or(0, |i| i + 1)
}

/// The contact selected on the Contacts tab (newest first, as shown).
pub fn selected_contact(cx: &Context) -> Option<ContactEntry> {
    let cf = cx.case_file.as_ref()?;
    (cf.tab == CaseTab::Contacts)
        .then(|| cf.file.contacts.iter().rev().nth(cf.contact).cloned())
        .flatten()
}

/// One line naming a ladder event, for the choice of which to correct.
fn event_label(e: &LadderEvent) -> String {
    let struck = if e.struck.is_some() { " (struck out)" } else { "" };
    format!(
        "{} · {} {} · {}{struck}",
        e.at.format("%-d %b %Y %H:%M"),
        e.rung.number(),
        e.rung.short(),
        e.outcome.label()
    )
}

/// The form correcting event `index` of `c`, filled in with what it says.
pub(super) fn event_form(c: &Connection, index: usize) -> CaseworkForm {
    let index = index.min(c.events.len().saturating_sub(1));
    let e = &c.events[index];
    let mut form = CaseworkForm::new(
        format!("Put right an event: {}", c.service_name),
        FormPurpose::CorrectEvent {
            connection: Box::new(c.clone()),
        },
        vec![
            FormField::choice(Field::Event, c.events.iter().map(event_label).collect(), index),
            FormField::text(Field::When, typed::show_date_time(e.at)),
            FormField::choice(
                Field::Outcome,
                labels(&EventOutcome::ALL, |o| o.label()),
                index_of(&EventOutcome::ALL, &e.outcome),
            ),
            FormField::text(Field::WhoWent, e.company_as_typed()),
            FormField::choice(
                Field::ReportedBackBy,
                with_none(&ReportBack::ALL, |r| r.label()),
                optional_index(&ReportBack::ALL, e.report_back.as_ref()),
            ),
            FormField::text(Field::Notes, e.notes.clone()),
            FormField::text(Field::Why, ""),
        ],
        "←/→ on Event picks another. The step stays as logged (strike it out with X if it is wrong). What it said before stays in the record.",
    );
    // An event that stepped back up shows its reason, to put right or
    // empty (then it is no longer a step back up, where the ladder allows).
    if let Some(reason) = &e.step_up_reason {
        let at = form.fields.len() - 1;
        form.fields
            .insert(at, FormField::text(Field::StepUpReason, reason.clone()));
    }
    form
}

/// The latest measure that stands, on the Outcomes tab.
fn latest_measure(cx: &Context) -> Option<WellbeingMeasure> {
    let cf = cx.case_file.as_ref()?;
    (cf.tab == CaseTab::Outcomes)
        .then(|| {
            cf.file
                .measures
                .iter()
                .filter(|m| m.stands())
                .max_by_key(|m| (m.taken_on, m.id.0))
                .cloned()
        })
        .flatten()
}

/// The form correcting measure `m`, filled in with its day and answers.
fn measure_form(case: CaseId, m: &WellbeingMeasure) -> CaseworkForm {
    let instrument = m.scores.instrument();
    let mut form = CaseworkForm::measure(case, m.point, instrument, None);
    form.title = format!(
        "Put right the {} of {}",
        instrument.label(),
        m.taken_on.format("%-d %b %Y")
    );
    form.purpose = FormPurpose::CorrectMeasure {
        case,
        measure: m.id,
        instrument,
    };
    form.fields[0] = FormField::choice(Field::Instrument, vec![instrument.label().to_owned()], 0);
    let answers = MeasureDraft::of(&m.scores).answers;
    for f in &mut form.fields {
        match f.key {
            Field::Item(i) => {
                f.value = FieldValue::Text(
                    answers
                        .get(i)
                        .copied()
                        .flatten()
                        .map(|v| v.to_string())
                        .unwrap_or_default(),
                )
            }
            Field::TakenOn => {
                f.value = FieldValue::Text(m.taken_on.format("%-d/%-m/%Y").to_string())
            }
            Field::CompletedBy => {
                if let (Some(by), FieldValue::Choice { index, .. }) = (&m.completed_by, &mut f.value) {
                    *index = by.choice();
                }
            }
            Field::OnBehalfOf => {
                if let Some(crate::domain::wellbeing::CompletedBy::OnBehalf(who)) = &m.completed_by {
                    f.value = FieldValue::Text(who.clone());
                }
            }
            _ => {}
        }
    }
    form.fields.push(FormField::text(Field::Why, ""));
    form.focus = 1;
    form
}

/// `C`: opens the correction of the selected contact or connection event.
pub fn correct(cx: &mut Context) -> Effects {
    if cx.closed_notice() {
        return Vec::new();
    }
    let Some(case) = cx.case_id() else {
        return Vec::new();
    };
    let tab = cx.case_file.as_ref().map(|cf| cf.tab);
    match tab {
        Some(CaseTab::Contacts) => match selected_contact(cx) {
            Some(c) if c.struck.is_some() => {
                cx.notify("That contact is struck out; it is kept as it was.", true);
                Vec::new()
            }
            Some(c) => push(contact_form(case, &c)),
            None => {
                cx.notify("No contact to put right: log one with c.", false);
                Vec::new()
            }
        },
        Some(CaseTab::Outcomes) => match latest_measure(cx) {
            Some(m) => push(measure_form(case, &m)),
            None => {
                cx.notify("No measure to put right: take one with M.", false);
                Vec::new()
            }
        },
        Some(CaseTab::Connections) => match target_connection(cx) {
            Some(c) if !c.events.is_empty() => {
                let last = c.events.iter().rposition(|e| e.struck.is_none()).unwrap_or(0);
                push(event_form(&c, last))
            }
            Some(_) => {
                cx.notify("This connection has no events to put right.", false);
                Vec::new()
            }
            None => Vec::new(),
        },
        _ => {
            cx.notify(
                "C puts right a contact (Contacts tab), a ladder event (Connections tab) or the latest measure (Outcomes tab).",
                false,
            );
            Vec::new()
        }
    }
}

fn contact_form(case: CaseId, c: &ContactEntry) -> CaseworkForm {
    CaseworkForm::new(
        format!("Put right the contact of {}", c.on.format("%-d %b %Y")),
        FormPurpose::CorrectContact {
            case,
            contact: c.id,
        },
        vec![
            FormField::text(Field::When, c.on.format("%-d/%-m/%Y").to_string()),
            FormField::choice(
                Field::ContactMode,
                labels(&ContactMode::ALL, |m| m.label()),
                index_of(&ContactMode::ALL, &c.mode),
            ),
            FormField::choice(
                Field::Reached,
                labels(&Reach::ALL, |r| r.label()),
                index_of(&Reach::ALL, &c.reach),
            ),
            FormField::text(Field::Minutes, c.minutes.to_string()),
            FormField::choice(
                Field::Purpose,
                labels(&ContactPurpose::ALL, |p| p.label()),
                index_of(&ContactPurpose::ALL, &c.purpose),
            ),
            FormField::text(Field::Notes, c.notes.clone()),
            FormField::text(Field::Why, ""),
        ],
        "Change what is wrong and say why; what it said before stays in the record.",
    )
}

/// `X`: opens the strike-out of the selected contact or connection event.
pub fn strike_out(cx: &mut Context) -> Effects {
    if cx.closed_notice() {
        return Vec::new();
    }
    let Some(case) = cx.case_id() else {
        return Vec::new();
    };
    let tab = cx.case_file.as_ref().map(|cf| cf.tab);
    let (target, what) = match tab {
        Some(CaseTab::Contacts) => match selected_contact(cx) {
            Some(c) if c.struck.is_none() => (
                StrikeTarget::Contact(c.id),
                format!("the contact of {}", c.on.format("%-d %b %Y")),
            ),
            _ => {
                cx.notify("No contact to strike out here.", false);
                return Vec::new();
            }
        },
        Some(CaseTab::Connections) => {
            let found = target_connection(cx).and_then(|c| {
                let i = c.events.iter().rposition(|e| e.struck.is_none())?;
                Some((c.id, i, event_label(&c.events[i])))
            });
            match found {
                Some((id, i, label)) => (StrikeTarget::Event(id, i), format!("the event {label}")),
                None => {
                    cx.notify("This connection has no event to strike out.", false);
                    return Vec::new();
                }
            }
        }
        Some(CaseTab::Summary) => {
            let last = cx.case_file.as_ref().and_then(|cf| {
                cf.file
                    .case
                    .status_history
                    .iter()
                    .rfind(|c| c.struck.is_none() && c.from.is_some())
                    .cloned()
            });
            match last {
                Some(c) => (
                    StrikeTarget::StatusMove,
                    format!(
                        "the move to {} of {}",
                        c.to.label(),
                        c.day().format("%-d %b %Y")
                    ),
                ),
                None => {
                    cx.notify("No status move to strike out.", false);
                    return Vec::new();
                }
            }
        }
        Some(CaseTab::Outcomes) => match latest_measure(cx) {
            Some(m) => (
                StrikeTarget::Measure(m.id),
                format!(
                    "the {} of {}",
                    m.scores.instrument().label(),
                    m.taken_on.format("%-d %b %Y")
                ),
            ),
            None => {
                cx.notify("No measure to strike out here.", false);
                return Vec::new();
            }
        },
        _ => {
            cx.notify(
                "X strikes out the last status move (Summary), a contact (Contacts), the latest ladder event (Connections) or measure (Outcomes).",
                false,
            );
            return Vec::new();
        }
    };
    push(CaseworkForm::new(
        format!("Strike out {what}"),
        FormPurpose::StrikeOut { case, target },
        vec![FormField::text(Field::Why, "")],
        "It stays in the record, struck through with the reason, and is no longer counted.",
    ))
}

impl CaseworkForm {
    /// Saves a contact's correction.
    pub(super) fn save_contact_correction(
        &self,
        cx: &Context,
        backend: &dyn Casework,
        case: CaseId,
        contact: crate::domain::ids::ContactId,
    ) -> Result<String, String> {
        let today = cx.clock.today();
        let on = typed::past_date(self.text(Field::When), today).map_err(|e| format!("When: {e}."))?;
        let minutes = typed::number(self.text(Field::Minutes), 1, 600)
            .ok()
            .flatten()
            .ok_or("Minutes: a whole number from 1 to 600.")?;
        let draft = ContactDraft {
            on,
            mode: ContactMode::ALL[self.choice(Field::ContactMode)],
            minutes: u16::try_from(minutes).unwrap_or(600),
            purpose: ContactPurpose::ALL[self.choice(Field::Purpose)],
            notes: self.text(Field::Notes).trim().to_owned(),
            reach: Reach::ALL[self.choice(Field::Reached)],
        };
        backend
            .correct_contact(case, contact, draft, self.text(Field::Why), &cx.worker)
            .map(|_| "Contact put right (its earlier version kept).".to_owned())
            .map_err(|e| e.to_string())
    }

    /// Saves an event's correction.
    pub(super) fn save_event_correction(
        &self,
        cx: &Context,
        backend: &dyn Casework,
        c: &Connection,
    ) -> Result<String, String> {
        let index = self.choice(Field::Event);
        let Some(old) = c.events.get(index) else {
            return Err("That event is no longer there.".into());
        };
        let ten = NaiveTime::from_hms_opt(10, 0, 0).unwrap_or_default();
        let at = typed::past_date_time(self.text(Field::When), cx.clock.today(), ten)
            .map_err(|e| format!("When: {e}."))?;
        let (who_went, report_back) = self.who_went_and_report_back()?;
        let event = LadderEvent {
            at,
            outcome: EventOutcome::ALL[self.choice(Field::Outcome)],
            who_went,
            who_went_as_typed: self.who_went_words(),
            report_back,
            notes: self.text(Field::Notes).trim().to_owned(),
            // Emptied, it is no longer a step back up.
            step_up_reason: if self.has(Field::StepUpReason) {
                Some(self.text(Field::StepUpReason).trim().to_owned()).filter(|r| !r.is_empty())
            } else {
                old.step_up_reason.clone()
            },
            ..old.clone()
        };
        backend
            .correct_event(c.case_id, c.id, index, event, self.text(Field::Why), &cx.worker)
            .map(|_| "Event put right (its earlier version kept).".to_owned())
            .map_err(|e| e.to_string())
    }

    /// Saves a measure's correction.
    pub(super) fn save_measure_correction(
        &self,
        cx: &Context,
        backend: &dyn Casework,
        case: CaseId,
        measure: crate::domain::ids::MeasureId,
    ) -> Result<String, String> {
        let taken_on = typed::past_date(self.text(Field::TakenOn), cx.clock.today())
            .map_err(|e| format!("Taken on: {e}."))?;
        let scores = self
            .measure_draft()
            .and_then(|d| d.scores())
            .ok_or("Answer every item first.")?;
        let completed_by = self.completed_by()?;
        backend
            .correct_measure(
                case,
                measure,
                (taken_on, scores, Some(completed_by)),
                self.text(Field::Why),
                &cx.worker,
            )
            .map(|m| format!("Measure put right: {} (its earlier version kept).", m.scores.summary()))
            .map_err(|e| e.to_string())
    }

    /// Saves a strike-out.
    pub(super) fn save_strike_out(
        &self,
        cx: &Context,
        backend: &dyn Casework,
        case: CaseId,
        target: StrikeTarget,
    ) -> Result<String, String> {
        let why = self.text(Field::Why);
        let result = match target {
            StrikeTarget::Contact(id) => backend.strike_contact(case, id, why, &cx.worker).map(|_| ()),
            StrikeTarget::Event(id, i) => {
                backend.strike_event(case, id, i, why, &cx.worker).map(|_| ())
            }
            StrikeTarget::Measure(id) => backend.strike_measure(case, id, why, &cx.worker).map(|_| ()),
            StrikeTarget::StatusMove => backend.strike_status_move(case, why, &cx.worker).map(|_| ()),
        };
        result
            .map(|()| "Struck out: kept with the reason, not counted.".to_owned())
            .map_err(|e| e.to_string())
    }
}

