//! Client certificates and keys parsed from PEM (RSA or EC; PKCS#1, PKCS#8 or SEC1).

use std::fmt;

use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};

/// A client certificate chain and its private key. `Debug` shows no key material.
pub struct Identity {
    /// The certificate chain, leaf first.
    pub certs: Vec<CertificateDer<'static>>,
    /// The private key.
    pub key: PrivateKeyDer<'static>,
}

impl Identity {
    /// Parses a PEM certificate chain and a PEM key.
    pub fn from_pem(cert_pem: &[u8], key_pem: &[u8]) -> Result<Self, String> {
        Self::new(parse_certificates(cert_pem)?, key_pem)
    }

    /// Pairs parsed certificates with a PEM key, checking that the key is usable.
    pub fn new(certs: Vec<CertificateDer<'static>>, key_pem: &[u8]) -> Result<Self, String> {
        let key = PrivateKeyDer::from_pem_slice(key_pem).map_err(|e| {
            format!("no usable private key in PEM (RSA or EC; PKCS#1, PKCS#8 or SEC1): {e}")
        })?;
        rustls::crypto::ring::sign::any_supported_type(&key)
            .map_err(|e| format!("unsupported private key: {e}"))?;
        Ok(Self { certs, key })
    }
}

/// Parses every certificate in a PEM bundle; an empty or broken bundle is an error.
pub fn parse_certificates(pem: &[u8]) -> Result<Vec<CertificateDer<'static>>, String> {
    let certs = CertificateDer::pem_slice_iter(pem)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| format!("invalid PEM certificate: {e}"))?;
    if certs.is_empty() {
        return Err("no PEM certificate found".into());
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
