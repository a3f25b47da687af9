// What one task asks, in one place for the workflow that checks a submission and the API that
// shows the form: a key-part check asks each of its parts' standards at that part; any other task
// its kind's checklist, less what does not apply to the compound.
import { checklistFor, notApplicableFor, type NotApplicable } from '../catalogue/checklist.js';
import type { CatalogueVersion, CategoryCode, InspectionKind, Standard } from '../catalogue/types.js';
import type { CompoundFeature } from '../compound/features.js';
import type { KeyPartState, TaskScope } from '../contract/pilot-state.js';
import { keyPartChecklist } from '../key-parts/key-part-loop.js';

export interface ChecklistEntry {
  /** The key part the standard is asked at, on key-part checks; null otherwise. */
  keyPart: string | null;
  standard: Standard;
}

export interface TaskChecklist {
  entries: ChecklistEntry[];
  /** Standards of the kind that do not apply to the compound (shown as 不适用 with the reason). */
  notApplicable: NotApplicable[];
}

/** One answer's place in a checklist: a standard may be asked at several key parts. */
export function entryKey(entry: { keyPart?: string | null | undefined; code: string }): string {
  return `${entry.keyPart ?? ''}\u0000${entry.code}`;
}

export function taskChecklist(
  catalogue: CatalogueVersion,
  task: { kind: InspectionKind; scope?: TaskScope | null | undefined },
  round: {
    focusCategories: readonly CategoryCode[];
    keyParts?: ReadonlyArray<Pick<KeyPartState, 'code' | 'standards'>> | null | undefined;
  },
  features: readonly CompoundFeature[] | null,
): TaskChecklist {
  if (task.scope && round.keyParts) {
    return {
      entries: keyPartChecklist(catalogue, round.keyParts, task.scope.keyParts),
      notApplicable: [],
    };
  }
  const options = { focusCategories: round.focusCategories };
  const standards = checklistFor(catalogue, task.kind, features ? { ...options, features } : options);
  return {
    entries: standards.map((standard) => ({ keyPart: null, standard })),
    notApplicable: features ? notApplicableFor(catalogue, task.kind, features, options) : [],
  };
}
