import { describe, expect, it } from 'vitest';
import { en } from '../../src/i18n/en.js';
import { zhCN } from '../../src/i18n/zh-CN.js';
import {
  AUDIT_EVENT_SUBJECTS,
  COLLECTION_NAMES,
  ERROR_MESSAGES,
  SYNCED_COLLECTIONS,
} from '../../src/schema/index.js';

function leaves(tree: object, prefix = ''): Map<string, string> {
  const found = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') found.set(path, value);
    else for (const [leaf, text] of leaves(value as object, path)) found.set(leaf, text);
  }
  return found;
}

// The same in both languages: a language's own name, fractions, a role with a username.
const UNTRANSLATED_ON_PURPOSE = [
  'language.en',
  'order.customerLanguages.en',
  'checkIn.fuel.value',
  'session.userRole',
];

describe('texts in both languages', () => {
  it('has every English key in Chinese and no empty text', () => {
    const english = leaves(en);
    const chinese = leaves(zhCN);
    expect([...chinese.keys()].sort()).toEqual([...english.keys()].sort());
    for (const [key, text] of [...english, ...chinese]) expect(text.trim(), key).not.toBe('');
  });

  it('really translates: Chinese texts contain Chinese characters', () => {
    const untranslated = [...leaves(zhCN)].filter(
      ([key, text]) => !/[\u4e00-\u9fff]/.test(text) && !UNTRANSLATED_ON_PURPOSE.includes(key),
    );
    expect(untranslated).toEqual([]);
  });

  it('keeps the same placeholders in both languages', () => {
    const english = leaves(en);
    for (const [key, text] of leaves(zhCN)) {
      const names = (value: string) => [...value.matchAll(/{{(\w+)}}/g)].map((m) => m[1]).sort();
      expect(names(text), key).toEqual(names(english.get(key) ?? ''));
    }
  });

  it('gives every error code a message in both languages', () => {
    for (const [code, message] of Object.entries(ERROR_MESSAGES)) {
      expect(message.en, code).not.toBe('');
      expect(message['zh-CN'], code).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('names every record type and every field a write can change in the audit log, in both languages', () => {
    const fields = new Set(
      COLLECTION_NAMES.flatMap((name) => Object.keys(SYNCED_COLLECTIONS[name].schema.properties)),
    );
    expect(fields.size).toBeGreaterThan(50);
    const types = [...COLLECTION_NAMES, ...Object.values(AUDIT_EVENT_SUBJECTS)];
    for (const texts of [leaves(en), leaves(zhCN)]) {
      const missing = [
        ...[...fields].filter((field) => !texts.has(`admin.audit.fields.${field}`)),
        ...types.filter((type) => !texts.has(`admin.audit.types.${type}`)),
      ];
      expect(missing).toEqual([]);
    }
  });
});
