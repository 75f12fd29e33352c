//! The casework form's fields: text, choices, measures, who answered.

use super::*;

#[test]
fn a_number_typed_over_a_pre_filled_one_replaces_it_and_a_note_is_added_to() {
    let mut f = CaseworkForm::new(
        "Put right",
        FormPurpose::Extension { case: CaseId(1) },
        vec![
            FormField::text(Field::Minutes, "20"),
            FormField::text(Field::Notes, "Met at the library"),
        ],
        "",
    );
    f.message = Some("Minutes: a whole number from 1 to 600.".into());
    f.type_char('4');
    f.type_char('5');
    assert_eq!(f.text(Field::Minutes), "45");
    assert_eq!(f.message, None, "the refusal goes once the field is edited");
    f.step(1);
    f.type_char('.');
    assert_eq!(f.text(Field::Notes), "Met at the library.");
}

#[test]
fn fields_take_text_and_choices_and_a_measure_scores_as_typed() {
    let mut f = CaseworkForm::new(
        "End",
        FormPurpose::Extension { case: CaseId(1) },
        vec![
            FormField::text(Field::ExtensionReason, ""),
            FormField::choice(Field::Outcome, vec!["a".into(), "b".into()], 0),
        ],
        "",
    );
    f.type_char('x');
    f.backspace();
    f.type_char('y');
    assert_eq!(f.text(Field::ExtensionReason), "y");
    assert!(f.step(1));
    f.type_char(' ');
    assert_eq!(f.choice(Field::Outcome), 1);
    f.cycle(1);
    assert_eq!(f.choice(Field::Outcome), 0);
    assert!(!f.step(1));

    let mut m = CaseworkForm::measure(CaseId(1), MeasurePoint::Final, Instrument::Ons4, None);
    assert_eq!(
        m.fields.len(),
        8,
        "the instrument, four items, the day and who answered"
    );
    m.cycle(1);
    assert_eq!(m.fields.len(), 9, "WHO-5 has five items");
    m.step(1);
    for c in "3x2345".chars() {
        m.type_char(c);
    }
    assert_eq!(
        m.focus, 5,
        "each digit answers and moves on; letters are ignored"
    );
    let d = m.measure_draft().unwrap();
    assert_eq!(d.answered(), 5);
    assert!(d.running().starts_with("WHO-5 raw 17 of 25 = 68 %"));
}
