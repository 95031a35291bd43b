export { DamageMap, DamageLegend } from './damage-map.js';
export { useDamageMarks } from './data.js';
export { CAR_OUTLINE, type OutlineView } from './car-outline.js';
export { damageTexts } from './texts.js';
