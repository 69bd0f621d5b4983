import { canonicalIP, compareIPs, InvalidIPError, ipFamily, IPNet } from './ipnet';

describe('IPNet', () => {
  it('parses IPv4 ranges, dropping host bits as Go does', () => {
    const net = IPNet.parse('10.96.3.7/12');
    expect(net.toString()).toBe('10.96.0.0/12');
    expect(net.family).toBe('IPv4');
    expect(net.size).toBe(2n ** 20n);
    expect(net.addressAt(1n)).toBe('10.96.0.1');
    expect(net.addressAt(net.size - 1n)).toBe('10.111.255.255');
  });

  it('places addresses inside the range and nothing outside it', () => {
    const net = IPNet.parse('127.1.0.0/16');
    expect(net.offsetOf('127.1.1.2')).toBe(258n);
    expect(net.contains('127.1.255.255')).toBe(true);
    expect(net.contains('127.2.0.0')).toBe(false);
    expect(net.contains('127.0.255.255')).toBe(false);
    expect(net.contains('::1')).toBe(false);
    expect(net.contains('not-an-ip')).toBe(false);
  });

  it('handles IPv6 ranges of any size', () => {
    const net = IPNet.parse('fd00:10:244::/64');
    expect(net.family).toBe('IPv6');
    expect(net.size).toBe(2n ** 64n);
    expect(net.addressAt(1n)).toBe('fd00:10:244::1');
    expect(net.addressAt(net.size - 1n)).toBe('fd00:10:244:0:ffff:ffff:ffff:ffff');
    expect(net.contains('fd00:10:244::abcd')).toBe(true);
    expect(net.contains('fd00:10:245::1')).toBe(false);
  });

  it.each(['10.0.0.0', '10.0.0.0/33', '10.0.0.0/', '10.0.0.0/08', '010.0.0.0/8', '10/8', '::/129', 'fe80::%eth0/64', 'x/8', '/8'])(
    'refuses %j',
    (text) => {
      expect(() => IPNet.parse(text)).toThrow(InvalidIPError);
      expect(IPNet.isValid(text)).toBe(false);
    },
  );

  it('refuses an offset outside the range', () => {
    expect(() => IPNet.parse('10.0.0.0/30').addressAt(4n)).toThrow(RangeError);
  });
});

describe('addresses', () => {
  it('knows the family of strict address text only', () => {
    expect(ipFamily('10.0.0.1')).toBe('IPv4');
    expect(ipFamily('2001:db8::1')).toBe('IPv6');
    expect(ipFamily('10')).toBeUndefined();
    expect(ipFamily('0x0a.0.0.1')).toBeUndefined();
    expect(ipFamily('010.0.0.1')).toBeUndefined();
  });

  it('writes canonical text', () => {
    expect(canonicalIP('2001:0db8:0:0:0:0:0:0001')).toBe('2001:db8::1');
    expect(() => canonicalIP('1.2.3')).toThrow('invalid IP address "1.2.3"');
  });

  it('orders numerically, IPv4 before IPv6, non-addresses last', () => {
    const ips = ['10.0.0.10', 'fd00::1', 'garbage', '10.0.0.9', '9.255.255.255'];
    expect([...ips].sort(compareIPs)).toEqual(['9.255.255.255', '10.0.0.9', '10.0.0.10', 'fd00::1', 'garbage']);
  });
});
