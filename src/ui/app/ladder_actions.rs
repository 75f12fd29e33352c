//! The app's side of the support ladder, the time limit, discharge and
//! wellbeing measures: opening the right form with sensible values filled
//! in, and saving it through the store.

use super::{App, CaseTab, CaseworkForm, FormField, FormPurpose};
use crate::domain::case::CaseStatus;
use crate::domain::discharge::{Discharge, DischargeReason};
use crate::domain::ids::CaseId;
use crate::domain::ladder::{
    Companion, Connection, ConnectionEndReason, EventOutcome, LadderEvent, Proposal, ReportBack,
    Rung, VisitPlan,
};
use crate::domain::typed;
use crate::domain::wellbeing::{Instrument, MeasurePoint};
use crate::ui::backend::Export;
use crate::ui::mode::Mode;
use chrono::NaiveTime;

const NONE: &str = "–";

fn rung_options() -> Vec<String> {
    Rung::ALL
        .iter()
        .map(|r| format!("{} {}", r.number(), r.label()))
        .collect()
}

fn with_none<T>(values: &[T], label: impl Fn(&T) -> &'static str) -> Vec<String> {
    std::iter::once(NONE.to_owned())
        .chain(values.iter().map(|v| label(v).to_owned()))
        .collect()
}

fn rung_index(r: Rung) -> usize {
    Rung::ALL.iter().position(|x| *x == r).unwrap_or(0)
}

impl App {
    /// The connection a ladder key acts on: the one selected on the
    /// Connections tab; elsewhere the live one whose next step is soonest.
    pub(super) fn target_connection(&self) -> Option<Connection> {
        let cf = self.case_file.as_ref()?;
        let all = &cf.file.connections;
        if cf.tab == CaseTab::Connections {
            return all.get(cf.connection).cloned();
        }
        all.iter()
            .filter(|c| c.is_live())
            .min_by_key(|c| c.next.map(|n| n.at))
            .or_else(|| all.iter().find(|c| c.is_live()))
            .cloned()
    }

    fn open_form(&mut self, form: CaseworkForm) {
        self.casework_form = Some(form);
        self.mode = Mode::CaseworkForm;
    }

    fn connection_or_say(&mut self) -> Option<Connection> {
        if self.closed_notice() {
            return None;
        }
        let c = self.target_connection();
        if c.is_none() {
            self.notify(
                "This case has no connections yet: choose services in the plan (p).",
                true,
            );
        }
        c
    }

    /// Opens the form to log what happened at a step.
    pub(super) fn start_log_outcome(&mut self) {
        let Some(c) = self.connection_or_say() else {
            return;
        };
        if c.ended.is_some() {
            self.notify("That connection has ended.", true);
            return;
        }
        let ten = NaiveTime::from_hms_opt(10, 0, 0).unwrap_or_default();
        // The planned step, unless it is still to come: then today.
        let (when, rung) = match c.next {
            Some(n) if n.at.date() <= self.clock.today() => (typed::show_date_time(n.at), n.rung),
            Some(n) => (
                typed::show_date_time(self.clock.today().and_time(n.at.time())),
                n.rung,
            ),
            None => (typed::show_date_time(self.clock.today().and_time(ten)), c.rung),
        };
        let who = Companion::usual(rung)
            .and_then(|w| Companion::ALL.iter().position(|x| *x == w))
            .map_or(0, |i| i + 1);
        let form = CaseworkForm::new(
            format!("What happened: {}", c.service_name),
            FormPurpose::LadderEvent {
                case: c.case_id,
                connection: c.id,
                rung: c.rung,
            },
            vec![
                FormField::text("When", when),
                FormField::choice("Step", rung_options(), rung_index(rung)),
                FormField::choice(
                    "Outcome",
                    EventOutcome::ALL
                        .iter()
                        .map(|o| o.label().to_owned())
                        .collect(),
                    0,
                ),
                FormField::choice("Who went", with_none(&Companion::ALL, |c| c.label()), who),
                FormField::choice(
                    "Reported back by",
                    with_none(&ReportBack::ALL, |r| r.label()),
                    0,
                ),
                FormField::text("Notes", ""),
                FormField::text("Why support steps back up", ""),
            ],
            format!(
                "Now on step {} ({}). A step back up the ladder needs a reason.",
                c.rung.number(),
                c.rung.label().to_lowercase()
            ),
        );
        self.open_form(form);
    }

