#!/bin/sh
. "$(dirname "$0")/lib.sh"
# lp-report credential and verify (SPEC 5.6): the library against RFC 8785
# and the W3C eddsa-jcs-2022 vectors (tests/unit/jcs.c, credential.c),
# then end to end: a new key, a credential for an accredited portfolio,
# and what verify says about it, changed, expired and malformed.

run jcs
is_rc 0 "RFC 8785: numbers, UTF-16 member order, escapes, refusals; base58"
printf '%s\n' "$out" | grep '^not ok' | sed 's/^/# /'
run credential
is_rc 0 "W3C vc-di-eddsa eddsa-jcs-2022 vectors: keys, hashes, signature, verifying"
printf '%s\n' "$out" | grep '^not ok' | sed 's/^/# /'

# ---- keys ----
run lp-report credential --new-key key.json
is_rc 0 "--new-key makes a key"
like "$out" '^did:key:z6Mk[1-9A-HJ-NP-Za-km-z]{44}$' "and prints its did:key"
did=$out
is "$(stat -c %a key.json)" 600 "the key file is mode 0600"
like "$(cat key.json)" '"privateKeyMultibase": "z3u2' "it holds a Multikey secret"
like "$(cat key.json)" "\"publicKeyMultibase\": \"${did#did:key:}\"" "and the public key of the DID"
cp key.json key.saved
run lp-report credential --new-key key.json
is_rc 2 "--new-key refuses an existing file"
like "$err" "key.json: already exists" "saying so"
same_file key.saved key.json "the old key is untouched"
ln -s elsewhere.json link.json
run lp-report credential --new-key link.json
is_rc 2 "--new-key does not follow a link"
[ ! -e elsewhere.json ] && ok "nothing was made through the link" || not_ok "nothing was made through the link"
(umask 0; lp-report credential --new-key loose.json >/dev/null)
is "$(stat -c %a loose.json)" 600 "mode 0600 whatever the umask"
run lp-report credential --new-key key2.json --issuer-name X
is_rc 2 "--new-key takes nothing else"

# ---- issuing ----
mkportfolio ada ada-lovelace "Ada Lovelace" 2023-09-01 "accredited: 2025-07-01" "outcome: accredited"
mkevidence ada 2024-10-01-maths-club "Maths club" 2024-10-01 "LP1, LP2" team "type: coaching"
mkevidence ada 2024-11-05-research "Research group" 2024-11-05 "LP5" institution
mkportfolio bob bob-b "Bob B" 2025-09-01
mkportfolio cy cy-c "Cy C" 2020-09-01 "accredited: 2022-07-01"

run lp-report credential --key key.json --issuer-name "Example Trust" --issuer-url https://trust.example ada
is_rc 0 "a credential for an accredited portfolio"
printf '%s\n' "$out" >ada.json
like "$out" '"type": \["VerifiableCredential", "OpenBadgeCredential"\]' "an OpenBadgeCredential"
like "$out" "\"id\": \"$did\"" "issued by the key's did:key"
like "$out" '"name": "Example Trust"' "with the issuer's name"
like "$out" '"url": "https://trust.example"' "and URL"
like "$out" '"validFrom": "2025-07-01T00:00:00Z"' "valid from the accredited date"
like "$out" '"validUntil": "2028-07-01T23:59:59Z"' "until the end of the expiry date"
like "$out" '"identityHash": "Ada Lovelace"' "naming the practitioner"
is "$(grep -c '"type": \["Alignment"\]' ada.json)" 10 "aligned to the ten standards"
like "$out" '"targetName": "LP1 Communicating and presenting"' "each by code and name"
is "$(grep -c '"type": \["Evidence"\]' ada.json)" 2 "one evidence entry per item"
# the body is everything after the closing ---: the line 'What happened with Maths club.'
body=$(printf 'What happened with Maths club.\n' | sha256sum | cut -d' ' -f1)
like "$out" "\"narrativeSha256\": \"$body\"" "the narrative as its SHA-256, which sha256sum agrees with"
like "$out" '"cryptosuite": "eddsa-jcs-2022"' "signed with eddsa-jcs-2022"
run lp-report credential --key key.json --issuer-name "Example Trust" --issuer-url https://trust.example ada
is "$out" "$(cat ada.json)" "issuing again the same day gives the same bytes"

