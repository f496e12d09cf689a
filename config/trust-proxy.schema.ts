import ipaddr from 'ipaddr.js';
import { z } from 'zod';

const examples = '(e.g. "127.0.0.1", "10.0.0.5" or "10.0.0.0/24")';

/**
 * What is wrong with one trusted-proxy entry, or undefined when it is an IP address or CIDR range.
 * Only the usual notations pass (four-part decimal IPv4, IPv6): ipaddr.js alone would also take
 * "127.1" or "0x7f000001", which nobody means to write here.
 */
function proxyEntryProblem(entry: string): string | undefined {
  const slash = entry.indexOf('/');
  if (slash === -1) {
    if (ipaddr.IPv4.isValidFourPartDecimal(entry) || ipaddr.IPv6.isValid(entry)) return undefined;
    return `"${entry}" is not an IP address or CIDR range; write the reverse proxy's address as the dashboard sees it ${examples}`;
  }
  if (!ipaddr.IPv4.isValidCIDRFourPartDecimal(entry) && !ipaddr.IPv6.isValidCIDR(entry)) {
    return `"${entry}" is not a CIDR range: an address, "/" and a prefix length up to 32 (IPv4) or 128 (IPv6) ${examples}`;
  }
  if (ipaddr.parseCIDR(entry)[1] === 0) {
    return `"${entry}" covers every address, which trusts X-Forwarded-For from any client, so anyone could forge their address; give the proxy's own address or subnet ${examples}`;
  }
  return undefined;
}

const proxyEntry = z
  .string()
  .trim()
  .superRefine((entry, ctx) => {
    const problem = proxyEntryProblem(entry);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** A list entry; YAML reads an unquoted `127.1` as a number, which is then named like any other. */
const listedEntry = z.preprocess(
  (value) => (typeof value === 'number' ? String(value) : value),
  proxyEntry,
);

/**
 * Config `dashboard.trustProxy`: the reverse proxies whose X-Forwarded-For the dashboard believes
 * (client address for login throttling and the audit trail). `false` trusts none. `true` is refused:
 * trusting every hop lets any client that reaches the port write its own address.
 */
export const trustProxySchema = z
  .union([z.boolean(), proxyEntry, z.array(listedEntry)], {
    error: `must be false or a list of reverse proxy addresses or CIDR ranges ${examples}`,
  })
  .superRefine((value, ctx) => {
    if (value === true) {
      ctx.addIssue({
        code: 'custom',
        message: `true would trust X-Forwarded-For from any client, so anyone could forge their address (to slip past login throttling or into the audit trail under another address); list the reverse proxy's addresses instead ${examples}, or leave it unset`,
      });
    } else if (Array.isArray(value) && value.length === 0) {
      ctx.addIssue({
        code: 'custom',
        message:
          'lists no proxy address; name the reverse proxy in front of the dashboard, or leave trustProxy unset (or false) to ignore X-Forwarded-For',
      });
    }
  })
  .transform((value): false | string[] =>
    typeof value === 'boolean' ? false : typeof value === 'string' ? [value] : value,
  )
  .default(false);
