//! Encryption at rest.
//!
//! A passphrase and a random salt give a key-encryption key (Argon2id);
//! that key wraps a random 256-bit data key (XChaCha20-Poly1305), kept in
//! `linkwork.keys`. Every stored value is sealed with the data key
//! (XChaCha20-Poly1305, random 192-bit nonce) with the tree name and
//! record key as associated data, so a record moved to another place fails
//! its check. Changing the passphrase re-wraps the data key; the data is
//! not re-encrypted (`linkwork rekey` does that, under a new data key).
//! Keys live in zeroizing memory.
//!
//! The key file's Argon2id settings are bounded before they are used (a
//! tampered file cannot make linkwork allocate 16 GiB or run for minutes),
//! bound into the wrap as associated data, and the whole file carries a
//! check (SHA-256 over every field), so a file changed on disk reads as
//! damaged, not as a wrong passphrase.

use argon2::{Algorithm, Argon2, Params, Version};
use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::Sha256;
use thiserror::Error;
use zeroize::Zeroizing;

/// Length of an XChaCha20-Poly1305 nonce.
pub const NONCE_LEN: usize = 24;

/// A passphrase, wiped from memory when dropped.
#[derive(Clone)]
pub struct Secret(Zeroizing<String>);

impl Secret {
    /// Wraps a passphrase.
    pub fn new(s: String) -> Self {
        Self(Zeroizing::new(s))
    }

    /// The passphrase bytes.
    pub fn expose(&self) -> &[u8] {
        self.0.as_bytes()
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(..)")
    }
}

/// What can go wrong with keys.
#[derive(Debug, Error)]
pub enum CryptoError {
    /// The passphrase does not unwrap the data key.
    #[error("That passphrase does not open this caseload.")]
    WrongPassphrase,
    /// The key file cannot be understood.
    #[error("the key file is damaged ({0})")]
    BadKeyFile(String),
    /// The system random number generator failed.
    #[error("the system could not provide random numbers ({0})")]
    Random(String),
    /// An empty passphrase.
    #[error("A passphrase cannot be empty.")]
    EmptyPassphrase,
}

/// The Argon2id settings a key file may ask for: memory 8 MiB to 1 GiB
/// (in KiB), 1 to 10 passes, 1 to 4 lanes.
pub const KDF_BOUNDS: [(&str, u32, u32); 3] = [
    ("m_cost", 8 * 1024, 1024 * 1024),
    ("t_cost", 1, 10),
    ("p_cost", 1, 4),
];

/// The format version of key files written now.
pub const KEY_FILE_VERSION: u32 = 2;

fn random<const N: usize>() -> Result<[u8; N], CryptoError> {
    let mut buf = [0u8; N];
    getrandom::fill(&mut buf).map_err(|e| CryptoError::Random(e.to_string()))?;
    Ok(buf)
}

/// Argon2id cost settings, stored with the key so they can be raised later.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct KdfParams {
    /// Memory in KiB.
    pub m_cost: u32,
    /// Iterations.
    pub t_cost: u32,
    /// Parallelism.
    pub p_cost: u32,
}

impl Default for KdfParams {
    /// 64 MiB, 3 passes, 1 lane (OWASP's Argon2id guidance is at least
    /// 19 MiB and 2 passes).
    fn default() -> Self {
        Self {
            m_cost: 64 * 1024,
            t_cost: 3,
            p_cost: 1,
        }
    }
}

impl KdfParams {
    /// Refuses settings outside [`KDF_BOUNDS`].
    pub fn check(&self) -> Result<(), CryptoError> {
        let values = [self.m_cost, self.t_cost, self.p_cost];
        for ((name, low, high), value) in KDF_BOUNDS.iter().zip(values) {
            if !(*low..=*high).contains(&value) {
                return Err(CryptoError::BadKeyFile(format!(
                    "{name} is {value}, outside {low} to {high}"
                )));
            }
        }
        Ok(())
    }
}

/// The contents of `linkwork.keys`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyFile {
    /// Format version of this file.
    pub version: u32,
    /// Always "argon2id".
    pub kdf: String,
    /// Argon2id costs.
    #[serde(flatten)]
    pub params: KdfParams,
    /// Argon2 salt (base64).
    pub salt: String,
    /// Nonce of the wrapped key (base64).
    pub nonce: String,
    /// The data key sealed with the key-encryption key (base64).
    pub wrapped_key: String,
    /// SHA-256 (base64) over every other field (version 2 on).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub check: String,
}

const WRAP_AAD_V1: &[u8] = b"linkwork data key v1";

/// What the wrap is bound to: for version 2 the settings and salt too, so
/// they cannot be changed without the unwrap failing.
fn wrap_aad(version: u32, params: KdfParams, salt: &str) -> Vec<u8> {
    if version == 1 {
        return WRAP_AAD_V1.to_vec();
    }
    format!(
        "linkwork data key v{version}/argon2id/{}/{}/{}/{salt}",
        params.m_cost, params.t_cost, params.p_cost
    )
    .into_bytes()
}

