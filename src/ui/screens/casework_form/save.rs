//! Saving a casework form through the store: each purpose reads its own
//! named fields, refuses with a sentence in the form, or saves and closes.

use super::open::{next_step_form, usual_instrument};
use super::{CaseworkForm, Field, FormPurpose};
use crate::domain::discharge::{Discharge, DischargeReason};
use crate::domain::ids::{CaseId, ConnectionId};
use crate::domain::ladder::{
    ConnectionEndReason, EventOutcome, LadderEvent, Rung, VisitPlan,
};
use crate::domain::typed;
use crate::domain::wellbeing::MeasurePoint;
use crate::ui::backend::Casework;
use crate::ui::context::Context;
use crate::ui::screen::{Effect, Effects};
use chrono::{NaiveDate, NaiveTime};

/// What a save came to: done (with the notice), refused (with the reason
/// shown in the form), or another screen in this one's place.
enum Saved {
    Done(String),
    Refused(String),
    Then(Effects),
}

fn ten() -> NaiveTime {
    NaiveTime::from_hms_opt(10, 0, 0).unwrap_or_default()
}

/// A day that has happened, typed into the field called `label`.
fn past_day(text: &str, today: NaiveDate, label: &str) -> Result<NaiveDate, String> {
    typed::past_date(text, today).map_err(|e| format!("{label}: {e}."))
}

fn put_right(result: Result<String, String>) -> Saved {
    match result {
        Ok(done) => Saved::Done(done),
        Err(why) => Saved::Refused(why),
    }
}

fn stored<T>(result: Result<T, crate::store::StoreError>, done: impl FnOnce(T) -> String) -> Saved {
    match result {
        Ok(v) => Saved::Done(done(v)),
        Err(e) => Saved::Refused(e.to_string()),
    }
}

impl CaseworkForm {
    /// Saves the form: on success it closes (or gives way to the next
    /// form) and the case file reloads; a refusal stays in the form.
    pub(super) fn save(&mut self, cx: &mut Context) -> Effects {
        let Some(backend) = cx.backend() else {
            return Vec::new();
        };
        let b = backend.as_ref();
        let saved = match self.purpose.clone() {
            FormPurpose::LadderEvent {
                case,
                connection,
                rung,
                ..
            } => self.save_event(cx, b, case, connection, rung),
            FormPurpose::NextStep { case, connection } => self.save_next_step(cx, b, case, connection),
            FormPurpose::VisitPlan { case, connection } => {
                self.save_visit_plan(b, case, connection)
            }
            FormPurpose::EndConnection { case, connection } => {
                self.save_end(cx, b, case, connection)
            }
            FormPurpose::Extension { case } => self.save_extension(cx, b, case),
            FormPurpose::Discharge { case } => self.save_discharge(cx, b, case),
            FormPurpose::Measure {
                case,
                point,
                then_discharge,
            } => self.save_measure(cx, b, case, point, then_discharge.map(|d| *d)),
            FormPurpose::CorrectContact { case, contact } => {
                put_right(self.save_contact_correction(cx, b, case, contact))
            }
            FormPurpose::CorrectEvent { connection } => {
                put_right(self.save_event_correction(cx, b, &connection))
            }
            FormPurpose::CorrectMeasure { case, measure, .. } => {
                put_right(self.save_measure_correction(cx, b, case, measure))
            }
            FormPurpose::StrikeOut { case, target } => {
                put_right(self.save_strike_out(cx, b, case, target))
            }
        };
        match saved {
            Saved::Done(notice) => {
                cx.reload();
                cx.notify(notice, false);
                vec![Effect::Pop]
            }
            Saved::Refused(why) => {
                self.message = Some(why);
                Vec::new()
            }
            Saved::Then(effects) => effects,
        }
    }

