//! rustls client configuration: custom CAs, client certificates,
//! tls-server-name, and insecure-skip-tls-verify only when configured.

use std::sync::Arc;

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::client::WebPkiServerVerifier;
use rustls::crypto::{verify_tls12_signature, verify_tls13_signature, CryptoProvider};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{DigitallySignedStruct, RootCertStore, SignatureScheme};

use crate::config::{Config, Identity, TlsConfigError};

/// Builds the TLS configuration for `config`, presenting `identity` if any.
pub(crate) fn client_config(
    config: &Config,
    identity: Option<&Identity>,
) -> Result<rustls::ClientConfig, TlsConfigError> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let builder = rustls::ClientConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()
        .map_err(|e| TlsConfigError::Build {
            part: "protocol versions",
            source: Box::new(e),
        })?;
    if config.insecure_skip_tls_verify && !config.root_certs.is_empty() {
        return Err(TlsConfigError::RootCertificatesWithInsecure);
    }
    let verifier: Arc<dyn ServerCertVerifier> = if config.insecure_skip_tls_verify {
        Arc::new(AcceptAnyServerCert(provider))
    } else {
        let mut roots = RootCertStore::empty();
        if config.root_certs.is_empty() {
            let native = rustls_native_certs::load_native_certs();
            roots.add_parsable_certificates(native.certs);
        } else {
            for cert in &config.root_certs {
                roots
                    .add(cert.clone())
                    .map_err(|e| TlsConfigError::CaCertificate {
                        source: Box::new(e),
                    })?;
            }
        }
        let webpki = WebPkiServerVerifier::builder_with_provider(Arc::new(roots), provider)
            .build()
            .map_err(|e| TlsConfigError::Build {
                part: "certificate verifier",
                source: Box::new(e),
            })?;
        match &config.tls_server_name {
            Some(name) => Arc::new(VerifyAsName {
                inner: webpki,
                name: ServerName::try_from(name.clone()).map_err(|e| {
                    TlsConfigError::ServerName {
                        name: name.clone(),
                        source: Box::new(e),
                    }
                })?,
            }),
            None => webpki,
        }
    };
    let builder = builder
        .dangerous()
        .with_custom_certificate_verifier(verifier);
    let mut tls = match identity {
        Some(id) => builder
            .with_client_auth_cert(id.certs.clone(), id.key.clone_key())
            .map_err(|e| TlsConfigError::ClientCertificate {
                source: Box::new(e),
            })?,
        None => builder.with_no_client_auth(),
    };
    tls.alpn_protocols = alpn_protocols();
    Ok(tls)
}

/// The protocols offered in the TLS handshake: HTTP/2 only when the client
/// can speak it (feature `http2`), or a server that picks it gets no answer.
fn alpn_protocols() -> Vec<Vec<u8>> {
    let mut protocols = Vec::new();
    if cfg!(feature = "http2") {
        protocols.push(b"h2".to_vec());
    }
    protocols.push(b"http/1.1".to_vec());
    protocols
}

/// Verifies the server's certificate against a configured name (tls-server-name)
/// instead of the host in the URL, as client-go does.
#[derive(Debug)]
struct VerifyAsName {
    inner: Arc<WebPkiServerVerifier>,
    name: ServerName<'static>,
}

impl ServerCertVerifier for VerifyAsName {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        self.inner
            .verify_server_cert(end_entity, intermediates, &self.name, ocsp_response, now)
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.inner.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.inner.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.inner.supported_verify_schemes()
    }
}

/// insecure-skip-tls-verify: accepts any certificate, but still checks that
/// the handshake is signed by it.
#[derive(Debug)]
struct AcceptAnyServerCert(Arc<CryptoProvider>);

impl ServerCertVerifier for AcceptAnyServerCert {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls12_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls13_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::parse_certificates;

    fn pki(name: &str) -> Vec<u8> {
        std::fs::read(format!(
            "{}/testdata/pki/{name}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap()
    }

    fn config() -> Config {
        Config::new("https://127.0.0.1:6443".parse().unwrap())
    }

    #[test]
    fn insecure_with_root_certificates_is_refused() {
        let mut config = config();
        config.root_certs = parse_certificates(&pki("ca.crt")).unwrap();
        assert!(client_config(&config, None).is_ok());
        config.insecure_skip_tls_verify = true;
        let err = client_config(&config, None).unwrap_err();
        assert!(
            matches!(err, TlsConfigError::RootCertificatesWithInsecure),
            "{err:?}"
        );
        assert!(
            err.to_string().contains("insecure-skip-tls-verify"),
            "{err}"
        );
        config.root_certs.clear();
        assert!(
            client_config(&config, None).is_ok(),
            "insecure alone is allowed"
        );
    }

    #[test]
    fn a_ca_certificate_that_is_not_a_certificate_is_refused_with_its_cause() {
        let mut config = config();
        config.root_certs = vec![CertificateDer::from(vec![0x30, 0x03, 0x02, 0x01, 0x00])];
        let err = client_config(&config, None).unwrap_err();
        assert!(
            matches!(&err, TlsConfigError::CaCertificate { source } if source.is::<rustls::Error>()),
            "{err:?}"
        );
    }

    #[test]
    fn an_invalid_tls_server_name_is_refused_naming_it() {
        let mut config = config();
        config.tls_server_name = Some("not a name".into());
        let err = client_config(&config, None).unwrap_err();
        assert!(
            matches!(&err, TlsConfigError::ServerName { name, .. } if name == "not a name"),
            "{err:?}"
        );
    }

    #[test]
    fn a_client_key_that_does_not_match_its_certificate_is_refused() {
        let certs = parse_certificates(&pki("rsa-pkcs1.crt")).unwrap();
        let identity = Identity::new(certs, &pki("ec-sec1.key")).unwrap();
        let err = client_config(&config(), Some(&identity)).unwrap_err();
        assert!(
            matches!(&err, TlsConfigError::ClientCertificate { source } if source.is::<rustls::Error>()),
            "{err:?}"
        );
    }

    #[test]
    fn http2_is_offered_only_with_the_feature() {
        let config = Config::new("https://127.0.0.1:6443".parse().unwrap());
        let tls = client_config(&config, None).unwrap();
        let h2 = tls.alpn_protocols.iter().any(|p| p == b"h2");
        assert_eq!(h2, cfg!(feature = "http2"));
        assert_eq!(tls.alpn_protocols.last().unwrap(), b"http/1.1");
    }
}
