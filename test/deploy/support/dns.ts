import { createSocket, type Socket } from 'node:dgram';

/**
 * A DNS server for tests (UDP on 127.0.0.1): A records from a table the test changes as it
 * goes, NXDOMAIN for any other name, a 1 s TTL. Enough for nginx's resolver, which plays the
 * part of Docker's embedded DNS (127.0.0.11) in the Swarm balancer's config.
 */
export interface TestDns {
  port: number;
  /** name → IPv4 address; a name left out answers NXDOMAIN. */
  records: Map<string, string>;
  close(): Promise<void>;
}

function questionName(msg: Buffer): { name: string; end: number } {
  const labels: string[] = [];
  let i = 12;
  while (i < msg.length && msg[i] !== 0) {
    const len = msg[i] ?? 0;
    labels.push(msg.subarray(i + 1, i + 1 + len).toString('ascii'));
    i += len + 1;
  }
  return { name: labels.join('.').toLowerCase(), end: i + 5 }; // zero byte, type, class
}

function answer(msg: Buffer, records: Map<string, string>): Buffer {
  const { name, end } = questionName(msg);
  const qtype = msg.readUInt16BE(end - 4);
  const address = records.get(name);
  const header = Buffer.alloc(12);
  msg.copy(header, 0, 0, 2); // id
  const found = address !== undefined && qtype === 1;
  header.writeUInt16BE(address === undefined ? 0x8183 : 0x8180, 2); // response, NXDOMAIN or not
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(found ? 1 : 0, 6);
  const question = msg.subarray(12, end);
  if (!found) return Buffer.concat([header, question]);
  const record = Buffer.alloc(16);
  record.writeUInt16BE(0xc00c, 0); // the name: a pointer to the question's
  record.writeUInt16BE(1, 2); // A
  record.writeUInt16BE(1, 4); // IN
  record.writeUInt32BE(1, 6); // TTL
  record.writeUInt16BE(4, 10);
  address.split('.').forEach((b, k) => record.writeUInt8(Number(b), 12 + k));
  return Buffer.concat([header, question, record]);
}

export async function startTestDns(records: Record<string, string>): Promise<TestDns> {
  const socket: Socket = createSocket('udp4');
  const table = new Map(Object.entries(records));
  socket.on('message', (msg, from) => {
    socket.send(answer(msg, table), from.port, from.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return {
    port: socket.address().port,
    records: table,
    close: () => new Promise((resolve) => socket.close(() => resolve())),
  };
}
