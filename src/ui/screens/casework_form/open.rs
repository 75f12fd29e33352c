//! Opening the forms of the support ladder, the time limit, discharge and
//! wellbeing measures, with sensible values filled in.

use super::{CaseworkForm, Field, FormField, FormPurpose};
use crate::ui::context::Context;
use crate::ui::screen::{Effects, push};
use crate::ui::screens::case_file::CaseTab;
use crate::domain::case::CaseStatus;
use crate::domain::discharge::DischargeReason;
use crate::domain::ladder::{
    Companion, Connection, ConnectionEndReason, EventOutcome, Proposal, ReportBack, who_went,
    Rung,
};
use crate::domain::typed;
use crate::domain::wellbeing::{Instrument, MeasurePoint};
use crate::ui::backend::Export;
use chrono::{NaiveDate, NaiveTime};

const NONE: &str = "–";

fn rung_options() -> Vec<String> {
    Rung::ALL
        .iter()
        .map(|r| format!("{} {}", r.number(), r.label()))
        .collect()
}

/// The labels of `values` after a first "not recorded" option.
pub(super) fn with_none<T>(values: &[T], label: impl Fn(&T) -> &'static str) -> Vec<String> {
    std::iter::once(NONE.to_owned())
        .chain(values.iter().map(|v| label(v).to_owned()))
        .collect()
}

fn rung_index(r: Rung) -> usize {
    Rung::ALL.iter().position(|x| *x == r).unwrap_or(0)
}


/// The connection a ladder key acts on: the one selected on the
/// Connections tab; elsewhere the live one whose next step is soonest.
pub fn target_connection(cx: &Context) -> Option<Connection> {
    let cf = cx.case_file.as_ref()?;
    let all = &cf.file.connections;
    if cf.tab == CaseTab::Connections {
        return all.get(cf.connection).cloned();
    }
    crate::domain::ladder::soonest(all).cloned()
}


fn connection_or_say(cx: &mut Context) -> Option<Connection> {
    if cx.closed_notice() {
        return None;
    }
    let c = target_connection(cx);
    if c.is_none() {
        cx.notify(
            "This case has no connections yet: choose services in the plan (p).",
            true,
        );
    }
    c
}

/// Opens the form to log what happened at a step, on the connection a
/// ladder key acts on (see [`target_connection`]); with several live
/// connections, its first field switches between them.
pub fn log_outcome(cx: &mut Context) -> Effects {
    let Some(c) = connection_or_say(cx) else {
        return Vec::new();
    };
    if c.ended.is_some() {
        cx.notify("That connection has ended.", true);
        return Vec::new();
    }
    let mut live: Vec<Connection> = cx
        .case_file
        .as_ref()
        .map(|cf| cf.file.connections.iter().filter(|k| k.is_live()).cloned().collect())
        .unwrap_or_default();
    live.sort_by_key(|k| (k.next.is_none(), k.next.map(|n| n.at)));
    push(outcome_form(&c, live, cx.clock.today()))
}