fn kek(
    passphrase: &Secret,
    salt: &[u8],
    params: KdfParams,
) -> Result<Zeroizing<[u8; 32]>, CryptoError> {
    if passphrase.expose().is_empty() {
        return Err(CryptoError::EmptyPassphrase);
    }
    let p = Params::new(params.m_cost, params.t_cost, params.p_cost, Some(32))
        .map_err(|e| CryptoError::BadKeyFile(e.to_string()))?;
    let mut out = Zeroizing::new([0u8; 32]);
    Argon2::new(Algorithm::Argon2id, Version::V0x13, p)
        .hash_password_into(passphrase.expose(), salt, out.as_mut())
        .map_err(|e| CryptoError::BadKeyFile(e.to_string()))?;
    Ok(out)
}

fn decode_b64(field: &str, value: &str) -> Result<Vec<u8>, CryptoError> {
    B64.decode(value)
        .map_err(|_| CryptoError::BadKeyFile(format!("{field} is not base64")))
}

impl KeyFile {
    /// Makes a new random data key and wraps it with `passphrase`.
    pub fn create(passphrase: &Secret) -> Result<(KeyFile, Cipher), CryptoError> {
        let data_key = Zeroizing::new(random::<32>()?);
        let file = Self::wrap(&data_key, passphrase, KdfParams::default())?;
        Ok((file, Cipher::new(data_key)))
    }

    fn wrap(
        data_key: &Zeroizing<[u8; 32]>,
        passphrase: &Secret,
        params: KdfParams,
    ) -> Result<KeyFile, CryptoError> {
        let salt = random::<16>()?;
        let nonce = random::<NONCE_LEN>()?;
        let kek = kek(passphrase, &salt, params)?;
        let aead = XChaCha20Poly1305::new(kek.as_ref().into());
        let salt = B64.encode(salt);
        let wrapped = aead
            .encrypt(
                XNonce::from_slice(&nonce),
                Payload {
                    msg: data_key.as_ref(),
                    aad: &wrap_aad(KEY_FILE_VERSION, params, &salt),
                },
            )
            .map_err(|_| CryptoError::BadKeyFile("wrapping failed".into()))?;
        let mut file = KeyFile {
            version: KEY_FILE_VERSION,
            kdf: "argon2id".into(),
            params,
            salt,
            nonce: B64.encode(nonce),
            wrapped_key: B64.encode(wrapped),
            check: String::new(),
        };
        file.check = file.digest();
        Ok(file)
    }

    /// The check over every field but the check itself.
    fn digest(&self) -> String {
        use sha2::Digest;
        let text = format!(
            "linkwork key file check\n{}\n{}\n{}\n{}\n{}\n{}\n{}\n{}",
            self.version,
            self.kdf,
            self.params.m_cost,
            self.params.t_cost,
            self.params.p_cost,
            self.salt,
            self.nonce,
            self.wrapped_key
        );
        B64.encode(Sha256::digest(text.as_bytes()))
    }

    /// Checks everything that can be checked without the passphrase: the
    /// version, the check, the settings' bounds and the lengths.
    pub fn verify(&self) -> Result<(), CryptoError> {
        if !(1..=KEY_FILE_VERSION).contains(&self.version) || self.kdf != "argon2id" {
            return Err(CryptoError::BadKeyFile(format!(
                "unknown key file version {} / {}",
                self.version, self.kdf
            )));
        }
        if self.version >= 2 && self.check != self.digest() {
            return Err(CryptoError::BadKeyFile(
                "its check does not match: it was changed or damaged".into(),
            ));
        }
        self.params.check()?;
        let lengths = [
            ("salt", &self.salt, 16),
            ("nonce", &self.nonce, NONCE_LEN),
            ("wrapped_key", &self.wrapped_key, 48),
        ];
        for (field, value, len) in lengths {
            if decode_b64(field, value)?.len() != len {
                return Err(CryptoError::BadKeyFile(format!(
                    "{field} has the wrong length"
                )));
            }
        }
        Ok(())
    }

    /// Unwraps the data key with `passphrase`.
    /// The key file is verified first (see [`KeyFile::verify`]).
    pub fn unlock(&self, passphrase: &Secret) -> Result<Cipher, CryptoError> {
        self.verify()?;
        let salt = decode_b64("salt", &self.salt)?;
        let nonce = decode_b64("nonce", &self.nonce)?;
        let wrapped = decode_b64("wrapped_key", &self.wrapped_key)?;
        let kek = kek(passphrase, &salt, self.params)?;
        let aead = XChaCha20Poly1305::new(kek.as_ref().into());
        let key = Zeroizing::new(
            aead.decrypt(
                XNonce::from_slice(&nonce),
                Payload {
                    msg: &wrapped,
                    aad: &wrap_aad(self.version, self.params, &self.salt),
                },
            )
            .map_err(|_| CryptoError::WrongPassphrase)?,
        );
        let key: [u8; 32] = key
            .as_slice()
            .try_into()
            .map_err(|_| CryptoError::BadKeyFile("the data key has the wrong length".into()))?;
        Ok(Cipher::new(Zeroizing::new(key)))
    }