# ---- verifying ----
run lp-report verify ada.json
is_rc 0 "verify: the credential is valid"
is "$out" "valid: signed by $did, valid from 2025-07-01 until 2028-07-01" "saying who signed it and when it is valid"
run_in ada.json lp-report verify
is_rc 0 "verify reads standard input"
run_in ada.json lp-report verify -
is_rc 0 "verify reads - as standard input"
run lp-report verify "$SRC_DIR/tests/data/vc-di-eddsa/signedJCS.json"
is_rc 0 "verify accepts the W3C test vector, which lp did not make"

sed 's/Maths club/Maths Club/' ada.json >tampered.json
run lp-report verify tampered.json
is_rc 1 "a changed character: invalid"
like "$out" '^invalid: the signature does not verify' "saying the signature does not verify"
sed 's/"validUntil": "2028-07-01T23:59:59Z"/"validUntil": "2030-07-01T23:59:59Z"/' ada.json >longer.json
run lp-report verify longer.json
is_rc 1 "a later validUntil: invalid"
run lp-report verify --today 2028-07-01 ada.json
is_rc 0 "still valid on the expiry date"
run lp-report verify --today 2028-07-02 ada.json
is_rc 1 "expired the day after"
like "$out" "^invalid: expired: it was valid until 2028-07-01" "saying it expired"
LP_TODAY=2025-06-30 run lp-report verify ada.json
is_rc 1 "not yet valid the day before the award"
like "$out" "not yet valid" "saying so"
lp-report credential --new-key other.json >/dev/null
other=$(lp-report credential --key other.json --issuer-name "Someone Else" ada)
printf '%s\n' "$other" | sed "s/\"id\": \"did:key:[^\"]*\",/\"id\": \"$did\",/" >forged.json
run lp-report verify forged.json
is_rc 1 "another key's credential with our issuer's DID put in: invalid"

# ---- refusals ----
unchanged bob "credential for a portfolio never accredited changes nothing" \
    lp-report credential --key key.json --issuer-name T bob
is_rc 1 "not accredited: status 1"
like "$err" "bob: not accredited" "saying it is not accredited"
is "$out" "" "and writing no credential"
run lp-report credential --key key.json --issuer-name T cy
is_rc 1 "an expired accreditation: status 1"
like "$err" "accreditation of 2022-07-01 expired on 2025-07-01" "saying when it expired"
run lp-report credential --key key.json --issuer-name T --today 2028-07-02 ada
is_rc 1 "issuing after the expiry: status 1"
run lp-report credential --key missing.json --issuer-name T ada
is_rc 2 "a missing key file: status 2"
like "$err" "missing.json: no such key file" "saying so"
printf '{"type":"Multikey","privateKeyMultibase":"z3u2abc"}' >bad.json
run lp-report credential --key bad.json --issuer-name T ada
is_rc 2 "a broken key file: status 2"
like "$err" "bad.json: privateKeyMultibase" "naming the file and the field"
run lp-report credential --key key.json ada
is_rc 2 "no --issuer-name: a usage error"
run lp-report credential --key key.json --issuer-name T --issuer-url ftp://x ada
is_rc 2 "an issuer URL that is not http(s): an error"
run lp-report summary --key key.json ada
is_rc 2 "--key does not apply to summary"

# ---- malformed ----
printf 'not json' >m1.json
run lp-report verify m1.json
is_rc 2 "not JSON: status 2"
like "$err" "m1.json: not a JSON document" "naming the file"
grep -v proofValue ada.json | sed 's/"proofPurpose": "assertionMethod",/"proofPurpose": "assertionMethod"/' >m2.json
run lp-report verify m2.json
is_rc 2 "no proofValue: malformed"
sed 's/eddsa-jcs-2022/ecdsa-jcs-2019/' ada.json >m3.json
run lp-report verify m3.json
is_rc 2 "another cryptosuite: malformed"
like "$err" "unsupported cryptosuite 'ecdsa-jcs-2019'" "saying which"
sed 's/"verificationMethod": "did:key:[^"]*"/"verificationMethod": "did:web:trust.example#key-1"/' ada.json >m4.json
run lp-report verify m4.json
is_rc 2 "a did:web key: malformed"
run lp-report verify nowhere.json
is_rc 2 "a missing file: status 2"
run lp-report verify a.json b.json
is_rc 2 "two files: a usage error"

done_testing