    fn next_step_form(&mut self, c: &Connection, proposal: Option<Proposal>, hint: String) {
        let (when, rung) = match (proposal, c.next) {
            (Some(p), _) => (p.at.map(typed::show_date_time).unwrap_or_default(), p.rung),
            (None, Some(n)) => (typed::show_date_time(n.at), n.rung),
            (None, None) => (String::new(), c.rung.step_down().unwrap_or(c.rung)),
        };
        let form = CaseworkForm::new(
            format!("Next step: {}", c.service_name),
            FormPurpose::NextStep {
                case: c.case_id,
                connection: c.id,
            },
            vec![
                FormField::text("When", when),
                FormField::choice("Step", rung_options(), rung_index(rung)),
            ],
            hint,
        );
        self.open_form(form);
    }

    /// Opens the form to plan or reschedule the next step.
    pub(super) fn start_reschedule(&mut self) {
        let Some(c) = self.connection_or_say() else {
            return;
        };
        self.next_step_form(
            &c,
            None,
            "A day and time (24/11 14:30, +7 10am) and the step.".into(),
        );
    }

    /// Opens the visit planning form.
    pub(super) fn start_visit_plan(&mut self) {
        let Some(c) = self.connection_or_say() else {
            return;
        };
        let p = c.visit_plan.clone().unwrap_or_default();
        let form = CaseworkForm::new(
            format!("Planning the visit: {}", c.service_name),
            FormPurpose::VisitPlan {
                case: c.case_id,
                connection: c.id,
            },
            vec![
                FormField::text("Where to meet", p.meeting_point),
                FormField::text("Route and transport", p.route),
                FormField::text("What to expect", p.what_to_expect),
                FormField::text("Who to ask for", p.who_to_ask_for),
                FormField::text("Cost and how to pay", p.cost_and_payment),
            ],
            "Plain words: this goes on the person's visit card (V).",
        );
        self.open_form(form);
    }

    /// Opens the form to end a connection.
    pub(super) fn start_end_connection(&mut self) {
        let Some(c) = self.connection_or_say() else {
            return;
        };
        let form = CaseworkForm::new(
            format!("End the connection: {}", c.service_name),
            FormPurpose::EndConnection {
                case: c.case_id,
                connection: c.id,
            },
            vec![
                FormField::choice(
                    "Why",
                    ConnectionEndReason::ALL
                        .iter()
                        .map(|r| r.label().to_owned())
                        .collect(),
                    0,
                ),
                FormField::text("When", "today"),
            ],
            format!(
                "Established means attending independently for {} weeks.",
                crate::domain::ladder::ESTABLISHED_WEEKS
            ),
        );
        self.open_form(form);
    }

    /// Opens the form to extend the time limit.
    pub(super) fn start_extension(&mut self) {
        if self.closed_notice() {
            return;
        }
        let Some(cf) = self.case_file.as_ref() else {
            return;
        };
        let l = &cf.file.case.limits;
        let form = CaseworkForm::new(
            "Extend the time limit",
            FormPurpose::Extension {
                case: cf.file.case.id,
            },
            vec![
                FormField::text("Why support continues", ""),
                FormField::text("New contact limit", (l.contact_limit + 4).to_string()),
                FormField::text("New week limit", (l.week_limit + 4).to_string()),
            ],
            format!(
                "Now {} contacts and {} weeks; the reason and the new limits are recorded.",
                l.contact_limit, l.week_limit
            ),
        );
        self.open_form(form);
    }

    /// Opens the discharge form.
    pub(super) fn start_discharge(&mut self) {
        if self.closed_notice() {
            return;
        }
        let Some(cf) = self.case_file.as_ref() else {
            return;
        };
        let status = cf.file.case.status;
        if !matches!(status, CaseStatus::Active | CaseStatus::Ending) {
            self.notify(
                format!(
                    "A {} case is not discharged: it moves to declined or not contactable (m).",
                    status.label().to_lowercase()
                ),
                true,
            );
            return;
        }
        let form = CaseworkForm::new(
            "End support",
            FormPurpose::Discharge {
                case: cf.file.case.id,
            },
            vec![
                FormField::choice(
                    "Reason",
                    DischargeReason::ALL
                        .iter()
                        .map(|r| r.label().to_owned())
                        .collect(),
                    0,
                ),
                FormField::text("Date", "today"),
                FormField::text("Referred on to", ""),
                FormField::text("Summary for the referrer and GP", ""),
                FormField::choice(
                    "Final wellbeing measure",
                    vec!["take it now".into(), "not taken".into()],
                    0,
                ),
            ],
            "The case closes and becomes read-only; the letter to the referrer and GP follows (L).",
        );
        self.open_form(form);
    }

