import { problem, type Problem } from '../shared/reason.js';
import { checkApplicability } from './validate-applicability.js';
import {
  CATEGORY_CODES,
  EVIDENCE_KINDS,
  INSPECTION_KINDS,
  type CatalogueVersion,
  type StandardTopic,
} from './types.js';

/** The sizes the pilot fixed: 八大类、107条工作标准、35条周检查项. */
export const CATALOGUE_SHAPE = { categories: 8, standards: 107, weeklyItems: 35 } as const;

export const STANDARD_CODE_PATTERN = /^([A-H])-(\d{2})$/;

/** Subjects the article says the weekly checklist covers; a version without them is not the pilot's form. */
const WEEKLY_REQUIRED_TOPICS: ReadonlyArray<{ topic: StandardTopic; zh: string; en: string }> = [
  { topic: 'archives', zh: '物业档案', en: 'property archives' },
  {
    topic: 'special_equipment',
    zh: '特种设备维护运行状况',
    en: 'special-equipment maintenance and operation',
  },
  { topic: 'fire_control_room', zh: '消防控制室值班情况', en: 'fire-control-room duty' },
];

function isBlank(text: unknown): boolean {
  return typeof text !== 'string' || text.trim().length === 0;
}

/**
 * Lists everything wrong with a catalogue version; an empty list means it may be published. The
 * checks are structural (counts, codes, references) because content is the admin's judgement.
 */
