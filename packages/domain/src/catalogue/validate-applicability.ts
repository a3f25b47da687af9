import { COMPOUND_FEATURES } from '../compound/features.js';
import { KEY_PART_CODE_PATTERN, type CatalogueVersion } from './types.js';

type Add = (path: string, code: string, zh: string, en: string) => void;

const KNOWN_FEATURES: ReadonlySet<string> = new Set(COMPOUND_FEATURES);

function isBlank(text: unknown): boolean {
  return typeof text !== 'string' || text.trim().length === 0;
}

/**
 * The structural rules of the fields that say where a standard applies: known compound features,
 * interim control (已管控) only where a failure is a safety matter, and key parts that name real
 * standards. Features are compared as plain strings so a version parsed from JSON elsewhere and
 * carrying a feature this build does not know gets a message, not a silent pass.
 */
export function checkApplicability(catalogue: CatalogueVersion, add: Add): void {
  const standardCodes = new Set(catalogue.standards.map((standard) => standard.code));

  catalogue.standards.forEach((standard, index) => {
    const path = `standards.${index}`;
    const code = standard.code;
    const seen = new Set<string>();
    (standard.requires ?? []).forEach((feature: string, at) => {
      if (!KNOWN_FEATURES.has(feature)) {
        add(
          `${path}.requires.${at}`,
          'requires_unknown',
          `标准 ${code} 的适用条件 ${feature} 不是已知的小区设施。`,
          `Standard ${code} requires ${feature}, which is not a known compound feature.`,
        );
      } else if (seen.has(feature)) {
        add(
          `${path}.requires.${at}`,
          'requires_duplicate',
          `标准 ${code} 的适用条件 ${feature} 重复。`,
          `Standard ${code} lists the requirement ${feature} twice.`,
        );
      }
      seen.add(feature);
    });
    const interim = standard.interimControl;
    if (interim !== undefined) {
      if (!standard.critical) {
        add(
          `${path}.interimControl`,
          'interim_control_not_critical',
          `标准 ${code} 不是关键项，不应设置“已管控”规则。`,
          `Standard ${code} is not critical, so it takes no interim-control rule.`,
        );
      } else if (isBlank(interim.zh) || isBlank(interim.en)) {
        add(
          `${path}.interimControl`,
          'interim_control_text_missing',
          `标准 ${code} 的“已管控”规则缺少中文或英文说明。`,
          `Standard ${code} has an interim-control rule without Chinese or English text.`,
        );
      }
    }
  });

  const keyParts = catalogue.keyParts ?? [];
  const partCodes = new Set<string>();
  keyParts.forEach((part, index) => {
    const path = `keyParts.${index}`;
    if (part.code.length > 40 || !KEY_PART_CODE_PATTERN.test(part.code)) {
      add(
        `${path}.code`,
        'key_part_code_invalid',
        `重点部位代码 ${part.code} 格式不正确（应为小写字母和下划线，如 pump_room）。`,
        `Key-part code ${part.code} is not snake_case like pump_room.`,
      );
    } else if (partCodes.has(part.code)) {
      add(
        `${path}.code`,
        'key_part_code_duplicate',
        `重点部位代码 ${part.code} 重复。`,
        `Key-part code ${part.code} is repeated.`,
      );
    }
    partCodes.add(part.code);
    if (isBlank(part.name.zh) || isBlank(part.name.en)) {
      add(
        `${path}.name`,
        'key_part_name_missing',
        `重点部位 ${part.code} 缺少中文或英文名称。`,
        `Key part ${part.code} lacks a Chinese or English name.`,
      );
    }
    part.requires.forEach((feature: string, at) => {
      if (!KNOWN_FEATURES.has(feature)) {
        add(
          `${path}.requires.${at}`,
          'key_part_requires_unknown',
          `重点部位 ${part.code} 的适用条件 ${feature} 不是已知的小区设施。`,
          `Key part ${part.code} requires ${feature}, which is not a known compound feature.`,
        );
      }
    });
    if (part.standards.length === 0) {
      add(
        `${path}.standards`,
        'key_part_empty',
        `重点部位 ${part.code} 没有列出要检查的工作标准。`,
        `Key part ${part.code} lists no standards to check.`,
      );
    }
    const listed = new Set<string>();
    part.standards.forEach((code, at) => {
      if (!standardCodes.has(code)) {
        add(
          `${path}.standards.${at}`,
          'key_part_standard_unknown',
          `重点部位 ${part.code} 引用的标准 ${code} 不在标准目录中。`,
          `Key part ${part.code} refers to ${code}, which is not in the catalogue.`,
        );
      } else if (listed.has(code)) {
        add(
          `${path}.standards.${at}`,
          'key_part_standard_duplicate',
          `重点部位 ${part.code} 中标准 ${code} 重复。`,
          `Key part ${part.code} lists ${code} twice.`,
        );
      }
      listed.add(code);
    });
  });
}