    /// Opens a wellbeing measure form (review point).
    pub(super) fn start_measure(&mut self) {
        if self.closed_notice() {
            return;
        }
        let Some(cf) = self.case_file.as_ref() else {
            return;
        };
        let instrument = self.usual_instrument();
        let form = CaseworkForm::measure(cf.file.case.id, MeasurePoint::Review, instrument, None);
        self.open_form(form);
    }

    /// The instrument the case was measured with first (ONS4 if none).
    fn usual_instrument(&self) -> Instrument {
        self.case_file
            .as_ref()
            .and_then(|cf| cf.file.measures.iter().min_by_key(|m| (m.taken_on, m.id.0)))
            .map_or(Instrument::Ons4, |m| m.scores.instrument())
    }

    /// Writes a text export into the working folder and says where.
    pub(super) fn write_export(&mut self, what: Export) {
        let Some(backend) = self.backend.clone() else {
            return;
        };
        let folder = std::env::current_dir().unwrap_or_else(|_| ".".into());
        let worker = self.worker_name.as_deref().filter(|w| !w.trim().is_empty());
        match backend.write_export(what, worker, self.clock.today(), &folder) {
            Ok(path) => {
                self.reload();
                self.notify(
                    format!("Wrote {} to {}.", what.describe(), path.display()),
                    false,
                );
            }
            Err(e) => self.notify(e.to_string(), true),
        }
    }

    /// The visit card of the connection a ladder key acts on.
    pub(super) fn write_visit_card(&mut self) {
        if let Some(c) = self.target_connection() {
            self.write_export(Export::VisitCard(c.id));
        } else {
            self.notify("This case has no connections yet.", true);
        }
    }

    /// The discharge letter of the open (closed) case.
    pub(super) fn write_discharge_letter(&mut self) {
        if let Some(id) = self.case_id() {
            self.write_export(Export::DischargeLetter(id));
        }
    }

