#!/usr/bin/env bash
# Computes the webhook signature fixtures with an independent tool (openssl), not with our code:
#   base64(HMAC-SHA256(key = UTF-8 secret, message = raw body bytes))
# Output: signatures.tsv with  case<TAB>body file<TAB>secret<TAB>signature
set -euo pipefail
cd "$(dirname "$0")"
sign() { openssl dgst -sha256 -hmac "$2" -binary < "$1" | base64; }
current='whsec-current-7f3a'
previous='whsec-previous-19c2'
{
  printf 'valid\tcontact-changed.json\t%s\t%s\n' "$current" "$(sign contact-changed.json "$current")"
  # tampered: the signature of the original body, sent with a changed body
  printf 'tampered\ttampered.json\t%s\t%s\n' "$current" "$(sign contact-changed.json "$current")"
  printf 'wrong-secret\tcontact-changed.json\t%s\t%s\n' "$current" "$(sign contact-changed.json 'not-the-secret')"
  printf 'rotated\tcontact-changed.json\t%s\t%s\n' "$current" "$(sign contact-changed.json "$previous")"
  printf 'non-ascii\tnon-ascii.json\t%s\t%s\n' "$current" "$(sign non-ascii.json "$current")"
  printf 'trailing-newline\ttrailing-newline.json\t%s\t%s\n' "$current" "$(sign trailing-newline.json "$current")"
  printf 'non-ascii-secret\tcontact-changed.json\t%s\t%s\n' 'geheim-Schlüssel-ø' "$(sign contact-changed.json 'geheim-Schlüssel-ø')"
} > signatures.tsv
