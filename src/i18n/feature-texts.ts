/**
 * Each feature keeps its texts beside its code, both languages in one place;
 * en.ts and zh-CN.ts mount them under the feature's key. The Chinese texts
 * are typed by the English ones, so a missing key does not compile.
 */
export type Texts<T> = { [K in keyof T]: T[K] extends string ? string : Texts<T[K]> };

export function featureTexts<T>(en: T, zhCN: Texts<T>): { en: T; zhCN: Texts<T> } {
  return { en, zhCN };
}
