//! Client certificates and keys parsed from PEM (RSA or EC; PKCS#1, PKCS#8 or SEC1).

use std::fmt;

use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};

use crate::error::BoxError;

/// A client certificate chain and its private key. `Debug` shows no key material.
pub struct Identity {
    /// The certificate chain, leaf first.
    pub certs: Vec<CertificateDer<'static>>,
    /// The private key.
    pub key: PrivateKeyDer<'static>,
}

impl Identity {
    /// Parses a PEM certificate chain and a PEM key.
    pub fn from_pem(cert_pem: &[u8], key_pem: &[u8]) -> Result<Self, PemError> {
        Self::new(parse_certificates(cert_pem)?, key_pem)
    }

    /// Pairs parsed certificates with a PEM key, checking that the key is usable.
    pub fn new(certs: Vec<CertificateDer<'static>>, key_pem: &[u8]) -> Result<Self, PemError> {
        let key = PrivateKeyDer::from_pem_slice(key_pem).map_err(|e| PemError::NoKey {
            source: Box::new(e),
        })?;
        rustls::crypto::ring::sign::any_supported_type(&key).map_err(|e| {
            PemError::UnsupportedKey {
                source: Box::new(e),
            }
        })?;
        Ok(Self { certs, key })
    }
}

/// Why PEM certificates or a key could not be used. The messages quote no
/// key material.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PemError {
    /// A certificate block is not valid PEM.
    #[error("invalid PEM certificate: {source}")]
    InvalidCertificate {
        /// The PEM parser's failure.
        source: BoxError,
    },
    /// The bundle holds no certificate.
    #[error("no PEM certificate found")]
    NoCertificate,
    /// No private key could be read.
    #[error("no usable private key in PEM (RSA or EC; PKCS#1, PKCS#8 or SEC1): {source}")]
    NoKey {
        /// The PEM parser's failure.
        source: BoxError,
    },
    /// The key is of a type that cannot sign.
    #[error("unsupported private key: {source}")]
    UnsupportedKey {
        /// The TLS library's failure.
        source: BoxError,
    },
}

/// Parses every certificate in a PEM bundle; an empty or broken bundle is an error.
pub fn parse_certificates(pem: &[u8]) -> Result<Vec<CertificateDer<'static>>, PemError> {
    let certs = CertificateDer::pem_slice_iter(pem)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| PemError::InvalidCertificate {
            source: Box::new(e),
        })?;
    if certs.is_empty() {
        return Err(PemError::NoCertificate);
    }
    Ok(certs)
}

impl Clone for Identity {
    fn clone(&self) -> Self {
        Self {
            certs: self.certs.clone(),
            key: self.key.clone_key(),
        }
    }
}

impl fmt::Debug for Identity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Identity")
            .field("certs", &self.certs.len())
            .field("key", &"<redacted>")
            .finish()
    }
}