    /// Saves the open casework form.
    pub(super) fn save_casework_form(&mut self) {
        let (Some(form), Some(backend)) = (self.casework_form.clone(), self.backend.clone()) else {
            return;
        };
        let today = self.clock.today();
        let ten = NaiveTime::from_hms_opt(10, 0, 0).unwrap_or_default();
        let refuse = |app: &mut App, why: String| {
            if let Some(f) = app.casework_form.as_mut() {
                f.message = Some(why);
            }
        };
        let date = |raw: &str| typed::date(raw, today).map_err(|e| format!("Date: {e}."));
        let result: Result<String, String> = match &form.purpose {
            FormPurpose::LadderEvent {
                case,
                connection,
                rung: current,
            } => {
                let at = match typed::date_time(form.text(0), today, ten) {
                    Ok(at) if at.date() > today => {
                        return refuse(
                            self,
                            "When: that is still to come; log it once it has happened, or reschedule it (s)."
                                .into(),
                        );
                    }
                    Ok(at) => at,
                    Err(e) => return refuse(self, format!("When: {e}.")),
                };
                let rung = Rung::ALL[form.choice(1)];
                let outcome = EventOutcome::ALL[form.choice(2)];
                let reason = form.text(6).trim().to_owned();
                if rung < *current && reason.is_empty() {
                    return refuse(
                        self,
                        format!(
                            "Stepping back up to \"{}\" needs a reason (the last field).",
                            rung.label()
                        ),
                    );
                }
                let event = LadderEvent {
                    at,
                    rung,
                    outcome,
                    who_went: form.choice(3).checked_sub(1).map(|i| Companion::ALL[i]),
                    report_back: form.choice(4).checked_sub(1).map(|i| ReportBack::ALL[i]),
                    notes: form.text(5).trim().to_owned(),
                    step_up_reason: Some(reason).filter(|r| !r.is_empty()),
                };
                match backend.record_event(*case, *connection, event) {
                    Ok((c, proposal)) => {
                        self.casework_form = None;
                        self.mode = Mode::CaseFile;
                        self.reload();
                        let hint = match (outcome, proposal.at) {
                            (EventOutcome::Attended, Some(_)) if proposal.rung != rung => format!(
                                "Proposed: step {} ({}) a week on. Change either; Ctrl-s plans it, Esc leaves it unplanned.",
                                proposal.rung.number(),
                                proposal.rung.label().to_lowercase()
                            ),
                            (EventOutcome::Attended, _) => {
                                "Proposed: the same step a week on. Ctrl-s plans it.".into()
                            }
                            _ => format!(
                                "{}: the step stays at {}; choose a new date.",
                                outcome.label(),
                                rung.label().to_lowercase()
                            ),
                        };
                        self.next_step_form(&c, Some(proposal), hint);
                        self.notify(format!("{} recorded.", outcome.label()), false);
                        return;
                    }
                    Err(e) => Err(e.to_string()),
                }
            }
            FormPurpose::NextStep { case, connection } => {
                match typed::date_time(form.text(0), today, ten) {
                    Err(e) => Err(format!("When: {e}.")),
                    Ok(at) => {
                        let rung = Rung::ALL[form.choice(1)];
                        backend
                            .plan_step(*case, *connection, at, rung)
                            .map(|_| {
                                format!(
                                    "Next step planned: {} on {}.",
                                    rung.label().to_lowercase(),
                                    at.format("%a %-d %b %H:%M")
                                )
                            })
                            .map_err(|e| e.to_string())
                    }
                }
            }
            FormPurpose::VisitPlan { case, connection } => {
                let plan = VisitPlan {
                    meeting_point: form.text(0).trim().into(),
                    route: form.text(1).trim().into(),
                    what_to_expect: form.text(2).trim().into(),
                    who_to_ask_for: form.text(3).trim().into(),
                    cost_and_payment: form.text(4).trim().into(),
                };
                backend
                    .save_visit_plan(*case, *connection, plan)
                    .map(|_| "Visit plan saved; V writes the person's visit card.".into())
                    .map_err(|e| e.to_string())
            }
            FormPurpose::EndConnection { case, connection } => match date(form.text(1)) {
                Err(e) => Err(e),
                Ok(on) => {
                    let reason = ConnectionEndReason::ALL[form.choice(0)];
                    backend
                        .end_connection(*case, *connection, on, reason)
                        .map(|_| format!("Connection ended: {}.", reason.label().to_lowercase()))
                        .map_err(|e| e.to_string())
                }
            },
            FormPurpose::Extension { case } => {
                let n = |i| typed::number(form.text(i), 1, 200);
                match (n(1), n(2)) {
                    (Ok(Some(contacts)), Ok(Some(weeks))) => backend
                        .extend_limits(*case, form.text(0), contacts, weeks, today)
                        .map(|_| format!("Extended to {contacts} contacts and {weeks} weeks."))
                        .map_err(|e| e.to_string()),
                    _ => Err("The new limits are whole numbers from 1 to 200.".into()),
                }
            }
            FormPurpose::Discharge { case } => {
                let reason = DischargeReason::ALL[form.choice(0)];
                let on = match date(form.text(1)) {
                    Ok(d) if d > today => return refuse(self, "Date: not in the future.".into()),
                    Ok(d) => d,
                    Err(e) => return refuse(self, e),
                };
                let onward = Some(form.text(2).trim().to_owned()).filter(|o| !o.is_empty());
                if reason == DischargeReason::ReferredOn && onward.is_none() {
                    return refuse(self, "Say who the person is referred on to.".into());
                }
                let discharge = Discharge {
                    reason,
                    on,
                    summary: form.text(3).trim().to_owned(),
                    onward_referral: onward,
                };
                if form.choice(4) == 0 {
                    let instrument = self.usual_instrument();
                    self.open_form(CaseworkForm::measure(
                        *case,
                        MeasurePoint::Final,
                        instrument,
                        Some(Box::new(discharge)),
                    ));
                    return;
                }
                self.finish_discharge(*case, discharge)
            }
            FormPurpose::Measure {
                case,
                point,
                then_discharge,
            } => {
                let Some(scores) = form.measure_draft().and_then(|d| d.scores()) else {
                    return refuse(self, "Answer every item first.".into());
                };
                let summary = scores.summary();
                match backend.save_measure(*case, None, today, *point, scores) {
                    Err(e) => Err(e.to_string()),
                    Ok(_) => match then_discharge {
                        Some(d) => self.finish_discharge(*case, (**d).clone()),
                        None => Ok(format!("Measure saved: {summary}.")),
                    },
                }
            }
        };
        match result {
            Ok(done) => {
                self.casework_form = None;
                self.mode = Mode::CaseFile;
                self.reload();
                self.notify(done, false);
            }
            Err(why) => refuse(self, why),
        }
    }

    fn finish_discharge(&mut self, case: CaseId, discharge: Discharge) -> Result<String, String> {
        let Some(backend) = self.backend.clone() else {
            return Err("no store".into());
        };
        backend
            .discharge(case, discharge)
            .map(|_| {
                "Support ended; the case is closed and read-only. L writes the letter to the referrer and GP."
                    .to_owned()
            })
            .map_err(|e| e.to_string())
    }
}