/// The form logging what happened at a step of `c` (one of `live`).
pub(super) fn outcome_form(c: &Connection, live: Vec<Connection>, today: NaiveDate) -> CaseworkForm {
    let ten = NaiveTime::from_hms_opt(10, 0, 0).unwrap_or_default();
    // The planned step, unless it is still to come: then today.
    let (when, rung) = match c.next {
        Some(n) if n.at.date() <= today => (typed::show_date_time(n.at), n.rung),
        Some(n) => (typed::show_date_time(today.and_time(n.at.time())), n.rung),
        None => (typed::show_date_time(today.and_time(ten)), c.rung),
    };
    let who = who_went::write(&Companion::usual(rung));
    let mut fields = Vec::new();
    if live.len() > 1 {
        let names = live
            .iter()
            .map(|k| match k.next {
                Some(n) => format!("{} (next {})", k.service_name, n.at.format("%-d %b")),
                None => k.service_name.clone(),
            })
            .collect();
        let at = live.iter().position(|k| k.id == c.id).unwrap_or(0);
        fields.push(FormField::choice(Field::Connection, names, at));
    }
    fields.extend([
        FormField::text(Field::When, when),
        FormField::choice(Field::Step, rung_options(), rung_index(rung)),
        FormField::choice(
            Field::Outcome,
            EventOutcome::ALL
                .iter()
                .map(|o| o.label().to_owned())
                .collect(),
            0,
        ),
        FormField::text(Field::WhoWent, who),
        FormField::choice(
            Field::ReportedBackBy,
            with_none(&ReportBack::ALL, |r| r.label()),
            0,
        ),
        FormField::text(Field::Notes, ""),
        FormField::text(Field::StepUpReason, ""),
    ]);
    let mut form = CaseworkForm::new(
        format!("What happened: {}", c.service_name),
        FormPurpose::LadderEvent {
            case: c.case_id,
            connection: c.id,
            rung: c.rung,
            live,
            today,
        },
        fields,
        format!(
            "Now on step {} ({}). A step back up the ladder needs a reason.",
            c.rung.number(),
            c.rung.label().to_lowercase()
        ),
    );
    // The cursor starts at When, as before; the connection is one Shift-Tab up.
    form.focus = usize::from(form.fields.first().map(|f| f.key) == Some(Field::Connection));
    form
}

pub(super) fn next_step_form(c: &Connection, proposal: Option<Proposal>, hint: String) -> Effects {
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
            FormField::text(Field::When, when),
            FormField::choice(Field::Step, rung_options(), rung_index(rung)),
        ],
        hint,
    );
    push(form)
}

/// Opens the form to plan or reschedule the next step.
pub fn reschedule(cx: &mut Context) -> Effects {
    let Some(c) = connection_or_say(cx) else {
        return Vec::new();
    };
    next_step_form(
        &c,
        None,
        "A day and time (24/11 14:30, +7 10am) and the step.".into(),
    )
}

/// Opens the visit planning form.
pub fn visit_plan(cx: &mut Context) -> Effects {
    let Some(c) = connection_or_say(cx) else {
        return Vec::new();
    };
    let p = c.visit_plan.clone().unwrap_or_default();
    let form = CaseworkForm::new(
        format!("Planning the visit: {}", c.service_name),
        FormPurpose::VisitPlan {
            case: c.case_id,
            connection: c.id,
        },
        vec![
            FormField::text(Field::MeetingPoint, p.meeting_point),
            FormField::text(Field::Route, p.route),
            FormField::text(Field::WhatToExpect, p.what_to_expect),
            FormField::text(Field::WhoToAskFor, p.who_to_ask_for),
            FormField::text(Field::CostAndPayment, p.cost_and_payment),
        ],
        "Plain words: this goes on the person's visit card (V).",
    );
    push(form)
}

/// Opens the form to end a connection.
pub fn end_connection(cx: &mut Context) -> Effects {
    let Some(c) = connection_or_say(cx) else {
        return Vec::new();
    };
    let form = CaseworkForm::new(
        format!("End the connection: {}", c.service_name),
        FormPurpose::EndConnection {
            case: c.case_id,
            connection: c.id,
        },
        vec![
            FormField::choice(
                Field::EndReason,
                ConnectionEndReason::ALL
                    .iter()
                    .map(|r| r.label().to_owned())
                    .collect(),
                0,
            ),
            FormField::text(Field::EndedOn, "today"),
        ],
        format!(
            "Established means attending independently for {} weeks.",
            crate::domain::ladder::ESTABLISHED_WEEKS
        ),
    );
    push(form)
}

