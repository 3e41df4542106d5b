#!/usr/bin/env bash
# Generates a complete DEVELOPMENT PKI for the gateway into certs/generated/ (git-ignored):
# trust anchor, server TLS certificate, the gateway's callback client certificate, and per demo country an authentication (TLS client) and a signing
# certificate, each sealed by the trust anchor exactly as operators seal for the original EFGS
# (openssl dgst -sha256 -sign over the PEM file). Idempotent: existing files are kept; --force regenerates.
# Never use these keys outside development.
set -euo pipefail
cd "$(dirname "$0")"
out=generated
if [[ "${1:-}" == "--force" ]]; then rm -rf "$out"; fi
umask 077
days=825

# The gateway's own callback client certificate (presented to national callback receivers; configured as the TLS
# configuration "callback" in the demo profile). Added separately so that an older development PKI gains it.
callback_client() {
  mkdir -p "$out/callback"
  [[ -f "$out/callback/client.pem" ]] && return 0
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -sha256 -nodes -days "$days" \
    -subj "/C=EU/O=EFGS development/CN=EFGS callback client" \
    -keyout "$out/callback/client.key" -out "$out/callback/client.pem" 2>/dev/null
}

if [[ -f "$out/trust-anchor/ta.pem" ]]; then
  callback_client
  echo "Development PKI already in certs/$out (use --force to regenerate)"
  exit 0
fi
mkdir -p "$out/trust-anchor" "$out/server" "$out/countries"
callback_client

# Trust anchor: RSA 3072, SHA256withRSA, self-signed. Its key seals every registry row.
openssl req -x509 -newkey rsa:3072 -sha256 -nodes -days 3650 -subj "/C=EU/O=EFGS development/CN=EFGS dev trust anchor" \
  -keyout "$out/trust-anchor/ta.key" -out "$out/trust-anchor/ta.pem" 2>/dev/null

# Server TLS certificate for https://localhost:8443 (EC P-256).
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -sha256 -nodes -days "$days" \
  -subj "/C=EU/O=EFGS development/CN=localhost" -addext "subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1" \
  -keyout "$out/server/server.key" -out "$out/server/server.pem" 2>/dev/null

seal() { openssl dgst -sha256 -sign "$out/trust-anchor/ta.key" "$1" | openssl base64 -A > "$1.sig"; }

# name key: RSA 3072 for DE, FR, ES; EC P-256 for IT, NL (both kinds are represented).
newkey() {
  case "$1" in
    DE|FR|ES) echo "-newkey rsa:3072" ;;
    *) echo "-newkey ec -pkeyopt ec_paramgen_curve:P-256" ;;
  esac
}

for country in DE FR ES IT NL; do
  dir="$out/countries/$country"
  mkdir -p "$dir"
  for kind in auth signing; do
    # shellcheck disable=SC2046
    openssl req -x509 $(newkey "$country") -sha256 -nodes -days "$days" \
      -subj "/C=$country/O=National backend $country/CN=$country $kind (development)" \
      -keyout "$dir/$kind.key" -out "$dir/$kind.pem" 2>/dev/null
    seal "$dir/$kind.pem"
  done
done
chmod -R go-rwx "$out"
echo "Development PKI written to certs/$out"
