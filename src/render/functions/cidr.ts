// IP address arithmetic for cidrsubnet, cidrhost and cidrnetmask, following Terraform's
// ipaddr package (Go's net parsing from before Go 1.17: IPv4 octets with leading zeros are
// decimal) and go-cidr's SubnetBig/HostBig (the network number is ORed into place).

/** An address as Go's net.IP holds it: 4 bytes for IPv4, 16 for IPv6. */
interface Ip {
  bytes: number;
  value: bigint;
}

interface Network {
  ip: Ip;
  prefix: number;
}

export class CidrError extends Error {}

const V4_IN_V6 = 0xffffn << 32n;

function parseIPv4(s: string): bigint | null {
  const parts = s.split('.');
  if (parts.length !== 4 || parts.some((p) => !/^\d+$/.test(p) || Number(p) > 255)) return null;
  return parts.reduce((acc, p) => (acc << 8n) | BigInt(Number(p)), 0n);
}

function parseIPv6(s: string): bigint | null {
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const groups = (text: string, allowV4: boolean): bigint[] | null => {
    if (text === '') return [];
    const parts = text.split(':');
    const out: bigint[] = [];
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i]!;
      if (allowV4 && i === parts.length - 1 && p.includes('.')) {
        const v4 = parseIPv4(p);
        if (v4 === null) return null;
        out.push(v4 >> 16n, v4 & 0xffffn);
      } else if (/^[0-9A-Fa-f]+$/.test(p) && parseInt(p, 16) <= 0xffff) out.push(BigInt(parseInt(p, 16)));
      else return null;
    }
    return out;
  };
  const head = groups(halves[0]!, halves.length === 1);
  const tail = halves.length === 2 ? groups(halves[1]!, true) : [];
  if (!head || !tail) return null;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  return [...head, ...Array<bigint>(halves.length === 2 ? missing : 0).fill(0n), ...tail].reduce((acc, g) => (acc << 16n) | g, 0n);
}

/** Go's net.ParseCIDR: the network address (host bits cleared) and prefix length. */
export function parseCidr(s: string): Network {
  const slash = s.indexOf('/');
  const bad = (): never => {
    throw new CidrError(`invalid CIDR address: ${s}`);
  };
  if (slash < 0) return bad();
  const addr = s.slice(0, slash);
  const mask = s.slice(slash + 1);
  const v4 = parseIPv4(addr);
  const bytes = v4 === null ? 16 : 4;
  const value = v4 ?? parseIPv6(addr);
  if (value === null || !/^\d+$/.test(mask) || Number(mask) > bytes * 8) return bad();
  const prefix = Number(mask);
  return { ip: { bytes, value: value & maskBits(prefix, bytes * 8) }, prefix };
}

function maskBits(prefix: number, bits: number): bigint {
  return ((1n << BigInt(prefix)) - 1n) << BigInt(bits - prefix);
}

/** go-cidr's SubnetBig, printed as Go's IPNet.String does. */
export function cidrSubnet(base: Network, newbits: number, netnum: bigint): string {
  const bits = base.ip.bytes * 8;
  const prefix = base.prefix + newbits;
  if (prefix > bits) throw new CidrError(`insufficient address space to extend prefix of ${base.prefix} by ${newbits}`);
  // go-cidr compares num.Uint64() (the magnitude's low 64 bits) with uint64(1<<newbits) - 1;
  // a shift by 64 or more, or by a negative count (a huge unsigned one), gives 0 in Go.
  const max = newbits >= 64 || newbits < 0 ? (1n << 64n) - 1n : (1n << BigInt(newbits)) - 1n;
  if ((netnum < 0n ? -netnum : netnum) % (1n << 64n) > max) throw new CidrError(`prefix extension of ${newbits} does not accommodate a subnet numbered ${netnum}`);
  const ip = insert(base.ip, netnum, bits - prefix);
  // A negative prefix length has no mask (net.CIDRMask gives nil), which IPNet prints so.
  if (prefix < 0) return '<nil>';
  return `${ipText(ip)}/${prefix - (ip.bytes === 16 && isV4Mapped(ip) ? 96 : 0)}`;
}

/** go-cidr's HostBig: a negative host number counts back from the end of the range. */
export function cidrHost(base: Network, hostnum: bigint): string {
  const bits = base.ip.bytes * 8;
  const max = (1n << BigInt(bits - base.prefix)) - 1n;
  let num = hostnum;
  let magnitude = hostnum;
  if (hostnum < 0n) {
    magnitude = -hostnum - 1n;
    num = max - magnitude;
  }
  if (magnitude > max) throw new CidrError(`prefix of ${base.prefix} does not accommodate a host numbered ${num}`);
  // go-cidr shifts by (address bits − 32) for an IPv4-mapped IPv6 base; kept for fidelity.
  const shift = base.ip.bytes === 16 && isV4Mapped(base.ip) ? 96 : 0;
  return ipText(insert(base.ip, num, shift));
}

/** The netmask of an IPv4 prefix in dotted form. */
export function cidrNetmask(base: Network, source: string): string {
  if (base.ip.bytes === 16 && !isV4Mapped(base.ip)) throw new CidrError(`IPv6 addresses cannot have a netmask: ${source}`);
  const bits = base.ip.bytes * 8;
  return ipText({ bytes: base.ip.bytes, value: maskBits(base.prefix, bits) });
}

/** go-cidr's insertNumIntoIP: ip | num << shift, with big.Int semantics (Bytes() of |x|). */
function insert(ip: Ip, num: bigint, shift: number): Ip {
  let v = ip.value | (num << BigInt(shift));
  if (v < 0n) v = -v;
  if (v >= 1n << BigInt(ip.bytes * 8)) throw new CidrError('address out of range');
  return { bytes: ip.bytes, value: v };
}

function isV4Mapped(ip: Ip): boolean {
  return ip.value >> 32n === V4_IN_V6 >> 32n;
}

/** Go's net.IP.String: dotted IPv4 (also for IPv4-mapped IPv6), else RFC 5952 IPv6. */
function ipText(ip: Ip): string {
  if (ip.bytes === 4 || isV4Mapped(ip)) {
    const v = ip.value & 0xffffffffn;
    return [24n, 16n, 8n, 0n].map((s) => String((v >> s) & 0xffn)).join('.');
  }
  const groups = Array.from({ length: 8 }, (_, i) => Number((ip.value >> BigInt(112 - 16 * i)) & 0xffffn));
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j > i ? j : i + 1;
  }
  if (bestLen < 2) bestStart = -1;
  let out = '';
  for (let i = 0; i < 8; i++) {
    if (i === bestStart) {
      out += '::';
      i += bestLen - 1;
      continue;
    }
    if (out !== '' && !out.endsWith(':')) out += ':';
    out += groups[i]!.toString(16);
  }
  return out;
}