/// Opens the form to extend the time limit.
pub fn extension(cx: &mut Context) -> Effects {
    if cx.closed_notice() {
        return Vec::new();
    }
    let Some(cf) = cx.case_file.as_ref() else {
        return Vec::new();
    };
    let l = &cf.file.case.limits;
    let form = CaseworkForm::new(
        "Extend the time limit",
        FormPurpose::Extension {
            case: cf.file.case.id,
        },
        vec![
            FormField::text(Field::ExtensionReason, ""),
            FormField::text(Field::ContactLimit, (l.contact_limit + 4).to_string()),
            FormField::text(Field::WeekLimit, (l.week_limit + 4).to_string()),
        ],
        format!(
            "Now {} contacts and {} weeks; the reason and the new limits are recorded.",
            l.contact_limit, l.week_limit
        ),
    );
    push(form)
}

/// Opens the discharge form.
pub fn discharge(cx: &mut Context) -> Effects {
    if cx.closed_notice() {
        return Vec::new();
    }
    let Some(cf) = cx.case_file.as_ref() else {
        return Vec::new();
    };
    let status = cf.file.case.status;
    let agreed = cf.file.plan.as_ref().is_some_and(|p| p.is_agreed());
    let refusal = match status {
        CaseStatus::Referred => Some(
            "No contact yet: log the first contact (c), or end it as declined or not contactable (m).",
        ),
        CaseStatus::Contacted if !agreed => Some(
            "They have not accepted support yet: move the case to Active (m) when they do, or end it as declined or not contactable (m).",
        ),
        _ => None,
    };
    if let Some(why) = refusal {
        cx.notify(why, true);
        return Vec::new();
    }
    let open_risks: Vec<&str> = cf
        .file
        .case
        .active_risks()
        .map(|r| r.kind.label())
        .collect();
    let mut fields = vec![
        FormField::choice(
            Field::DischargeReason,
            DischargeReason::ALL
                .iter()
                .map(|r| r.label().to_owned())
                .collect(),
            0,
        ),
        FormField::text(Field::DischargedOn, "today"),
        FormField::text(Field::ReferredOnTo, ""),
        FormField::text(Field::Summary, ""),
        FormField::choice(
            Field::FinalMeasure,
            vec!["take it now".into(), "not taken".into()],
            0,
        ),
    ];
    let mut hint =
        "The case closes and becomes read-only; the letter to the referrer and GP follows (L)."
            .to_owned();
    if !open_risks.is_empty() {
        fields.push(FormField::choice(
            Field::OpenRisks,
            vec![
                "stay open (in the letter)".into(),
                "cleared on that date".into(),
            ],
            0,
        ));
        hint = format!(
            "Still open: {}. Say whether they stay open or are cleared. {hint}",
            open_risks.join(", ")
        );
    }
    let form = CaseworkForm::new(
        "End support",
        FormPurpose::Discharge {
            case: cf.file.case.id,
        },
        fields,
        hint,
    );
    push(form)
}

/// Opens a wellbeing measure form (review point).
pub fn measure(cx: &mut Context) -> Effects {
    if cx.closed_notice() {
        return Vec::new();
    }
    let Some(cf) = cx.case_file.as_ref() else {
        return Vec::new();
    };
    let instrument = usual_instrument(cx);
    let form = CaseworkForm::measure(cf.file.case.id, MeasurePoint::Review, instrument, None);
    push(form)
}

/// The instrument the case was measured with first (ONS4 if none).
pub(super) fn usual_instrument(cx: &Context) -> Instrument {
    cx.case_file
        .as_ref()
        .and_then(|cf| {
            cf.file
                .measures
                .iter()
                .filter(|m| m.stands())
                .min_by_key(|m| (m.taken_on, m.id.0))
        })
        .map_or(Instrument::Ons4, |m| m.scores.instrument())
}

/// The visit card of the connection a ladder key acts on.
pub fn write_visit_card(cx: &mut Context) {
    if let Some(c) = target_connection(cx) {
        cx.write_export(Export::VisitCard(c.id));
    } else {
        cx.notify("This case has no connections yet.", true);
    }
}