    /// A key file for the same data key under a new passphrase.
    pub fn rewrap(cipher: &Cipher, new_passphrase: &Secret) -> Result<KeyFile, CryptoError> {
        Self::wrap(&cipher.data_key, new_passphrase, KdfParams::default())
    }

    /// Whether this file is of an older format (rewrapped when next opened).
    pub fn is_old(&self) -> bool {
        self.version < KEY_FILE_VERSION
    }
}

/// The data key in use, able to seal and open values.
pub struct Cipher {
    data_key: Zeroizing<[u8; 32]>,
    aead: XChaCha20Poly1305,
    mac_key: Zeroizing<[u8; 32]>,
}

impl std::fmt::Debug for Cipher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Cipher(..)")
    }
}

/// A sealed value failed its authentication check.
#[derive(Debug, Error)]
#[error("its authentication check failed (it was changed, truncated or moved)")]
pub struct Tampered;

impl Cipher {
    /// A cipher over a key held elsewhere (a team's key).
    pub fn from_key(key: [u8; 32]) -> Self {
        Self::new(Zeroizing::new(key))
    }

    fn new(data_key: Zeroizing<[u8; 32]>) -> Self {
        let aead = XChaCha20Poly1305::new(data_key.as_ref().into());
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(data_key.as_ref())
            .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"));
        mac.update(b"linkwork backup mac v1");
        let mac_key = Zeroizing::new(mac.finalize().into_bytes().into());
        Self {
            data_key,
            aead,
            mac_key,
        }
    }

    /// Seals `plaintext` bound to `aad`: nonce followed by ciphertext.
    pub fn seal(&self, aad: &[u8], plaintext: &[u8]) -> Result<Vec<u8>, CryptoError> {
        let nonce = random::<NONCE_LEN>()?;
        let body = self
            .aead
            .encrypt(
                XNonce::from_slice(&nonce),
                Payload {
                    msg: plaintext,
                    aad,
                },
            )
            .map_err(|_| CryptoError::Random("encryption failed".into()))?;
        let mut out = Vec::with_capacity(NONCE_LEN + body.len());
        out.extend_from_slice(&nonce);
        out.extend_from_slice(&body);
        Ok(out)
    }

    /// Opens a value sealed by [`Cipher::seal`] with the same `aad`.
    pub fn open(&self, aad: &[u8], sealed: &[u8]) -> Result<Zeroizing<Vec<u8>>, Tampered> {
        if sealed.len() < NONCE_LEN {
            return Err(Tampered);
        }
        let (nonce, body) = sealed.split_at(NONCE_LEN);
        self.aead
            .decrypt(XNonce::from_slice(nonce), Payload { msg: body, aad })
            .map(Zeroizing::new)
            .map_err(|_| Tampered)
    }

