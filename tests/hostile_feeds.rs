//! Hostile feed servers, served from this test: a redirect to a `file:`
//! address or to another host is refused in one sentence (never a panic,
//! never followed); a redirect on the same host is followed.

#[path = "support/http.rs"]
mod http;

use std::io::Write;
use std::process::Command;

/// A server that answers `/file…` and `/away…` with redirects out, `/same…`
/// with a redirect to `/feed/services`, and `/feed…` with a page of services.
fn serve() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let page = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/openreferral/service_list.json"
    ))
    .unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let request = http::request_line(&stream);
            let path = request.split(' ').nth(1).unwrap_or("/");
            let reply = if path.starts_with("/file") {
                "HTTP/1.1 302 Found\r\nLocation: file:///etc/passwd\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".to_owned()
            } else if path.starts_with("/away") {
                format!(
                    "HTTP/1.1 302 Found\r\nLocation: http://127.0.0.2:{}/feed/services\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                    addr.port()
                )
            } else if path.starts_with("/same") {
                "HTTP/1.1 301 Moved\r\nLocation: /feed/services?page=1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".to_owned()
            } else {
                format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{page}",
                    page.len()
                )
            };
            let _ = stream.write_all(reply.as_bytes());
        }
    });
    format!("http://{addr}")
}

fn pull(data: &std::path::Path, url: &str) -> (bool, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_linkwork"))
        .args([
            "--data-dir",
            data.to_str().unwrap(),
            "directory",
            "pull",
            url,
        ])
        .env("LINKWORK_TODAY", "2026-11-22")
        .output()
        .unwrap();
    (
        out.status.success(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    )
}

#[test]
fn redirects_out_of_the_feed_are_refused_and_on_the_same_host_followed() {
    let home = tempfile::tempdir().unwrap();
    let data = home.path().join("store");
    let init = Command::new(env!("CARGO_BIN_EXE_linkwork"))
        .args(["--data-dir", data.to_str().unwrap(), "init"])
        .output()
        .unwrap();
    assert!(init.status.success());
    let base = serve();
    let (ok, said) = pull(&data, &format!("{base}/file/api"));
    assert!(!ok);
    assert!(
        said.contains("redirected to a file address, which is never followed"),
        "{said}"
    );
    assert!(!said.contains("panicked"), "{said}");
    let (ok, said) = pull(&data, &format!("{base}/away/api"));
    assert!(!ok);
    assert!(
        said.contains("redirected to another host (127.0.0.2), which is not followed"),
        "{said}"
    );
    let (ok, said) = pull(&data, &format!("{base}/same/api"));
    assert!(ok, "{said}");
    assert!(said.contains("Pulled"), "{said}");
}