export function validateCatalogue(catalogue: CatalogueVersion): Problem[] {
  const problems: Problem[] = [];
  const add = (path: string, code: string, zh: string, en: string): void => {
    problems.push(problem(path, code, zh, en));
  };

  if (isBlank(catalogue.version))
    add('version', 'version_missing', '缺少版本号。', 'The version is missing.');
  if (isBlank(catalogue.title)) add('title', 'title_missing', '缺少标题。', 'The title is missing.');
  if (!Number.isSafeInteger(catalogue.effectiveFrom)) {
    add(
      'effectiveFrom',
      'effective_from_invalid',
      '生效时间不是有效的时间戳。',
      'effectiveFrom is not a valid timestamp.',
    );
  }

  // Categories
  if (catalogue.categories.length !== CATALOGUE_SHAPE.categories) {
    add(
      'categories',
      'category_count',
      `应有 ${CATALOGUE_SHAPE.categories} 个类别，实际 ${catalogue.categories.length} 个。`,
      `Expected ${CATALOGUE_SHAPE.categories} categories, found ${catalogue.categories.length}.`,
    );
  }
  const categoryCodes = new Set<string>();
  catalogue.categories.forEach((category, index) => {
    const path = `categories.${index}`;
    if (!(CATEGORY_CODES as readonly string[]).includes(category.code)) {
      add(
        `${path}.code`,
        'category_code_invalid',
        `类别代码 ${category.code} 无效（应为 A–H）。`,
        `Category code ${category.code} is not one of A–H.`,
      );
    }
    if (categoryCodes.has(category.code)) {
      add(
        `${path}.code`,
        'category_code_duplicate',
        `类别代码 ${category.code} 重复。`,
        `Category code ${category.code} is repeated.`,
      );
    }
    categoryCodes.add(category.code);
    if (isBlank(category.name.zh) || isBlank(category.name.en)) {
      add(
        `${path}.name`,
        'category_name_missing',
        `类别 ${category.code} 缺少中文或英文名称。`,
        `Category ${category.code} lacks a Chinese or English name.`,
      );
    }
  });

  // Standards
  if (catalogue.standards.length !== CATALOGUE_SHAPE.standards) {
    add(
      'standards',
      'standard_count',
      `应有 ${CATALOGUE_SHAPE.standards} 条工作标准，实际 ${catalogue.standards.length} 条。`,
      `Expected ${CATALOGUE_SHAPE.standards} standards, found ${catalogue.standards.length}.`,
    );
  }
  const standardsByCode = new Map<string, CatalogueVersion['standards'][number]>();
  const perCategory = new Map<string, number>();
  catalogue.standards.forEach((standard, index) => {
    const path = `standards.${index}`;
    const code = standard.code;
    const match = STANDARD_CODE_PATTERN.exec(code);
    if (!match) {
      add(
        `${path}.code`,
        'standard_code_invalid',
        `标准编号 ${code} 格式不正确（应如 A-01）。`,
        `Standard code ${code} is not like A-01.`,
      );
    } else if (match[1] !== standard.category) {
      add(
        `${path}.code`,
        'standard_code_prefix',
        `标准编号 ${code} 的前缀与所属类别 ${standard.category} 不一致。`,
        `Standard code ${code} does not start with its category ${standard.category}.`,
      );
    }
    if (standardsByCode.has(code)) {
      add(
        `${path}.code`,
        'standard_code_duplicate',
        `标准编号 ${code} 重复。`,
        `Standard code ${code} is repeated.`,
      );
    } else {
      standardsByCode.set(code, standard);
    }
    if (!categoryCodes.has(standard.category)) {
      add(
        `${path}.category`,
        'standard_category_unknown',
        `标准 ${code} 所属类别 ${standard.category} 不存在。`,
        `Standard ${code} refers to unknown category ${standard.category}.`,
      );
    }
    perCategory.set(standard.category, (perCategory.get(standard.category) ?? 0) + 1);
    if (!Number.isSafeInteger(standard.weight) || standard.weight <= 0) {
      add(
        `${path}.weight`,
        'weight_not_positive',
        `标准 ${code} 的分值必须是正整数。`,
        `Standard ${code} must weigh a positive whole number of points.`,
      );
    }
    if (isBlank(standard.title.zh) || isBlank(standard.title.en)) {
      add(
        `${path}.title`,
        'standard_title_missing',
        `标准 ${code} 缺少中文或英文标题。`,
        `Standard ${code} lacks a Chinese or English title.`,
      );
    }
    if (isBlank(standard.requirement)) {
      add(
        `${path}.requirement`,
        'requirement_missing',
        `标准 ${code} 缺少要求内容。`,
        `Standard ${code} has no requirement text.`,
      );
    }
    if (isBlank(standard.method)) {
      add(
        `${path}.method`,
        'method_missing',
        `标准 ${code} 缺少检查方法。`,
        `Standard ${code} does not say how it is checked.`,
      );
    }
    const kinds = standard.kinds as readonly string[];
    if (kinds.length === 0 || kinds.some((kind) => !(INSPECTION_KINDS as readonly string[]).includes(kind))) {
      add(
        `${path}.kinds`,
        'kinds_invalid',
        `标准 ${code} 的检查类型为空或无效。`,
        `Standard ${code} has no or unknown inspection kinds.`,
      );
    } else if (new Set(kinds).size !== kinds.length) {
      add(
        `${path}.kinds`,
        'kinds_duplicate',
        `标准 ${code} 的检查类型重复。`,
        `Standard ${code} lists an inspection kind twice.`,
      );
    }
    const evidence = standard.evidence as readonly string[];
    if (
      evidence.length === 0 ||
      evidence.some((kind) => !(EVIDENCE_KINDS as readonly string[]).includes(kind))
    ) {
      add(
        `${path}.evidence`,
        'evidence_invalid',
        `标准 ${code} 的佐证材料类型为空或无效。`,
        `Standard ${code} has no or unknown evidence kinds.`,
      );
    }
    if (
      standard.scoring.mode === 'graded' &&
      (!Number.isSafeInteger(standard.scoring.max) || standard.scoring.max <= 0)
    ) {
      add(
        `${path}.scoring.max`,
        'graded_max_invalid',
        `标准 ${code} 的评分满分必须是正整数。`,
        `Standard ${code} needs a positive whole maximum grade.`,
      );
    }
  });
  catalogue.categories.forEach((category, index) => {
    if (!perCategory.has(category.code)) {
      add(
        `categories.${index}`,
        'category_empty',
        `类别 ${category.code} 下没有工作标准。`,
        `Category ${category.code} has no standards.`,
      );
    }
  });

  // Weekly checklist
  const weekly = catalogue.weeklyChecklist;
  if (weekly.length !== CATALOGUE_SHAPE.weeklyItems) {
    add(
      'weeklyChecklist',
      'weekly_count',
      `周检查表应有 ${CATALOGUE_SHAPE.weeklyItems} 项，实际 ${weekly.length} 项。`,
      `The weekly checklist needs ${CATALOGUE_SHAPE.weeklyItems} items, found ${weekly.length}.`,
    );
  }
  const onChecklist = new Set<string>();
  weekly.forEach((code, index) => {
    const path = `weeklyChecklist.${index}`;
    if (onChecklist.has(code)) {
      add(
        path,
        'weekly_duplicate',
        `周检查表中 ${code} 重复。`,
        `${code} appears twice on the weekly checklist.`,
      );
    }
    onChecklist.add(code);
    const standard = standardsByCode.get(code);
    if (!standard) {
      add(
        path,
        'weekly_unknown',
        `周检查表中的 ${code} 不在标准目录中。`,
        `Weekly item ${code} is not in the catalogue.`,
      );
    } else if (!standard.kinds.includes('weekly')) {
      add(
        path,
        'weekly_not_marked',
        `${code} 在周检查表中，但未标注用于周检查。`,
        `${code} is on the weekly checklist but not marked for weekly use.`,
      );
    }
  });
  catalogue.standards.forEach((standard, index) => {
    if (standard.kinds.includes('weekly') && !onChecklist.has(standard.code)) {
      add(
        `standards.${index}.kinds`,
        'weekly_not_listed',
        `${standard.code} 标注用于周检查，但不在周检查表中。`,
        `${standard.code} is marked for weekly use but missing from the weekly checklist.`,
      );
    }
  });
  for (const required of WEEKLY_REQUIRED_TOPICS) {
    const covered = weekly.some(
      (code) => standardsByCode.get(code)?.topics.includes(required.topic) ?? false,
    );
    if (!covered) {
      add(
        'weeklyChecklist',
        `weekly_missing_${required.topic}`,
        `周检查表未包含“${required.zh}”方面的检查项。`,
        `The weekly checklist has no item on ${required.en}.`,
      );
    }
  }

  // Where standards apply: compound features, interim control, key parts
  checkApplicability(catalogue, add);
  return problems;
}