    /// A keyed MAC over `data` (authenticates backup files).
    pub fn mac(&self, data: &[u8]) -> [u8; 32] {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(self.mac_key.as_ref())
            .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"));
        mac.update(data);
        mac.finalize().into_bytes().into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secret(s: &str) -> Secret {
        Secret::new(s.into())
    }

    #[test]
    fn wrap_unlock_and_wrong_passphrase() {
        let (file, cipher) = KeyFile::create(&secret("correct horse")).unwrap();
        let sealed = cipher.seal(b"persons/1", b"Ada").unwrap();
        let again = file.unlock(&secret("correct horse")).unwrap();
        assert_eq!(
            again.open(b"persons/1", &sealed).unwrap().as_slice(),
            b"Ada"
        );
        assert!(matches!(
            file.unlock(&secret("wrong")),
            Err(CryptoError::WrongPassphrase)
        ));
        assert!(matches!(
            file.unlock(&secret("")),
            Err(CryptoError::EmptyPassphrase)
        ));
    }

    #[test]
    fn moved_or_changed_values_fail() {
        let (_, cipher) = KeyFile::create(&secret("p")).unwrap();
        let sealed = cipher.seal(b"persons/1", b"Ada").unwrap();
        assert!(cipher.open(b"persons/2", &sealed).is_err());
        let mut flipped = sealed.clone();
        flipped[30] ^= 1;
        assert!(cipher.open(b"persons/1", &flipped).is_err());
        assert!(cipher.open(b"persons/1", &sealed[..10]).is_err());
    }

    #[test]
    fn rewrap_keeps_the_data_key() {
        let (_, cipher) = KeyFile::create(&secret("old")).unwrap();
        let sealed = cipher.seal(b"a", b"note").unwrap();
        let file = KeyFile::rewrap(&cipher, &secret("new")).unwrap();
        assert!(matches!(
            file.unlock(&secret("old")),
            Err(CryptoError::WrongPassphrase)
        ));
        let c = file.unlock(&secret("new")).unwrap();
        assert_eq!(c.open(b"a", &sealed).unwrap().as_slice(), b"note");
        assert_eq!(c.mac(b"x"), cipher.mac(b"x"));
    }

    /// A version-1 key file, as linkwork wrote them before the check.
    fn version_one(passphrase: &Secret) -> (KeyFile, Cipher) {
        let data_key = Zeroizing::new([7u8; 32]);
        let salt = [1u8; 16];
        let nonce = [2u8; NONCE_LEN];
        let params = KdfParams {
            m_cost: 8 * 1024,
            ..KdfParams::default()
        };
        let kek = kek(passphrase, &salt, params).unwrap();
        let wrapped = XChaCha20Poly1305::new(kek.as_ref().into())
            .encrypt(
                XNonce::from_slice(&nonce),
                Payload {
                    msg: data_key.as_ref(),
                    aad: WRAP_AAD_V1,
                },
            )
            .unwrap();
        let file = KeyFile {
            version: 1,
            kdf: "argon2id".into(),
            params,
            salt: B64.encode(salt),
            nonce: B64.encode(nonce),
            wrapped_key: B64.encode(wrapped),
            check: String::new(),
        };
        (file, Cipher::new(data_key))
    }

    #[test]
    fn version_one_files_still_open_within_bounds() {
        let (file, cipher) = version_one(&secret("p"));
        assert!(file.is_old());
        let again = file.unlock(&secret("p")).unwrap();
        assert_eq!(again.mac(b"x"), cipher.mac(b"x"));
        let greedy = KeyFile {
            params: KdfParams {
                m_cost: 16 * 1024 * 1024,
                ..file.params
            },
            ..file
        };
        let err = greedy.unlock(&secret("p")).unwrap_err().to_string();
        assert!(
            err.contains("m_cost is 16777216, outside 8192 to 1048576"),
            "{err}"
        );
    }

    #[test]
    fn every_tampering_reads_as_damaged_not_as_a_wrong_passphrase() {
        let (file, _) = KeyFile::create(&secret("p")).unwrap();
        let flip = |s: &str| {
            let mut b = B64.decode(s).unwrap();
            b[0] ^= 1;
            B64.encode(b)
        };
        let tampered = [
            KeyFile {
                params: KdfParams {
                    m_cost: 16 * 1024 * 1024,
                    ..file.params
                },
                ..file.clone()
            },
            KeyFile {
                params: KdfParams {
                    t_cost: 100_000,
                    ..file.params
                },
                ..file.clone()
            },
            KeyFile {
                params: KdfParams {
                    t_cost: 4,
                    ..file.params
                },
                ..file.clone()
            },
            KeyFile {
                salt: flip(&file.salt),
                ..file.clone()
            },
            KeyFile {
                nonce: flip(&file.nonce),
                ..file.clone()
            },
            KeyFile {
                wrapped_key: flip(&file.wrapped_key),
                ..file.clone()
            },
            KeyFile {
                check: flip(&file.check),
                ..file.clone()
            },
            KeyFile {
                check: String::new(),
                ..file.clone()
            },
            KeyFile {
                version: 9,
                ..file.clone()
            },
            KeyFile {
                salt: "!!".into(),
                ..file.clone()
            },
        ];
        for (i, t) in tampered.iter().enumerate() {
            let started = std::time::Instant::now();
            let err = t.unlock(&secret("p")).unwrap_err();
            assert!(
                matches!(err, CryptoError::BadKeyFile(_)),
                "tampering {i}: {err}"
            );
            assert!(started.elapsed().as_secs() < 5, "tampering {i} ran on");
        }
        // Settings changed and the check made again (by someone who knows
        // the format) still cannot open: the settings are bound in the wrap.
        let mut resealed = KeyFile {
            params: KdfParams {
                t_cost: 4,
                ..file.params
            },
            ..file.clone()
        };
        resealed.check = resealed.digest();
        assert!(resealed.unlock(&secret("p")).is_err());
        assert!(file.unlock(&secret("p")).is_ok());
    }

    #[test]
    fn key_file_round_trips_as_toml() {
        let (file, _) = KeyFile::create(&secret("p")).unwrap();
        let text = toml::to_string(&file).unwrap();
        assert!(text.contains("m_cost = 65536"));
        assert_eq!(toml::from_str::<KeyFile>(&text).unwrap(), file);
    }
}