    fn save_event(
        &self,
        cx: &mut Context, backend: &dyn Casework,
        case: CaseId,
        connection: ConnectionId,
        current: Rung,
    ) -> Saved {
        let today = cx.clock.today();
        let at = match typed::past_date_time(self.text(Field::When), today, ten()) {
            Err(typed::STILL_TO_COME) => {
                return Saved::Refused(
                    "When: that is still to come; log it once it has happened, or reschedule it (s)."
                        .into(),
                );
            }
            Ok(at) => at,
            Err(e) => return Saved::Refused(format!("When: {e}.")),
        };
        let rung = Rung::ALL[self.choice(Field::Step)];
        let outcome = EventOutcome::ALL[self.choice(Field::Outcome)];
        let reason = self.text(Field::StepUpReason).trim().to_owned();
        let stepping_up = rung < current;
        if stepping_up && reason.is_empty() {
            return Saved::Refused(format!(
                "Stepping back up to \"{}\" needs a reason (the last field).",
                rung.label()
            ));
        }
        let (who_went, report_back) = match self.who_went_and_report_back() {
            Ok(answers) => answers,
            Err(e) => return Saved::Refused(e),
        };
        // A reason typed on a step that does not step back up is a note,
        // kept with the notes, not a step up.
        let mut notes = self.text(Field::Notes).trim().to_owned();
        if !stepping_up && !reason.is_empty() && !notes.contains(&reason) {
            notes = if notes.is_empty() {
                reason.clone()
            } else {
                format!("{notes}\n{reason}")
            };
        }
        let event = LadderEvent {
            at,
            rung,
            outcome,
            who_went,
            who_went_as_typed: self.who_went_words(),
            report_back,
            notes,
            step_up_reason: Some(reason).filter(|r| stepping_up && !r.is_empty()),
            revisions: Vec::new(),
            struck: None,
        };
        match backend.record_event(case, connection, event) {
            Ok((c, proposal)) => {
                cx.reload();
                // A week on, or the service's next session where its
                // schedule says when.
                let when = |at: chrono::NaiveDateTime| at.format("%a %-d %b %H:%M").to_string();
                let hint = match (outcome, proposal.at) {
                    (EventOutcome::Attended, Some(next)) if proposal.rung != rung => format!(
                        "Proposed: step {} ({}) on {}. Change either; Ctrl-s plans it, Esc leaves it unplanned.",
                        proposal.rung.number(),
                        proposal.rung.label().to_lowercase(),
                        when(next)
                    ),
                    (EventOutcome::Attended, Some(next)) => {
                        format!("Proposed: the same step on {}. Ctrl-s plans it.", when(next))
                    }
                    (EventOutcome::Attended, None) => {
                        "Proposed: the same step; choose a date. Ctrl-s plans it.".into()
                    }
                    _ => format!(
                        "{}: the step stays at {}; choose a new date.",
                        outcome.label(),
                        rung.label().to_lowercase()
                    ),
                };
                cx.notify(format!("{} recorded.", outcome.label()), false);
                let next = next_step_form(&c, Some(proposal), hint);
                Saved::Then(next.into_iter().map(replace_self).collect())
            }
            Err(e) => Saved::Refused(e.to_string()),
        }
    }

    fn save_next_step(&self, cx: &mut Context, backend: &dyn Casework, case: CaseId, connection: ConnectionId) -> Saved {
        match typed::date_time(self.text(Field::When), cx.clock.today(), ten()) {
            Err(e) => Saved::Refused(format!("When: {e}.")),
            Ok(at) => {
                let rung = Rung::ALL[self.choice(Field::Step)];
                stored(backend.plan_step(case, connection, at, rung), |_| {
                    format!(
                        "Next step planned: {} on {}.",
                        rung.label().to_lowercase(),
                        at.format("%a %-d %b %H:%M")
                    )
                })
            }
        }
    }

    fn save_visit_plan(&self, backend: &dyn Casework, case: CaseId, connection: ConnectionId) -> Saved {
        let text = |f| self.text(f).trim().to_owned();
        let plan = VisitPlan {
            meeting_point: text(Field::MeetingPoint),
            route: text(Field::Route),
            what_to_expect: text(Field::WhatToExpect),
            who_to_ask_for: text(Field::WhoToAskFor),
            cost_and_payment: text(Field::CostAndPayment),
        };
        stored(backend.save_visit_plan(case, connection, plan), |_| {
            "Visit plan saved; V writes the person's visit card.".into()
        })
    }

