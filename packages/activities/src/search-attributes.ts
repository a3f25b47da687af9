import { SearchAttributeType, type defineSearchAttributeKey } from '@temporalio/common';
import type { NativeConnection } from '@temporalio/worker';
import proto from '@temporalio/proto';

// @temporalio/proto is CommonJS: Node's ESM loader sees only its default export.
const { temporal } = proto;

// The SDK does not re-export the key's type from its index.
type SearchAttributeKey = ReturnType<typeof defineSearchAttributeKey>;

const indexedValueType: Record<string, proto.temporal.api.enums.v1.IndexedValueType> = {
  [SearchAttributeType.KEYWORD]: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  [SearchAttributeType.TEXT]: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_TEXT,
  [SearchAttributeType.INT]: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_INT,
  [SearchAttributeType.DOUBLE]: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_DOUBLE,
  [SearchAttributeType.BOOL]: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_BOOL,
  [SearchAttributeType.DATETIME]: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
};

/**
 * Registers the custom search attributes the workflows set, skipping those the namespace already has,
 * so a worker can start against a brand-new dev server or a long-lived cluster alike.
 */
export async function ensureSearchAttributes(
  // A worker's NativeConnection or a client's Connection: both carry the operator service.
  connection: Pick<NativeConnection, 'operatorService'>,
  namespace: string,
  keys: ReadonlyArray<SearchAttributeKey>,
): Promise<string[]> {
  let known = new Set<string>();
  try {
    const existing = await connection.operatorService.listSearchAttributes({ namespace });
    known = new Set(Object.keys(existing.customAttributes ?? {}));
  } catch (error) {
    // Temporal's Java test server implements adding search attributes but not listing them.
    if ((error as { code?: number }).code !== 12 /* UNIMPLEMENTED */) throw error;
  }
  const missing = keys.filter((key) => !known.has(key.name));
  if (missing.length === 0) return [];
  try {
    await connection.operatorService.addSearchAttributes({
      namespace,
      searchAttributes: Object.fromEntries(missing.map((key) => [key.name, indexedValueType[key.type]!])),
    });
  } catch (error) {
    // Workers started together race to add them; the loser finds them there, which is the goal.
    if ((error as { code?: number }).code !== 6 /* ALREADY_EXISTS */) throw error;
    return [];
  }
  return missing.map((key) => key.name);
}
