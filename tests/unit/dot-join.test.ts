import { describe, expect, it } from 'vitest';
import { dotJoin } from '../../src/components/dot-join.js';

describe('a line of parts', () => {
  it('joins what is there and leaves out what is empty, with no dangling dot', () => {
    expect(dotJoin('RO-20261204-0004', 'Nissan Sylphy 轩逸')).toBe(
      'RO-20261204-0004 · Nissan Sylphy 轩逸',
    );
    expect(dotJoin('RO-20261204-0004', '')).toBe('RO-20261204-0004');
    expect(dotJoin('京A·12345', undefined, '  ', '张伟')).toBe('京A·12345 · 张伟');
    expect(dotJoin()).toBe('');
  });
});
