//! A nats-server configuration for a team: one account per team (so one
//! team's users cannot see another's subjects at all), JetStream enabled
//! for it, and one user per member whose permissions let them publish only
//! their own changes, on their team's subjects. Only random ids appear:
//! no member's name.

use super::membership::{Member, Membership, Role};
use super::subjects;

/// The account block of a team, for the server's configuration (written
/// by `linkwork team create` and `invite`, and included by the server's
/// own configuration).
pub fn account_block(team: &Membership) -> String {
    let stream = subjects::stream(&team.team_id);
    let mut users = String::new();
    for m in &team.roster {
        users.push_str(&user_entry(&team.team_id, &stream, m));
    }
    format!(
        "# The linkwork team {id}: written by `linkwork team create` and `linkwork team invite`.\n\
         # Include it inside the server configuration's accounts block; reload the server\n\
         # after each invitation.\n\
         LW_{id}: {{\n  jetstream: enabled\n  users: [\n{users}  ]\n}}\n",
        id = team.team_id
    )
}

fn user_entry(team_id: &str, stream: &str, m: &Member) -> String {
    let mut publish = vec![
        format!("lw.{team_id}.c.*.{}", m.id),
        format!("lw.{team_id}.s.*.{}", m.id),
        "$JS.API.INFO".to_owned(),
        format!("$JS.API.STREAM.INFO.{stream}"),
        format!("$JS.API.CONSUMER.CREATE.{stream}"),
        format!("$JS.API.CONSUMER.CREATE.{stream}.>"),
        format!("$JS.API.CONSUMER.INFO.{stream}.>"),
        format!("$JS.API.CONSUMER.DELETE.{stream}.>"),
        format!("$JS.API.CONSUMER.MSG.NEXT.{stream}.>"),
        format!("$JS.ACK.{stream}.>"),
        format!("$JS.FC.{stream}.>"),
    ];
    if m.role == Role::Supervisor {
        publish.push(format!("lw.{team_id}.r.{}", m.id));
        publish.push(format!("$JS.API.STREAM.CREATE.{stream}"));
        publish.push(format!("$JS.API.STREAM.UPDATE.{stream}"));
    }
    let list = publish
        .iter()
        .map(|s| format!("\"{s}\""))
        .collect::<Vec<_>>()
        .join(", ");
    format!(
        "    {{ user: \"{}\", password: \"{}\", permissions: {{ publish: {{ allow: [{list}] }}, subscribe: {{ allow: [\"_INBOX.>\"] }} }} }}\n",
        m.id,
        m.password_hash.as_deref().unwrap_or("")
    )
}

/// A whole server configuration for trying a team on one machine: listens
/// on `listen`, keeps JetStream's files in `store_dir` encrypted at rest
/// with `at_rest_key`, serves TLS when given a certificate and key, and
/// includes the teams' account files.
pub fn server_config(
    listen: &str,
    store_dir: &str,
    at_rest_key: &str,
    tls: Option<(&str, &str)>,
    includes: &[String],
) -> String {
    let mut s = format!(
        "listen: \"{listen}\"\nmax_payload: 8MB\njetstream {{\n  store_dir: \"{store_dir}\"\n  cipher: chachapoly\n  key: \"{at_rest_key}\"\n}}\n"
    );
    if let Some((cert, key)) = tls {
        s.push_str(&format!(
            "tls {{\n  cert_file: \"{cert}\"\n  key_file: \"{key}\"\n  timeout: 5\n}}\n"
        ));
    }
    s.push_str("accounts {\n");
    for inc in includes {
        s.push_str(&format!("  include \"{inc}\"\n"));
    }
    s.push_str("}\n");
    s
}
