import { BlockList, isIP } from 'node:net';
import type { Request } from 'express';
import Joi from 'joi';

function proxyList(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [ip = '', bits] = entry.split('/');
    const family = isIP(ip) === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) list.addAddress(ip, family);
    else list.addSubnet(ip, Number(bits), family);
  }
  return list;
}

/** `::ffff:10.0.0.1` (an IPv4 peer of a dual-stack socket) is `10.0.0.1`. */
const plain = (address: string): string => {
  const v4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  return v4 ?? address;
};

const trusts = (proxies: BlockList, address: string): boolean => {
  const family = isIP(address);
  return family !== 0 && proxies.check(address, family === 6 ? 'ipv6' : 'ipv4');
};

/**
 * Who is signing in: the address Express gives (the TCP peer: `trust proxy` is not set). Only
 * when that peer is one of the trusted proxies is its X-Forwarded-For read, from the right,
 * up to the first address that is not a trusted proxy; anyone else can write that header.
 */
export function clientAddress(trustedProxies: readonly string[]): (req: Request) => string {
  const proxies = proxyList(trustedProxies);
  return (req) => {
    const peer = plain(req.ip ?? req.socket.remoteAddress ?? 'inconnue');
    return trustedProxies.length === 0 ? peer : forwardedFor(req, peer, proxies);
  };
}

function forwardedFor(req: Request, peer: string, proxies: BlockList): string {
  const chain = (req.get('x-forwarded-for') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  let address = peer;
  while (trusts(proxies, address) && chain.length > 0) address = plain(chain.pop() ?? address);
  return address;
}

/** `a, b,c` → `['a', 'b', 'c']`. */
export const listed = (value: string): string[] =>
  value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');

/** An address (`10.0.0.1`, `::1`) or a subnet (`172.16.0.0/12`). */
const addressOrSubnet = (value: string): boolean => {
  const [ip = '', bits, ...rest] = value.split('/');
  const family = isIP(ip);
  if (family === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  const n = Number(bits);
  return /^\d{1,3}$/.test(bits) && n <= (family === 4 ? 32 : 128);
};

/**
 * AUTH_TRUSTED_PROXIES: the proxies (the gateway's network) whose X-Forwarded-For is read
 * to tell who a caller is; empty, the TCP peer is the caller.
 */
export const trustedProxiesEnv = (): Joi.StringSchema =>
  Joi.string()
    .allow('')
    .default('')
    .custom((value: string, helpers) =>
      listed(value).every(addressOrSubnet) ? value : helpers.error('any.invalid'),
    )
    .messages({ 'any.invalid': '{{#label}} must list addresses or subnets (a.b.c.d/nn)' });
