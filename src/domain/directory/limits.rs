//! How large one directory record may be. Real services have names of a
//! few words and descriptions of a few paragraphs; a record far beyond
//! that (a 200 MB name, a million phones) is skipped and named, so one
//! hostile or broken record cannot slow every search or fill every backup.

use super::Service;

/// The longest name, in characters.
pub const NAME_CHARS: usize = 500;
/// The longest description or other free text, in characters.
pub const TEXT_CHARS: usize = 20_000;
/// The most phones, contacts, schedules, languages, areas, locations or
/// cost options one service may list.
pub const LIST_ITEMS: usize = 1_000;

/// Why `s` is too large to keep, if it is: the field and its size.
pub fn too_large(s: &Service) -> Option<String> {
    let chars = |t: &str| t.chars().count();
    if chars(&s.name) > NAME_CHARS {
        return Some(format!(
            "name is {} characters long (at most {NAME_CHARS})",
            chars(&s.name)
        ));
    }
    let texts = [
        ("alternate_name", &s.alternate_name),
        ("description", &s.description),
        ("url", &s.url),
        ("email", &s.email),
        ("interpretation_services", &s.interpretation_services),
        ("application_process", &s.application_process),
        ("fees_description", &s.fees_description),
        ("eligibility_description", &s.eligibility_description),
        ("alert", &s.alert),
    ];
    for (field, text) in texts {
        if let Some(t) = text
            && chars(t) > TEXT_CHARS
        {
            return Some(format!(
                "{field} is {} characters long (at most {TEXT_CHARS})",
                chars(t)
            ));
        }
    }
    let lists = [
        ("phones", s.phones.len()),
        ("contacts", s.contacts.len()),
        ("schedules", s.schedules.len()),
        ("languages", s.languages.len()),
        ("service_areas", s.service_areas.len()),
        ("locations", s.locations.len()),
        ("cost_options", s.cost_options.len()),
    ];
    lists
        .into_iter()
        .find(|(_, n)| *n > LIST_ITEMS)
        .map(|(field, n)| format!("{field} lists {n} items (at most {LIST_ITEMS})"))
}
