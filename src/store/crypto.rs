//! Encryption at rest.
//!
//! A passphrase and a random salt give a key-encryption key (Argon2id);
//! that key wraps a random 256-bit data key (XChaCha20-Poly1305), kept in
//! `linkwork.keys`. Every stored value is sealed with the data key
//! (XChaCha20-Poly1305, random 192-bit nonce) with the tree name and
//! record key as associated data, so a record moved to another place fails
//! its check. Changing the passphrase re-wraps the data key; the data is
//! not re-encrypted. Keys live in zeroizing memory.

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
}

const WRAP_AAD: &[u8] = b"linkwork data key v1";

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
        let wrapped = aead
            .encrypt(
                XNonce::from_slice(&nonce),
                Payload {
                    msg: data_key.as_ref(),
                    aad: WRAP_AAD,
                },
            )
            .map_err(|_| CryptoError::BadKeyFile("wrapping failed".into()))?;
        Ok(KeyFile {
            version: 1,
            kdf: "argon2id".into(),
            params,
            salt: B64.encode(salt),
            nonce: B64.encode(nonce),
            wrapped_key: B64.encode(wrapped),
        })
    }

    /// Unwraps the data key with `passphrase`.
    pub fn unlock(&self, passphrase: &Secret) -> Result<Cipher, CryptoError> {
        if self.version != 1 || self.kdf != "argon2id" {
            return Err(CryptoError::BadKeyFile(format!(
                "unknown key file version {} / {}",
                self.version, self.kdf
            )));
        }
        let salt = decode_b64("salt", &self.salt)?;
        let nonce = decode_b64("nonce", &self.nonce)?;
        let wrapped = decode_b64("wrapped_key", &self.wrapped_key)?;
        if nonce.len() != NONCE_LEN {
            return Err(CryptoError::BadKeyFile(
                "the nonce has the wrong length".into(),
            ));
        }
        let kek = kek(passphrase, &salt, self.params)?;
        let aead = XChaCha20Poly1305::new(kek.as_ref().into());
        let key = Zeroizing::new(
            aead.decrypt(
                XNonce::from_slice(&nonce),
                Payload {
                    msg: &wrapped,
                    aad: WRAP_AAD,
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

    #[test]
    fn key_file_round_trips_as_toml() {
        let (file, _) = KeyFile::create(&secret("p")).unwrap();
        let text = toml::to_string(&file).unwrap();
        assert!(text.contains("m_cost = 65536"));
        assert_eq!(toml::from_str::<KeyFile>(&text).unwrap(), file);
    }
}
