import { formatFingerprint } from './signing-key.js';

/** VERIFY.txt: how to check a packet with standard tools (coreutils, OpenSSL 3). */
export function verifyInstructions(input: { fingerprint: string; createdAt: Date }): string {
  return `HOW TO VERIFY THIS EVIDENCE PACKET
==================================

Packet created ${input.createdAt.toISOString()} (UTC) by adwatch.
Signing key fingerprint (SHA-256 of the public key's SPKI DER encoding):

    ${input.fingerprint}
    (${formatFingerprint(input.fingerprint)})

Compare this fingerprint with the one the issuing unit publishes or prints with
"adwatch keys show". A packet signed by another key is not from that unit.

Unzip the packet into an empty directory and run these commands there.

1. The signature over manifest.json (OpenSSL 3.0 or later). Must print
   "Signature Verified Successfully":

    openssl pkeyutl -verify -pubin -inkey signing-key.pub.pem -rawin -in manifest.json -sigfile manifest.sig

2. The public key is the one named above. Must print the fingerprint above:

    openssl pkey -pubin -in signing-key.pub.pem -outform DER | sha256sum

3. Every file's SHA-256 (SHA256SUMS lists every file except manifest.json,
   manifest.sig, manifest.tsr and itself). Every line must end in "OK":

    sha256sum -c SHA256SUMS

4. SHA256SUMS itself is listed, with its SHA-256, in the signed manifest.json.
   The two values printed must be equal:

    sha256sum SHA256SUMS
    grep -B1 -A2 '"path": "SHA256SUMS"' manifest.json

5. No file was added: the only files present are the ones listed in SHA256SUMS
   plus SHA256SUMS, manifest.json, manifest.sig (and manifest.tsr if present).
   This must print nothing:

    find . -type f | sed 's|^\\./||' | sort > /tmp/present.txt
    { sed 's/^[0-9a-f]*  //' SHA256SUMS; printf '%s\\n' SHA256SUMS manifest.json manifest.sig; [ -f manifest.tsr ] && echo manifest.tsr; } | sort > /tmp/listed.txt
    diff /tmp/listed.txt /tmp/present.txt

6. Only when the packet has manifest.tsr: the RFC 3161 timestamp over manifest.json.
   With the timestamp authority's CA certificate (from the authority), this must
   print "Verification: OK"; the second command shows the time:

    openssl ts -verify -data manifest.json -in manifest.tsr -CAfile TSA-CA.pem
    openssl ts -reply -in manifest.tsr -text

adwatch does steps 1-5 in one command, without any service running, and checks
that a timestamp token covers the manifest (not the authority's signature).
Give it the fingerprint the issuing unit publishes (not the key inside this
packet: whoever changed a packet can put their own key there):

    npx adwatch verify packet.zip --key <published fingerprint>

Exit code 0: intact and signed by that key; 1: not intact; 2: not checked (file
or key unreadable); 3: intact, but not signed by a key you trust.

The file format is described in adwatch's docs/evidence-packet.md.
`;
}