    fn save_end(&self, cx: &mut Context, backend: &dyn Casework, case: CaseId, connection: ConnectionId) -> Saved {
        match past_day(self.text(Field::EndedOn), cx.clock.today(), "Ended on") {
            Err(e) => Saved::Refused(e),
            Ok(on) => {
                let reason = ConnectionEndReason::ALL[self.choice(Field::EndReason)];
                stored(backend.end_connection(case, connection, on, reason), |_| {
                    format!("Connection ended: {}.", reason.label().to_lowercase())
                })
            }
        }
    }

    fn save_extension(&self, cx: &mut Context, backend: &dyn Casework, case: CaseId) -> Saved {
        let n = |f| typed::number(self.text(f), 1, 200);
        match (n(Field::ContactLimit), n(Field::WeekLimit)) {
            (Ok(Some(contacts)), Ok(Some(weeks))) => stored(
                backend.extend_limits(
                    case,
                    self.text(Field::ExtensionReason),
                    contacts,
                    weeks,
                    cx.clock.today(),
                ),
                |_| format!("Extended to {contacts} contacts and {weeks} weeks."),
            ),
            _ => Saved::Refused("The new limits are whole numbers from 1 to 200.".into()),
        }
    }

    fn save_discharge(&self, cx: &mut Context, backend: &dyn Casework, case: CaseId) -> Saved {
        let today = cx.clock.today();
        let reason = DischargeReason::ALL[self.choice(Field::DischargeReason)];
        let on = match past_day(self.text(Field::DischargedOn), today, "Date") {
            Ok(d) => d,
            Err(e) => return Saved::Refused(e),
        };
        let onward = Some(self.text(Field::ReferredOnTo).trim().to_owned()).filter(|o| !o.is_empty());
        if reason == DischargeReason::ReferredOn && onward.is_none() {
            return Saved::Refused("Say who the person is referred on to.".into());
        }
        let discharge = Discharge {
            reason,
            on,
            summary: self.text(Field::Summary).trim().to_owned(),
            onward_referral: onward,
            risks_cleared: self.choice(Field::OpenRisks) == 1,
        };
        if self.choice(Field::FinalMeasure) == 0 {
            let form = CaseworkForm::measure(
                case,
                MeasurePoint::Final,
                usual_instrument(cx),
                Some(Box::new(discharge)),
            );
            return Saved::Then(vec![Effect::Replace(form.into())]);
        }
        finish_discharge(backend, case, discharge)
    }

    fn save_measure(
        &self,
        cx: &mut Context, backend: &dyn Casework,
        case: CaseId,
        point: MeasurePoint,
        then_discharge: Option<Discharge>,
    ) -> Saved {
        let Some(scores) = self.measure_draft().and_then(|d| d.scores()) else {
            return Saved::Refused("Answer every item first.".into());
        };
        let today = cx.clock.today();
        let taken_on = match past_day(self.text(Field::TakenOn), today, "Taken on") {
            Ok(d) => d,
            Err(why) => return Saved::Refused(why),
        };
        let completed_by = match self.completed_by() {
            Ok(by) => by,
            Err(why) => return Saved::Refused(why),
        };
        let summary = scores.summary();
        match backend.save_measure(case, None, taken_on, point, scores, Some(completed_by)) {
            Err(e) => Saved::Refused(e.to_string()),
            Ok(_) => match then_discharge {
                Some(d) => finish_discharge(backend, case, d),
                None => Saved::Done(format!("Measure saved: {summary}.")),
            },
        }
    }
}

/// A form that follows this one takes its place on the stack.
fn replace_self(effect: Effect) -> Effect {
    match effect {
        Effect::Push(screen) => Effect::Replace(screen),
        other => other,
    }
}

fn finish_discharge(backend: &dyn Casework, case: CaseId, discharge: Discharge) -> Saved {
    stored(backend.discharge(case, discharge), |_| {
        "Support ended; the case is closed and read-only. L writes the letter to the referrer and GP."
            .to_owned()
    })
}
